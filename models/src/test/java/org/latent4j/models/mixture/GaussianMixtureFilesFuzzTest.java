package org.latent4j.models.mixture;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.latent4j.io.ModelFiles;
import org.latent4j.models.ModelFolderFuzz;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.pca.Pca;

/**
 * Fuzzes {@link GaussianMixtureFiles#load} (and {@link ModelFiles#read} under it) through a model
 * folder's config.json and metadata.json: the first input byte picks one of five saved mixtures (each
 * covariance type, and one fitted on principal components), the rest is {@link ModelFolderFuzz}'s
 * format. The loader returns a mixture that scores its own means to finite numbers, or throws an
 * {@link IOException} naming the file; nothing else.
 */
class GaussianMixtureFilesFuzzTest {
    private static final Path ROOT = ModelFolderFuzz.tempDir("latent4j-fuzz-gmm");
    private static final Path[] DIRS = new Path[5];
    private static final byte[][] METADATA = new byte[5][];

    static {
        try {
            CovarianceType[] types = CovarianceType.values();
            for (int i = 0; i < types.length; i++) {
                MixtureParameters truth = MixtureFixtures.threeComponents(types[i]);
                GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(3).covarianceType(types[i])
                        .seed(2).build()).fit(MixtureFixtures.sample(truth, 300, 3), 3);
                save(i, g, null);
            }
            double[] raw = MixtureFixtures.sample(MixtureFixtures.threeComponents(CovarianceType.FULL), 300, 8);
            Pca pca = Pca.fit(raw, 3, 2);
            save(4, new GaussianMixture(GaussianMixtureConfig.builder().k(2).build()).fit(pca.transform(raw), 2), pca);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void save(int i, GaussianMixture g, Pca pca) throws IOException {
        DIRS[i] = ROOT.resolve("m" + i);
        GaussianMixtureFiles.save(DIRS[i], g, pca, null);
        METADATA[i] = Files.readAllBytes(DIRS[i].resolve(ModelFiles.METADATA));
        ModelFolderFuzz.deleteOnExit(DIRS[i]);
    }

    @FuzzTest(maxDuration = "10s")
    void load(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        int which = (input[0] & 0xFF) % DIRS.length;
        Path dir = DIRS[which];
        ModelFolderFuzz.write(dir, Arrays.copyOfRange(input, 1, input.length), METADATA[which]);
        try {
            GaussianMixtureFiles.Stored s = GaussianMixtureFiles.load(dir);
            MixtureParameters p = s.mixture().parameters();
            for (double v : s.mixture().scoreSamples(p.means())) {
                if (!Double.isFinite(v)) {
                    throw new AssertionError("the loaded mixture scores its own mean " + v);
                }
            }
        } catch (IOException e) {
            ModelFolderFuzz.checkMessage(e, dir);
        }
    }
}
