package org.latent4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.latent4j.cli.console.Usage;
import org.latent4j.data.DataSpec;
import org.latent4j.io.AtomicFiles;
import org.latent4j.models.mixture.GaussianMixtureFiles;
import org.latent4j.report.mixture.RunData;
import picocli.CommandLine.Model.CommandSpec;

/** Data in and out of the mixture commands: a data spec read as doubles, CSV written out, model paths. */
final class GmmInputs {
    private GmmInputs() {}

    /** Reads the training split of a data spec ({@link RunData#of}: CSV in double precision, catalogue sets widened). */
    static RunData load(String spec) throws IOException {
        return RunData.of(DataSpec.parse(spec));
    }

    /** As {@link #load(String)}, with a spec that does not parse reported as a usage error of {@code command}'s --data. */
    static RunData load(CommandSpec command, String spec) throws IOException {
        RunData data = RunData.of(Usage.option(command, "--data", () -> DataSpec.parse(spec)));
        if (data.rows() < 1) {
            throw new IllegalArgumentException("--data " + spec + ": " + data.source() + " has no rows (0 examples);"
                    + " at least one is needed");
        }
        return data;
    }

    /** The model directory: DIR itself, or DIR/model when DIR is the output folder of {@code train gmm}. */
    static Path modelDir(Path dir) {
        Path inner = dir.resolve("model");
        return Files.isDirectory(inner) ? inner : dir;
    }

    static GaussianMixtureFiles.Stored loadModel(Path dir) throws IOException {
        return GaussianMixtureFiles.load(modelDir(dir));
    }

    /** Checks that the input has the columns the model expects. */
    static void requireColumns(RunData m, int expected) {
        if (m.cols() != expected) {
            throw new IllegalArgumentException(m.source() + ": has " + m.cols() + " columns but the model expects "
                    + expected);
        }
    }

    /** Writes a CSV with a header atomically; values in full precision. */
    static void writeCsv(Path file, String[] header, int rows, RowWriter row) throws IOException {
        StringBuilder sb = new StringBuilder(rows * 16 * header.length + 64);
        sb.append(String.join(",", header)).append('\n');
        for (int i = 0; i < rows; i++) {
            row.write(i, sb);
            sb.append('\n');
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Prints a CSV with a header to {@code w} (standard output). */
    static void printCsv(PrintWriter w, String[] header, int rows, RowWriter row) {
        w.println(String.join(",", header));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            sb.setLength(0);
            row.write(i, sb);
            w.println(sb);
        }
        w.flush();
    }

    /** Appends row i (comma-separated, no newline). */
    @FunctionalInterface
    interface RowWriter {
        void write(int i, StringBuilder sb);
    }

    static String[] names(String prefix, int n) {
        String[] s = new String[n];
        for (int i = 0; i < n; i++) {
            s[i] = prefix + i;
        }
        return s;
    }

    static String number(double v) {
        return Double.toString(v);
    }

    static void println(PrintWriter out, String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
