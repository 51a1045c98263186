package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {
    private static Dataset small() {
        float[] x = {0, 0.5f, 1, 0.25f, 0.75f, 0.125f};
        return Dataset.builder("t", x, 3, 2).source("file.csv").labels(new int[] {2, 0, 1}).columnNames(List.of("a", "b")).build();
    }

    @Test
    void validatesSizes() {
        assertThrows(IllegalArgumentException.class, () -> Dataset.builder("t", new float[5], 3, 2).build());
        assertThrows(IllegalArgumentException.class, () -> Dataset.builder("t", new float[6], 3, 2).labels(new int[2]).build());
        assertThrows(IllegalArgumentException.class, () -> Dataset.builder("t", new float[6], 3, 2).image(2, 2).build());
        assertThrows(IllegalArgumentException.class, () -> Dataset.builder("t", new float[6], 3, 2).columnNames(List.of("a")).build());
    }

    @Test
    void subsetFirstAndRows() {
        Dataset d = small();
        Dataset s = d.subset(new int[] {2, 0, 2});
        assertArrayEquals(new float[] {0.75f, 0.125f, 0, 0.5f, 0.75f, 0.125f}, s.x());
        assertArrayEquals(new int[] {1, 2, 1}, s.labels());
        assertEquals(3, s.rowCount());
        Dataset f = d.first(2);
        assertArrayEquals(new float[] {0, 0.5f, 1, 0.25f}, f.x());
        assertArrayEquals(new int[] {2, 0}, f.labels());
        assertSame(d, d.first(10));
        assertArrayEquals(new float[] {1, 0.25f}, d.row(1));
        assertThrows(IndexOutOfBoundsException.class, () -> d.subset(new int[] {3}));
        assertEquals(3, d.classCount());
    }

    @Test
    void doubleViews() {
        Dataset d = small();
        assertArrayEquals(new double[] {0, 0.5, 1, 0.25, 0.75, 0.125}, d.toDoubleArray());
        assertArrayEquals(new double[] {0.75, 0.125}, d.toDoubleRows()[2]);
    }

    @Test
    void unitIntervalCheckNamesDatasetRowColumnAndValue() {
        Dataset ok = small();
        assertSame(ok, ok.requireUnitInterval("x"));
        float[] x = {0, 0.5f, 1, 0.25f, 3f, 0.125f};
        Dataset d = Dataset.builder("t", x, 3, 2).source("file.csv").columnNames(List.of("a", "b")).build();
        var e = assertThrows(IllegalArgumentException.class, () -> d.requireUnitInterval("the Bernoulli likelihood"));
        String m = e.getMessage();
        assertTrue(m.contains("dataset t") && m.contains("file.csv") && m.contains("row 2") && m.contains("column 0 (a)")
                && m.contains("3.0") && m.contains("the Bernoulli likelihood") && m.contains("[0, 1]"), m);
        float[] img = {0, 0, 0, -0.5f};
        Dataset im = Dataset.builder("i", img, 1, 4).image(2, 2).build();
        var e2 = assertThrows(IllegalArgumentException.class, () -> im.requireUnitInterval("continuous Bernoulli"));
        assertTrue(e2.getMessage().contains("pixel y=1, x=1") && e2.getMessage().contains("-0.5"), e2.getMessage());
    }

    @Test
    void imagesRecordTheirChannelsChannelsFirst() {
        float[] x = new float[12];
        x[11] = 2f;
        Dataset rgb = Dataset.builder("c", x, 1, 12).image(3, 2, 2).build();
        assertArrayEquals(new int[] {3, 2, 2}, rgb.imageShape());
        assertEquals(3, rgb.subset(new int[] {0}).channels());
        assertEquals(3, rgb.first(1).withName("d").channels());
        assertTrue(rgb.toString().contains("3x2x2 images"), rgb.toString());
        var e = assertThrows(IllegalArgumentException.class, () -> rgb.requireUnitInterval("x"));
        assertTrue(e.getMessage().contains("column 11 (channel 2, pixel y=1, x=1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.builder("c", x, 1, 12).image(2, 2, 2).build());
        assertThrows(IllegalArgumentException.class, () -> Dataset.builder("c", x, 1, 12).image(0, 3, 4).build());
        Dataset grey = Dataset.builder("g", new float[4], 1, 4).image(2, 2).build();
        assertEquals(1, grey.channels());
        assertEquals(1, new Dataset("g", null, new float[4], 1, 4, null, null, null, 2, 2).channels());
        Dataset empty = Dataset.builder("idx", new float[0], 3, 0).image(0, 64771).build();
        assertEquals(false, empty.isImage(), "an IDX file may declare images of 0 rows: no columns, as before");
        assertEquals(0, small().channels());
        assertEquals(null, small().imageShape());
    }

    @Test
    void finiteCheck() {
        Dataset ok = small();
        assertSame(ok, ok.requireFinite());
        Dataset d = Dataset.builder("t", new float[] {1, Float.NaN}, 1, 2).build();
        var e = assertThrows(IllegalArgumentException.class, d::requireFinite);
        assertTrue(e.getMessage().contains("row 0, column 1") && e.getMessage().contains("NaN"), e.getMessage());
        Dataset inf = Dataset.builder("t", new float[] {Float.POSITIVE_INFINITY}, 1, 1).build();
        assertThrows(IllegalArgumentException.class, () -> inf.requireUnitInterval("x"));
    }
}
