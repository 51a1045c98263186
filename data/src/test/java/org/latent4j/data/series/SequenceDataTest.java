package org.latent4j.data.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.latent4j.data.BadDataException;
import org.latent4j.data.Dataset;
import org.latent4j.data.Splits;

class SequenceDataTest {

    /** Steps 0..n-1 with two features: f0 = step, f1 = 100 + 10 * step. */
    static SeriesTable ramp(int n) {
        double[] v = new double[2 * n];
        List<String> labels = new ArrayList<>();
        double[] keys = new double[n];
        for (int t = 0; t < n; t++) {
            v[2 * t] = t;
            v[2 * t + 1] = 100 + 10 * t;
            labels.add("day" + t);
            keys[t] = t;
        }
        return new SeriesTable("ramp.csv", new TimeAxis("when", TimeAxis.Kind.NUMBER, labels, keys), v, n, 2,
                List.of("a", "b"), 0);
    }

    @Test
    void splitsByTimeAndWindowsNeverCrossTheBoundary() throws BadDataException {
        // 10 steps, test 0.3: steps 0-6 train, 7-9 test; windows of 3 every 2 steps
        SeriesOptions o = SeriesOptions.of(3).withWindow(3, 2).withSplit(0.3, SeriesScaler.Kind.NONE);
        SequenceData d = SequenceData.window(ramp(10), o, "ramp");
        assertEquals(new SequenceShape(3, 2), d.shape());
        assertArrayEquals(new int[] {0, 2, 4}, d.trainWindows().starts());
        assertArrayEquals(new int[] {7}, d.testWindows().starts());
        assertEquals(7, d.boundary());
        Dataset tr = d.splits().train();
        assertEquals(3, tr.rows());
        assertEquals(6, tr.cols());
        // time-major: row 1 is steps 2,3,4 with both features side by side
        assertArrayEquals(new float[] {2, 120, 3, 130, 4, 140}, tr.row(1));
        assertArrayEquals(new float[] {7, 170, 8, 180, 9, 190}, d.splits().test().row(0));
        assertEquals(List.of("a@t0", "b@t0", "a@t1", "b@t1", "a@t2", "b@t2"), tr.columnNames());
        assertEquals("day2", d.trainWindows().firstTime(1));
        assertEquals("day4", d.trainWindows().lastTime(1));
        assertEquals("ramp/train", tr.name());
    }

    @Test
    void scalerIsFittedOnTheTrainingStepsOnly() throws BadDataException {
        SeriesOptions o = SeriesOptions.of(2).withSplit(0.5, SeriesScaler.Kind.MINMAX);
        SequenceData d = SequenceData.window(ramp(10), o, "ramp");
        // training steps 0..4: a in [0, 4], b in [100, 140]
        assertArrayEquals(new double[] {0, 100}, d.scaler().offset());
        assertArrayEquals(new double[] {4, 40}, d.scaler().scale());
        assertArrayEquals(new float[] {0, 0, 0.25f, 0.25f}, d.splits().train().row(0));
        // the test part lies beyond the training range: 5/4 and (150-100)/40
        assertArrayEquals(new float[] {1.25f, 1.25f, 1.5f, 1.5f}, d.splits().test().row(0));
        SequenceData s = SequenceData.window(ramp(10), o.withSplit(0.5, SeriesScaler.Kind.STANDARD), "ramp");
        assertEquals(2.0, s.scaler().offset()[0], 1e-12);
        assertEquals(Math.sqrt(2.0), s.scaler().scale()[0], 1e-12); // population sd of 0..4
        double[] back = s.scaler().inverse(s.splits().test().row(0));
        assertArrayEquals(new double[] {5, 150, 6, 160}, back, 1e-4);
    }

