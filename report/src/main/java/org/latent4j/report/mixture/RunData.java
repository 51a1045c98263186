package org.latent4j.report.mixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.latent4j.data.Catalogue;
import org.latent4j.data.CsvReader;
import org.latent4j.data.CsvTable;
import org.latent4j.data.DataSpec;
import org.latent4j.data.Dataset;
import org.latent4j.figures.vae.ClassNames;

/**
 * The training data of a mixture, read from a data spec: CSV files in double precision, catalogue data
 * sets widened from float32. {@code train gmm} reads its data with it and {@link MixtureRunReport#plot(Path)}
 * reloads them with it, so both see the same rows.
 *
 * @param columnNames the feature names, or null
 * @param labels      a class label per row (a CSV's label column, a catalogue set's classes), or null
 * @param classNames  one name per class (the label texts, Fashion-MNIST's clothes, ...), or null without labels
 */
public record RunData(String source, double[] x, int rows, int cols, List<String> columnNames, int[] labels,
                      String[] classNames) {

    /** The number of classes (0 without labels). */
    public int classCount() {
        return labels == null || classNames == null ? 0 : classNames.length;
    }

    /** Reloads a run's training data, saying where a missing CSV file was looked for. */
    static RunData load(String spec) throws IOException {
        DataSpec parsed;
        try {
            parsed = DataSpec.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the run's data spec cannot be read: " + e.getMessage(), e);
        }
        if (parsed instanceof DataSpec.Csv csv && !Files.isRegularFile(csv.train())) {
            throw new NoSuchFileException(csv.train().toString(), null, "the run's training data (summary.json 'data' = "
                    + spec + ") is not there" + (csv.train().isAbsolute() ? ""
                    : "; a relative path is read from the current folder " + Path.of("").toAbsolutePath()
                            + ", so run this from the folder the training ran in"));
        }
        return of(parsed);
    }

    /** The training split of a parsed data spec. */
    public static RunData of(DataSpec parsed) throws IOException {
        if (parsed instanceof DataSpec.Csv csv) {
            CsvTable t = CsvReader.read(csv.train(), csv.options());
            return new RunData(t.source(), t.x(), t.rows(), t.cols(), t.columnNames(), t.labels(), csvClassNames(t));
        }
        Dataset train = parsed.load(Catalogue.standard()).train();
        return new RunData(train.source() == null ? train.name() : train.source(), train.toDoubleArray(), train.rows(),
                train.cols(), train.columnNames(), train.labels(), ClassNames.of(train));
    }

    /** The label texts of a CSV file, or "class c" for numeric labels; null without a label column. */
    private static String[] csvClassNames(CsvTable t) {
        if (t.labels() == null) {
            return null;
        }
        if (t.labelNames() != null) {
            return t.labelNames().toArray(String[]::new);
        }
        int max = -1;
        for (int l : t.labels()) {
            max = Math.max(max, l);
        }
        String[] names = new String[max + 1];
        for (int c = 0; c < names.length; c++) {
            names[c] = "class " + c;
        }
        return names;
    }
}
