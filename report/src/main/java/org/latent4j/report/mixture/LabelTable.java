package org.latent4j.report.mixture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.latent4j.report.Report;

/**
 * How a mixture's components relate to labels the data carry but EM never saw: a table of counts
 * (component × class) and how many rows fall in a component whose majority class is their own.
 */
final class LabelTable {
    private LabelTable() {}

    static void add(Report r, int[] components, int k, RunData data) {
        String[] classes = data.classNames();
        int[][] counts = new int[k][classes.length];
        for (int i = 0; i < components.length; i++) {
            counts[components[i]][data.labels()[i]]++;
        }
        List<String> header = new ArrayList<>();
        header.add("component");
        header.addAll(List.of(classes));
        header.add("rows");
        List<List<String>> rows = new ArrayList<>();
        int agreeing = 0;
        for (int j = 0; j < k; j++) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(j + 1));
            int total = 0, max = 0;
            for (int v : counts[j]) {
                row.add(Integer.toString(v));
                total += v;
                max = Math.max(max, v);
            }
            row.add(Integer.toString(total));
            rows.add(row);
            agreeing += max;
        }
        r.table("The data's labels (never shown to EM) of the rows each component claims", header, rows);
        r.paragraph(String.format(Locale.ROOT,
                "%d of the %d rows (%.1f%%) fall in a component whose most common label is their own. A component that "
                        + "mixes labels found structure the labels do not follow (or cannot separate them); several "
                        + "components sharing one label split a class into sub-groups.",
                agreeing, components.length, 100.0 * agreeing / components.length));
    }
}
