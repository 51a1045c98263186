package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnChoiceTest {
    private static final ColumnChoice.Roles ROLES = new ColumnChoice.Roles("label", "feature", "feature columns");
    private static final List<String> HEADER = List.of("a", "b", "c", "y");

    private static ColumnChoice choose(List<String> header, CsvOptions.Column key, CsvOptions.Column... columns)
            throws BadDataException {
        return ColumnChoice.resolve("f.csv", 4, 3, header, key, List.of(columns), ROLES);
    }

    private static String refused(List<String> header, CsvOptions.Column key, CsvOptions.Column... columns) {
        return assertThrows(BadDataException.class, () -> choose(header, key, columns)).getMessage();
    }

    @Test
    void everyColumnButTheKeyByDefaultAndChosenOnesInTheirOrder() throws BadDataException {
        ColumnChoice all = choose(HEADER, new CsvOptions.Column.Index(-1));
        assertEquals(3, all.key());
        assertArrayEquals(new int[] {0, 1, 2}, all.chosen());
        ColumnChoice some = choose(HEADER, new CsvOptions.Column.Name("a"), new CsvOptions.Column.Name("c"),
                new CsvOptions.Column.Index(1));
        assertEquals(0, some.key());
        assertArrayEquals(new int[] {2, 1}, some.chosen());
        assertArrayEquals(new int[] {0, 1, 2, 3}, choose(null, null).chosen());
    }

    @Test
    void badChoicesAreNamedWithWhatWouldBeAccepted() {
        assertTrue(refused(HEADER, new CsvOptions.Column.Index(4)).contains("label column index 4 is outside the 4 columns of line 3"));
        assertTrue(refused(null, null, new CsvOptions.Column.Name("a")).contains("chosen by name, but the file has no header"));
        assertTrue(refused(HEADER, null, new CsvOptions.Column.Name("z")).contains("the columns are [a, b, c, y]"));
        assertTrue(refused(HEADER, new CsvOptions.Column.Name("y"), new CsvOptions.Column.Index(3))
                .contains("is the label column; it cannot also be a feature column"));
        assertTrue(refused(HEADER, null, new CsvOptions.Column.Index(0), new CsvOptions.Column.Name("a"))
                .contains("is chosen twice"));
        String none = assertThrows(BadDataException.class, () -> ColumnChoice.resolve("f.csv", 1, 2, null,
                new CsvOptions.Column.Index(0), List.of(), ROLES)).getMessage();
        assertTrue(none.contains("no feature columns (line 2 has 1 field, the label column among them)"), none);
    }
}
