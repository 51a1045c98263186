package org.latent4j.report.vae;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.latent4j.data.Catalogue;
import org.latent4j.data.DataSpec;
import org.latent4j.data.Dataset;
import org.latent4j.data.Fallback;
import org.latent4j.data.Splits;
import org.latent4j.data.series.SequenceData;
import org.latent4j.figures.ImageGrids;
import org.latent4j.figures.vae.ClassNames;
import org.latent4j.figures.vae.VaeFigure;
import org.latent4j.figures.vae.VaeFigures;
import org.latent4j.io.Json;
import org.latent4j.io.ModelFiles;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.vae.Vae;
import org.latent4j.report.Report;

/**
 * The figures and the report of a {@code latent4j train vae} run folder: {@code DIR/figures/*.png} and
 * {@code DIR/report.html}, one self-contained page with the run's configuration, its metrics and its
 * figures, each with a caption. {@code latent4j plot DIR} calls {@link #plot(Path)}; {@code train vae}
 * calls {@link #plot(Path, Dataset)} with the test data it already has.
 */
public final class VaeRunReport {
    /** The report's file name in the run folder. */
    public static final String REPORT = "report.html";
    /** The folder of the figures' PNG files in the run folder. */
    public static final String FIGURES = "figures";
    /** At most this many held-out examples feed the figures. */
    public static final int MAX_ROWS = 10_000;

    private VaeRunReport() {}

    /**
     * Reads the run folder, loads its test data again from the data spec recorded in
     * {@code model/metadata.json}, and writes the figures and the report; returns the report's path.
     */
    public static Path plot(Path runDir) throws IOException {
        RunFolder run = RunFolder.read(runDir);
        if (run.model().vae().config().recurrent() != null) {
            SequenceData sequences = loadSequences(run);
            Splits s = sequences.splits();
            return write(run, s.test() != null ? s.test() : s.train(), sequences);
        }
        return write(run, loadData(run), null);
    }

    /** As {@link #plot(Path)}, with the data to draw (the test split of the training data) handed in. */
    public static Path plot(Path runDir, Dataset data) throws IOException {
        return write(RunFolder.read(runDir), data, null);
    }

    /**
     * As {@link #plot(Path, Dataset)} for a sequence VAE with its data as sequences: the report adds the series
     * measures and figures ({@link SeriesSection}).
     */
    public static Path plot(Path runDir, SequenceData sequences) throws IOException {
        Splits s = sequences.splits();
        return write(RunFolder.read(runDir), s.test() != null ? s.test() : s.train(), sequences);
    }

    /** The held-out split named by the run's recorded data spec (the training split when there is none). */
    static Dataset loadData(RunFolder run) throws IOException {
        ObjectNode meta = run.model().metadata();
        Path metaFile = run.dir().resolve("model").resolve(ModelFiles.METADATA);
        String spec = meta.path("data_spec").asText(meta.path("dataset").asText(""));
        if (spec.isBlank()) {
            throw new IllegalArgumentException(metaFile + " records no data_spec (nor dataset): cannot tell which data "
                    + "to draw the figures with");
        }
        Splits splits;
        try {
            splits = DataSpec.parse(spec, Fallback.SUBSET).load(Catalogue.standard());
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot load the data '" + spec + "' recorded in " + metaFile + ": " + e.getMessage(), e);
        }
        return splits.test() != null ? splits.test() : splits.train();
    }

