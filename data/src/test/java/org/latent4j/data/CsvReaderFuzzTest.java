package org.latent4j.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link CsvReader} with every option: the input's first line is the options as a data spec
 * writes them ({@code header=yes&delimiter=;&label=species&columns=0-2&scale=255}, parsed by
 * {@link DataSpec#parse}), the rest is the file. The reader returns a table of finite numbers whose
 * shape matches its labels and names, or throws {@link BadDataException} naming the file; nothing else.
 */
class CsvReaderFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void read(byte[] input) throws IOException {
        String text = new String(input, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String query = nl < 0 ? "" : text.substring(0, nl);
        CsvOptions options;
        try {
            options = ((DataSpec.Csv) DataSpec.parse("csv:fuzz.csv" + (query.isEmpty() ? "" : "?" + query))).options();
        } catch (IllegalArgumentException e) {
            return; // DataSpecFuzzTest covers the spec parser; here only the reader counts
        }
        byte[] file = java.util.Arrays.copyOfRange(input, nl + 1, input.length);
        BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(file), StandardCharsets.UTF_8));
        try {
            CsvTable t = CsvReader.read(in, "fuzz.csv", options);
            if (t.rows() < 1 || t.cols() < 1) {
                throw new AssertionError("empty table " + t.rows() + "x" + t.cols());
            }
            for (double v : t.x()) {
                if (!Double.isFinite(v)) {
                    throw new AssertionError("non-finite value " + v);
                }
            }
            if ((t.labels() != null) != (options.label() != null)) {
                throw new AssertionError("labels " + (t.labels() != null) + " with label option " + options.label());
            }
            if (t.labels() != null) {
                int classes = t.labelNames() != null ? t.labelNames().size() : Integer.MAX_VALUE;
                for (int y : t.labels()) {
                    if (y < 0 || y >= classes) {
                        throw new AssertionError("label " + y + " outside [0, " + classes + ")");
                    }
                }
            }
            Dataset d = t.toDataset("fuzz");
            for (float v : d.x()) {
                if (!Float.isFinite(v)) {
                    throw new AssertionError("non-finite float32 value " + v);
                }
            }
        } catch (BadDataException e) {
            FuzzChecks.message(e, "fuzz.csv");
        }
    }
}
