package org.latent4j.data.series;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.latent4j.data.BadDataException;
import org.latent4j.data.DataSpec;
import org.latent4j.data.Dataset;

/**
 * Fuzzes {@link SeriesReader} and {@link SequenceData#window} with every option: the input's first line is the
 * options as a {@code series:} data spec writes them ({@code time=date&time-format=yyyyMMdd&columns=co2&window=3&
 * stride=2&test=0.3&scale=minmax&missing=interpolate}, parsed by {@link DataSpec#parse}), the rest is the file.
 * The reader returns a series of finite values with strictly increasing times, cut into windows of finite float32
 * values that lie on their side of the train/test boundary, or throws {@link BadDataException} naming the file.
 */
class SeriesReaderFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void read(byte[] input) throws IOException {
        String text = new String(input, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String query = nl < 0 ? "" : text.substring(0, nl);
        SeriesOptions options;
        try {
            options = ((DataSpec.Series) DataSpec.parse("series:fuzz.csv?window=2" + (query.isEmpty() ? "" : "&" + query)))
                    .options();
        } catch (IllegalArgumentException e) {
            return; // DataSpecFuzzTest covers the spec parser; here only the reader counts
        }
        byte[] file = java.util.Arrays.copyOfRange(input, nl + 1, input.length);
        BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(file), StandardCharsets.UTF_8));
        try {
            SeriesTable t = SeriesReader.read(in, "fuzz.csv", options);
            for (double v : t.values()) {
                check(Double.isFinite(v), "non-finite value " + v);
            }
            for (int s = 1; s < t.steps(); s++) {
                check(t.time().key(s) > t.time().key(s - 1), "times not increasing at step " + s);
            }
            SequenceData d = SequenceData.window(t, options, "fuzz");
            int boundary = d.testWindows() == null ? t.steps() : d.boundary();
            for (int w = 0; w < d.trainWindows().count(); w++) {
                check(d.trainWindows().end(w) <= boundary, "training window " + w + " crosses the boundary " + boundary);
            }
            for (int w = 0; d.testWindows() != null && w < d.testWindows().count(); w++) {
                check(d.testWindows().start(w) >= boundary, "test window " + w + " starts before the boundary " + boundary);
            }
            for (Dataset ds : new Dataset[] {d.splits().train(), d.splits().test()}) {
                if (ds != null) {
                    check(ds.cols() == d.shape().width(), "rows of " + ds.cols() + " for " + d.shape());
                    for (float v : ds.x()) {
                        check(Float.isFinite(v), "non-finite float32 value " + v);
                    }
                }
            }
        } catch (BadDataException e) {
            check(e.getMessage() != null && e.getMessage().contains("fuzz.csv"), "the message does not name fuzz.csv: " + e.getMessage());
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
