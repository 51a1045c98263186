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

/**
 * The training data of a run, reloaded from its data spec as {@code train gmm} read it: CSV files in
 * double precision, catalogue data sets widened from float32.
 *
 * @param columnNames the feature names, or null
 */
record RunData(String source, double[] x, int rows, int cols, List<String> columnNames) {

    static RunData load(String spec) throws IOException {
        DataSpec parsed;
        try {
            parsed = DataSpec.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the run's data spec cannot be read: " + e.getMessage(), e);
        }
        if (parsed instanceof DataSpec.Csv csv) {
            if (!Files.isRegularFile(csv.train())) {
                throw new NoSuchFileException(csv.train().toString(), null, "the run's training data (summary.json 'data' = "
                        + spec + ") is not there" + (csv.train().isAbsolute() ? ""
                        : "; a relative path is read from the current folder " + Path.of("").toAbsolutePath()
                                + ", so run this from the folder the training ran in"));
            }
            CsvTable t = CsvReader.read(csv.train(), csv.options());
            return new RunData(t.source(), t.x(), t.rows(), t.cols(), t.columnNames());
        }
        Dataset train = parsed.load(Catalogue.standard()).train();
        return new RunData(train.source(), train.toDoubleArray(), train.rows(), train.cols(), train.columnNames());
    }
}