    /** The run's recorded data as sequences (a recurrent model's view). */
    static SequenceData loadSequences(RunFolder run) throws IOException {
        ObjectNode meta = run.model().metadata();
        Path metaFile = run.dir().resolve("model").resolve(ModelFiles.METADATA);
        String spec = meta.path("data_spec").asText("");
        if (spec.isBlank()) {
            throw new IllegalArgumentException(metaFile + " records no data_spec: cannot tell which data to draw the figures with");
        }
        try {
            return DataSpec.parse(spec, Fallback.SUBSET).loadSequences(Catalogue.standard());
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot load the data '" + spec + "' recorded in " + metaFile + " as sequences: "
                    + e.getMessage(), e);
        }
    }

    private static Path write(RunFolder run, Dataset data, SequenceData sequences) throws IOException {
        Vae vae = run.model().vae();
        Dataset shown = data.rows() > MAX_ROWS ? data.first(MAX_ROWS) : data;
        if (shown.cols() != vae.config().inputDim()) {
            throw new IllegalArgumentException("the data " + shown.name() + " (" + shown.source() + ") have " + shown.cols()
                    + " columns, the model in " + run.dir().resolve("model") + " expects " + vae.config().inputDim());
        }
        DataMatrix test = new DataMatrix(shown.name(), shown.x(), shown.rows(), shown.cols());
        vae.checkData(test);
        VaeFigures.Data figureData = new VaeFigures.Data(test, shown.labels(), ClassNames.of(shown),
                imageShape(run.model().metadata(), shown, vae.config().inputDim()), setName(shown));
        long seed = run.model().metadata().path("seed").asLong(1);
        List<VaeFigure> figures = VaeFigures.all(vae, figureData, run.history(), seed);

        Report report = new Report("VAE run " + run.dir().toAbsolutePath().normalize().getFileName());
        report.paragraph(intro(run, shown));
        report.section("Configuration");
        report.keyValues("Model (model/config.json)", flatten(vae.config().toJson()));
        JsonNode training = run.model().metadata().get("training");
        if (training instanceof ObjectNode t) {
            report.keyValues("Training", flatten(t));
        }
        if (run.options() != null) {
            report.paragraph("The command's options as recorded in run.json ('latent4j train vae --config "
                    + run.dir().resolve(RunFolder.RUN) + "' repeats the run):");
            report.code(Json.writePretty(run.options()));
        }
        report.section("Metrics");
        report.keyValues("Final figures (summary.json; losses and log-likelihoods in nats per example)",
                flatten(run.summary()));
        Path figuresDir = run.dir().resolve(FIGURES);
        if (sequences != null && vae.config().recurrent() != null && sequences.splits().train().rows() > 0) {
            SeriesSection series = SeriesSection.of(vae, sequences, seed);
            report.section("Time series");
            report.keyValues("Injected-anomaly detection on the test part, and synthetic windows against real ones"
                    + " (scores on the model's scaled values; seed " + seed + ")", series.measures());
            FigureSections.addAll(report, series.figures(), figuresDir);
        }
        report.section("Figures");
        FigureSections.addAll(report, figures, figuresDir);
        return report.write(run.dir().resolve(REPORT));
    }

    private static String intro(RunFolder run, Dataset shown) {
        Vae vae = run.model().vae();
        ObjectNode meta = run.model().metadata();
        StringBuilder arch = new StringBuilder().append(vae.config().inputDim());
        for (int h : vae.config().encoderHidden()) {
            arch.append('-').append(h);
        }
        arch.append('-').append(vae.config().latentDim());
        int epochs = run.history().size();
        return String.format(Locale.ROOT, "A variational autoencoder %s (input, hidden and latent widths; the decoder "
                        + "mirrors the encoder) with a %s decoder, trained for %d epoch%s on %s (%s). The figures below "
                        + "use %,d examples of %s. Run 'latent4j plot %s' to draw them again.",
                arch, vae.config().likelihood().id(), epochs, epochs == 1 ? "" : "s", meta.path("dataset").asText("?"),
                meta.path("data_source").asText("?"), shown.rows(), shown.name(), run.dir());
    }

    /** What the rows are, from the split in the data set's name (e.g. fashion-mnist/test). */
    static String setName(Dataset d) {
        return d.name().endsWith("/test") ? "test set" : d.name().endsWith("/train") ? "training set" : "data";
    }

    /**
     * The image height and width: as recorded at training, else the data's, else a square guess for rows of
     * at least 64 values (8 × 8 digits and up; a handful of features is not a picture), else null. Colour
     * images show their channels one under the other, each in grey (height channels·h).
     */
    static int[] imageShape(ObjectNode meta, Dataset data, int inputDim) {
        int c = meta.path("image_channels").asInt(1);
        int h = meta.path("image_height").asInt(0);
        int w = meta.path("image_width").asInt(0);
        if (c > 0 && h > 0 && w > 0 && c * h * w == inputDim) {
            return new int[] {c * h, w};
        }
        if (data.isImage()) {
            return new int[] {data.channels() * data.height(), data.width()};
        }
        return inputDim >= 64 ? ImageGrids.squareShape(inputDim) : null;
    }

    /** The fields of a JSON object as table rows: nested objects as "outer.inner" (the report formats the numbers). */
    public static Map<String, Object> flatten(ObjectNode o) {
        Map<String, Object> rows = new LinkedHashMap<>();
        flatten("", o, rows);
        return rows;
    }

    private static void flatten(String prefix, ObjectNode o, Map<String, Object> rows) {
        o.properties().forEach(e -> {
            String key = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (v instanceof ObjectNode inner) {
                flatten(key + ".", inner, rows);
            } else if (v.isArray()) {
                if (v.size() > 6) {
                    rows.put(key, v.size() + " values (the figures show them)");
                } else {
                    List<Object> items = new java.util.ArrayList<>();
                    v.forEach(x -> items.add(x.isNumber() ? (Object) x.asDouble() : x.asText()));
                    rows.put(key, items);
                }
            } else if (v.isIntegralNumber()) {
                rows.put(key, v.asLong());
            } else if (v.isNumber()) {
                rows.put(key, v.asDouble());
            } else if (v.isBoolean()) {
                rows.put(key, v.asBoolean());
            } else {
                rows.put(key, v.asText());
            }
        });
    }
}
