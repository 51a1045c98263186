package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedIrisTest {
    @TempDir Path cache;

    @Test
    void loadsFishersTableWithSpeciesLabels() throws IOException {
        Catalogue c = new Catalogue(Catalogue.Config.builder(cache).build());
        Splits s = c.loadSplits("iris", Fallback.NONE);
        assertFalse(s.hasTest());
        Dataset d = s.train();
        assertEquals("iris/train", d.name());
        assertTrue(d.source().contains("shipped data set iris"), d.source());
        assertEquals(150, d.rows());
        assertEquals(4, d.cols());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), d.columnNames());
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.labelNames());
        int[] perClass = new int[3];
        for (int l : d.labels()) {
            perClass[l]++;
        }
        assertEquals(List.of(50, 50, 50), List.of(perClass[0], perClass[1], perClass[2]));
        // First and last rows of Fisher's Table I, and the species blocks in order.
        assertEquals(5.1f, d.x()[0]);
        assertEquals(0.2f, d.x()[3]);
        assertEquals(5.9f, d.x()[149 * 4]);
        assertEquals(1.8f, d.x()[149 * 4 + 3]);
        assertEquals(0, d.labels()[0]);
        assertEquals(1, d.labels()[50]);
        assertEquals(2, d.labels()[149]);
        double petalLength = 0;
        for (int r = 0; r < 150; r++) {
            petalLength += d.x()[r * 4 + 2];
        }
        assertEquals(3.758, petalLength / 150, 1e-4);
    }

    @Test
    void hasNoTestSplitAndParsesAsASpec() throws IOException {
        Catalogue c = new Catalogue(Catalogue.Config.builder(cache).build());
        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> c.load("iris", Split.TEST));
        assertTrue(e.getMessage().contains("only a training split"), e.getMessage());
        assertEquals(150, DataSpec.parse("iris").load(c).train().rows());
        assertNull(DataSpec.parse("iris").load(c).test());
    }
}
