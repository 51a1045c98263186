package org.latent4j.data.series;

import java.util.ArrayList;
import java.util.List;
import org.latent4j.data.BadDataException;
import org.latent4j.data.Dataset;
import org.latent4j.data.Splits;

/**
 * Data for a recurrent model: train and test rows flat [N, T*F] (time-major), how to view them as [N, T, F],
 * the scaler that turned the data's units into the rows' values, and, for a series cut into windows, the
 * series itself and where each window lies in it.
 *
 * @param splits      the rows
 * @param shape       (T, F)
 * @param scaler      from the data's units to the rows' values (the identity for images and sines)
 * @param series      the whole series in its own units, or null when the rows are not windows of one series
 * @param trainWindows where the training rows lie in the series, or null
 * @param testWindows  where the test rows lie in the series, or null (no series, or no test part)
 */
public record SequenceData(Splits splits, SequenceShape shape, SeriesScaler scaler, SeriesTable series,
                           Windows trainWindows, Windows testWindows) {

    /** The most values the windows of one split may hold: a Java array's limit. */
    public static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    public SequenceData {
        shape.check(splits.train());
        if (scaler.features() != shape.features()) {
            throw new IllegalArgumentException("a scaler of " + scaler.features() + " features for sequences of " + shape);
        }
        if (trainWindows != null && trainWindows.count() != splits.train().rows()) {
            throw new IllegalArgumentException(trainWindows.count() + " training windows for " + splits.train().rows() + " rows");
        }
        if (testWindows != null && (splits.test() == null || testWindows.count() != splits.test().rows())) {
            throw new IllegalArgumentException("test windows do not match the test rows");
        }
    }

    /** The first step of the test part (the number of training steps), or -1 without a series or a test part. */
    public int boundary() {
        return testWindows == null ? -1 : testWindows.start(0);
    }

    /**
     * Grey images read as sequences, one row of pixels per step; values unchanged (identity scaler).
     *
     * @throws IllegalArgumentException when the rows are not grey images
     */
    public static SequenceData ofImages(Splits splits) {
        SequenceShape shape = SequenceShape.ofImages(splits.train());
        List<String> cols = new ArrayList<>();
        for (int x = 0; x < shape.features(); x++) {
            cols.add("pixel x=" + x);
        }
        return new SequenceData(splits, shape, SeriesScaler.identity(cols), null, null, null);
    }

    /**
     * Cuts a series into windows: the first {@code 1 - test} share of its steps (rounded) is the training part,
     * the rest the test part; windows of {@code options.window()} steps start every {@code options.stride()}
     * steps inside each part and never cross from one into the other. The scaler is fitted on the training
     * part only.
     *
     * @param name names the datasets ({@code name/train}, {@code name/test})
     * @throws BadDataException when a part is shorter than a window, or a scaled value is not finite in float32
     */
    public static SequenceData window(SeriesTable table, SeriesOptions options, String name) throws BadDataException {
        int steps = table.steps();
        int testSteps = (int) Math.round(options.test() * steps);
        int boundary = steps - testSteps;
        if (options.test() > 0 && testSteps == 0) {
            throw new BadDataException(table.source(), "test=" + options.test() + " of " + steps + " steps is less than one"
                    + " step; raise test or set test=0 for no test part");
        }
        if (boundary < 1) {
            throw new BadDataException(table.source(), "test=" + options.test() + " leaves no training steps of " + steps);
        }
        Windows train = cut(table, 0, boundary, options, "training part");
        Windows test = testSteps == 0 ? null : cut(table, boundary, steps, options, "test part");
        SeriesScaler scaler = SeriesScaler.fit(options.scale(), table, boundary);
        return scaled(table, scaler, train, test, options.window(), name, "windows of " + options.window() + " steps every "
                + options.stride() + ", scaled " + scaler.kind().label() + " on the " + boundary + " training steps");
    }

    /**
     * The same windows of the same series scaled by another scaler: the one a model was trained with, so that
     * new data are scored in the units the model knows (a scaler fitted on the new data's own training part would
     * shift and stretch them differently). Data that are not windows of a series are returned as they are.
     *
     * @throws BadDataException when the scaler's columns are not the series' columns, or a scaled value is not
     *                          finite in float32
     */
    public SequenceData withScaler(SeriesScaler model) throws BadDataException {
        if (series == null) {
            return this;
        }
        if (!model.columns().equals(series.columnNames())) {
            throw new BadDataException(series.source(), "the model was trained on the columns " + model.columns()
                    + ", these data have " + series.columnNames());
        }
        String name = splits.train().name();
        if (name.endsWith("/train")) {
            name = name.substring(0, name.length() - "/train".length());
        }
        return scaled(series, model, trainWindows, testWindows, shape.steps(), name, "windows of " + shape.steps()
                + " steps, scaled " + model.kind().label() + " as the model's training data");
    }

    private static SequenceData scaled(SeriesTable table, SeriesScaler scaler, Windows train, Windows test, int window,
                                       String name, String how) throws BadDataException {
        float[] scaled = scaler.transform(table.values());
        for (int i = 0; i < scaled.length; i++) {
            if (!Float.isFinite(scaled[i])) {
                int t = i / table.features();
                throw new BadDataException(table.source(), "time " + table.time().label(t) + ", column "
                        + table.columnNames().get(i % table.features()) + ": " + table.values()[i] + " scaled (" + scaler.kind().label()
                        + ") is beyond float32's range; choose scale=standard or minmax, or values of a smaller magnitude");
            }
        }
        SequenceShape shape = new SequenceShape(window, table.features());
        List<String> cols = columnNames(table.columnNames(), window);
        Dataset tr = Dataset.builder(name + "/train", train.rows(scaled, table.features()), train.count(), shape.width())
                .source(table.source() + "; " + how).columnNames(cols).build();
        Dataset te = test == null ? null : Dataset.builder(name + "/test", test.rows(scaled, table.features()), test.count(),
                shape.width()).source(table.source() + "; " + how).columnNames(cols).build();
        return new SequenceData(new Splits(tr, te), shape, scaler, table, train, test);
    }

    /** A window's column names: each feature's name with its step, {@code co2@t0, co2@t1, ...}, time-major. */
    public static List<String> columnNames(List<String> features, int steps) {
        List<String> names = new ArrayList<>(steps * features.size());
        for (int t = 0; t < steps; t++) {
            for (String f : features) {
                names.add(f + "@t" + t);
            }
        }
        return names;
    }

    private static Windows cut(SeriesTable table, int from, int to, SeriesOptions o, String part) throws BadDataException {
        TimeAxis time = table.time();
        String where = part + " (" + (to - from) + " steps, " + time.label(from) + " to " + time.label(to - 1) + ")";
        if (to - from < o.window()) {
            throw new BadDataException(table.source(), "the " + where + " is shorter than window=" + o.window()
                    + "; choose a smaller window" + (o.test() > 0 ? " or another test share (test=" + o.test() + ")" : ""));
        }
        long count = (to - from - o.window()) / o.stride() + 1L;
        if (count * o.window() * table.features() > MAX_VALUES) {
            throw new BadDataException(table.source(), "the " + where + " makes " + count + " windows of " + o.window() + " x "
                    + table.features() + " values, more than " + MAX_VALUES + " in all (a Java array's limit); raise stride="
                    + o.stride() + " or lower window");
        }
        return Windows.cut(time, from, to, o.window(), o.stride());
    }
}
