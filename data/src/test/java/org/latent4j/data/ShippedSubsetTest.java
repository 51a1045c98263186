package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedSubsetTest {
    @TempDir Path cache;

    @Test
    void loadsWithTheRightCountsShapeLabelsAndRange() throws IOException {
        Catalogue c = new Catalogue(Catalogue.Config.builder(cache).build());
        Splits s = c.loadSplits("fashion-mnist-small", Fallback.NONE);
        check(s.train(), 5000);
        check(s.test(), 1000);
        assertEquals("fashion-mnist-small/train", s.train().name());
        assertTrue(s.train().source().contains("shipped subset"), s.train().source());
    }

    private static void check(Dataset d, int rows) {
        assertEquals(rows, d.rows());
        assertEquals(784, d.cols());
        assertEquals(28, d.height());
        assertEquals(28, d.width());
        assertEquals(10, d.classCount());
        int[] perClass = new int[10];
        for (int l : d.labels()) {
            perClass[l]++;
        }
        for (int n : perClass) {
            assertTrue(n > rows / 20, "every class is well represented");
        }
        d.requireUnitInterval("the test");
        float min = 1, max = 0;
        for (float v : d.x()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }
}