    @Test
    void noTestPartAndTooShortParts() throws BadDataException {
        SequenceData d = SequenceData.window(ramp(5), SeriesOptions.of(5).withSplit(0, SeriesScaler.Kind.STANDARD), "r");
        assertNull(d.splits().test());
        assertNull(d.testWindows());
        assertEquals(-1, d.boundary());
        String m = assertThrows(BadDataException.class, () -> SequenceData.window(ramp(10),
                SeriesOptions.of(4).withSplit(0.2, SeriesScaler.Kind.NONE), "r")).getMessage();
        assertEquals("ramp.csv: the test part (2 steps, day8 to day9) is shorter than window=4; choose a smaller window"
                + " or another test share (test=0.2)", m);
        String tr = assertThrows(BadDataException.class, () -> SequenceData.window(ramp(10),
                SeriesOptions.of(9).withSplit(0.2, SeriesScaler.Kind.NONE), "r")).getMessage();
        assertTrue(tr.contains("the training part (8 steps, day0 to day7) is shorter than window=9"), tr);
        String few = assertThrows(BadDataException.class, () -> SequenceData.window(ramp(10),
                SeriesOptions.of(2).withSplit(0.01, SeriesScaler.Kind.NONE), "r")).getMessage();
        assertTrue(few.contains("less than one step"), few);
    }

    @Test
    void constantFeatureKeepsScaleOneAndHugeValuesAreRefused() throws BadDataException {
        SeriesTable flat = new SeriesTable("flat.csv", TimeAxis.index(4), new double[] {7, 7, 7, 7}, 4, 1, List.of("v"), 0);
        SequenceData d = SequenceData.window(flat, SeriesOptions.of(2).withSplit(0, SeriesScaler.Kind.STANDARD), "f");
        assertArrayEquals(new double[] {1}, d.scaler().scale());
        assertArrayEquals(new float[] {0, 0}, d.splits().train().row(0));
        SeriesTable huge = new SeriesTable("huge.csv", TimeAxis.index(2), new double[] {1e300, -1e300}, 2, 1, List.of("v"), 0);
        String m = assertThrows(BadDataException.class, () -> SequenceData.window(huge,
                SeriesOptions.of(1).withSplit(0, SeriesScaler.Kind.NONE), "h")).getMessage();
        assertTrue(m.startsWith("huge.csv: time 0, column v: 1.0E300 scaled (none) is beyond float32's range"), m);
    }

    @Test
    void greyImagesAreReadOneRowOfPixelsPerStep() {
        float[] x = new float[2 * 12];
        for (int i = 0; i < x.length; i++) {
            x[i] = i / 24f;
        }
        Dataset images = Dataset.builder("img", x, 2, 12).image(3, 4).build();
        SequenceData d = SequenceData.ofImages(new Splits(images, null));
        assertEquals(new SequenceShape(3, 4), d.shape());
        assertEquals(SeriesScaler.Kind.NONE, d.scaler().kind());
        assertNull(d.series());
        Dataset rgb = Dataset.builder("rgb", new float[2 * 12], 2, 12).image(3, 2, 2).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SequenceShape.ofImages(rgb)).getMessage()
                .contains("needs grey images"));
        Dataset table = Dataset.builder("iris", new float[8], 2, 4).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SequenceShape.ofImages(table)).getMessage()
                .contains("no order of steps"));
    }

    @Test
    void newDataAreScaledByTheModelsScalerNotOneFittedOnThem() throws Exception {
        SeriesOptions o = SeriesOptions.of(2).withSplit(0.5, SeriesScaler.Kind.STANDARD);
        SequenceData trained = SequenceData.window(ramp(10), o, "ramp");
        // the same windows of a series twice as long: its own scaler would differ from the model's
        SequenceData fresh = SequenceData.window(ramp(20), o, "ramp");
        SequenceData rescaled = fresh.withScaler(trained.scaler());
        assertEquals(trained.scaler(), rescaled.scaler());
        float[] expected = trained.scaler().transform(ramp(20).values());
        // training window 0 covers steps 0-1: its values are the model's scaling of those steps
        float[] row = rescaled.splits().train().x();
        for (int c = 0; c < 4; c++) {
            assertEquals(expected[c], row[c], 0f);
        }
        assertTrue(Math.abs(fresh.splits().train().x()[0] - row[0]) > 1e-3, "a fitted scaler would give other values");
        // the model's own data with its own scaler: unchanged
        assertArrayEquals(trained.splits().train().x(), trained.withScaler(trained.scaler()).splits().train().x());
        SeriesScaler other = SeriesScaler.identity(java.util.List.of("x", "y"));
        var e = assertThrows(org.latent4j.data.BadDataException.class, () -> fresh.withScaler(other));
        assertTrue(e.getMessage().contains("trained on the columns [x, y]"), e.getMessage());
    }
}
