package org.latent4j.models.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.FileFormatException;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.random.RandomSource;

class ImageClassifierTest {
    static final int SIDE = 8;

    /**
     * 8×8 images whose class is known: class c lights the c-th quarter (top-left, top-right, bottom-left,
     * bottom-right) at 0.8 over noise in [0, 0.3].
     */
    static DataMatrix images(String name, int n, int[] labels, RandomSource rng) {
        float[] x = new float[n * SIDE * SIDE];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(4);
            labels[i] = c;
            for (int r = 0; r < SIDE; r++) {
                for (int col = 0; col < SIDE; col++) {
                    boolean lit = (r < SIDE / 2 ? 0 : 2) + (col < SIDE / 2 ? 0 : 1) == c;
                    x[i * SIDE * SIDE + r * SIDE + col] = (lit ? 0.7f : 0f) + 0.3f * rng.nextFloat();
                }
            }
        }
        return new DataMatrix(name, x, n, SIDE * SIDE);
    }

    @Test
    void learnsKnownClassesAndIsCachedOnce(@TempDir Path cache) throws IOException {
        RandomSource rng = new RandomSource(11);
        int[] trainLabels = new int[600];
        int[] testLabels = new int[200];
        DataMatrix train = images("quarters/train", 600, trainLabels, rng);
        DataMatrix test = images("quarters/test", 200, testLabels, rng);
        ClassifierConfig config = new ClassifierConfig(1, SIDE, SIDE, 4, 2, 3);
        ClassifierCache.Trained first = ClassifierCache.obtain(cache, config, train, trainLabels, test, testLabels);
        assertFalse(first.fromCache());
        assertTrue(first.testAccuracy() > 0.95, "test accuracy " + first.testAccuracy());
        assertTrue(Files.isRegularFile(first.dir().resolve("model.safetensors")));
        assertTrue(first.dir().startsWith(cache.resolve("classifiers")));

        ClassifierCache.Trained second = ClassifierCache.obtain(cache, config, train, trainLabels, test, testLabels);
        assertTrue(second.fromCache());
        assertEquals(first.dir(), second.dir());
        assertEquals(first.testAccuracy(), second.testAccuracy());
        assertArrayEquals(first.classifier().features(test), second.classifier().features(test));
        float[] f = second.classifier().features(test);
        assertEquals(200 * ClassifierConfig.FEATURES, f.length);

        // other settings, another classifier; the same seed trains the same weights
        ClassifierConfig reseeded = new ClassifierConfig(1, SIDE, SIDE, 4, 2, 4);
        Path other = ClassifierCache.location(cache, reseeded, train, trainLabels);
        assertFalse(other.equals(first.dir()));
        ImageClassifier again = new ImageClassifier(config);
        again.fit(train, trainLabels, null, null);
        assertArrayEquals(first.classifier().features(test), again.features(test));
    }

    @Test
    void measuresSeparateGoodSamplesFromCollapsedOnes(@TempDir Path cache) throws IOException {
        RandomSource rng = new RandomSource(12);
        int[] trainLabels = new int[600];
        int[] testLabels = new int[400];
        int[] moreLabels = new int[400];
        DataMatrix train = images("quarters/train", 600, trainLabels, rng);
        DataMatrix test = images("quarters/test", 400, testLabels, rng);
        ClassifierConfig config = new ClassifierConfig(1, SIDE, SIDE, 4, 2, 3);
        ImageClassifier c = ClassifierCache.obtain(cache, config, train, trainLabels, test, testLabels).classifier();
        // "samples" from the data's own distribution, and "samples" of class 0 only
        DataMatrix good = images("good", 400, moreLabels, rng);
        float[] collapsed = new float[400 * SIDE * SIDE];
        int[] ignored = new int[1];
        for (int i = 0, filled = 0; filled < 400; i++) {
            DataMatrix one = images("one", 1, ignored, rng);
            if (ignored[0] == 0) {
                System.arraycopy(one.x(), 0, collapsed, filled++ * SIDE * SIDE, SIDE * SIDE);
            }
        }
        DataMatrix bad = new DataMatrix("collapsed", collapsed, 400, SIDE * SIDE);
        ImageQuality.Settings settings = new ImageQuality.Settings(20, 200);
        ImageQuality q = ImageQuality.measure(c, test, good, settings, new RandomSource(1));
        ImageQuality b = ImageQuality.measure(c, test, bad, settings, new RandomSource(1));
        assertTrue(q.frechet() < b.frechet() / 10, q.frechet() + " vs " + b.frechet());
        assertTrue(q.kernel().mean() < b.kernel().mean() / 10, q.kernel() + " vs " + b.kernel());
        assertEquals(0.5, q.nearest().accuracy(), 0.1);
        assertTrue(b.nearest().accuracy() > 0.7, b.nearest().toString());
        assertTrue(q.histogram().klToUniform() < 0.05, q.toJson().toString());
        assertEquals(Math.log(4), b.histogram().klToUniform(), 0.05);
        assertEquals(400, b.histogram().counts()[0], 4);
        assertTrue(q.toJson().has("frechet_classifier_features"));
    }

    @Test
    void refusesAForeignCacheFolderAndBadLabels(@TempDir Path cache) throws IOException {
        RandomSource rng = new RandomSource(13);
        int[] labels = new int[50];
        DataMatrix train = images("quarters/train", 50, labels, rng);
        ClassifierConfig config = new ClassifierConfig(1, SIDE, SIDE, 4, 1, 3);
        Path place = ClassifierCache.location(cache, config, train, labels);
        Files.createDirectories(place);
        Files.writeString(place.resolve("notes.txt"), "mine");
        FileFormatException e = assertThrows(FileFormatException.class,
                () -> ClassifierCache.obtain(cache, config, train, labels, train, labels));
        assertTrue(e.getMessage().contains(place.toString()), e.getMessage());
        assertEquals("mine", Files.readString(place.resolve("notes.txt")));

        int[] bad = labels.clone();
        bad[7] = 4;
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> new ImageClassifier(config).fit(train, bad, null, null));
        assertTrue(b.getMessage().contains("row 7 has label 4"), b.getMessage());
    }
}
