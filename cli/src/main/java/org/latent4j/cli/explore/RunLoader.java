package org.latent4j.cli.explore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.latent4j.data.Catalogue;
import org.latent4j.data.DataSpec;
import org.latent4j.data.Dataset;
import org.latent4j.data.Fallback;
import org.latent4j.data.Splits;
import org.latent4j.figures.ImageGrids;
import org.latent4j.figures.vae.ClassNames;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.Json;
import org.latent4j.io.ModelFiles;
import org.latent4j.models.autoencoder.Autoencoder;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.GaussianMixtureFiles;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.report.mixture.RunData;

/**
 * Opens a run folder for the explorer: its own model (found by the {@code kind} in its metadata), the data to
 * show and the run's metrics and config. Only these files are read: the model folder's three files, the run
 * folder's {@code summary.json} and {@code run.json}, and the data the user or the run names.
 */
final class RunLoader {
    /** Default number of data rows drawn. */
    static final int DEFAULT_POINTS = 5_000;
    /** Most rows drawn (the points' JSON stays a few megabytes). */
    static final int MAX_POINTS = 100_000;

    private RunLoader() {}

    /**
     * The run in {@code runDir} with the first {@code maxPoints} rows of {@code split} of {@code dataSpec} (null:
     * the data the run records).
     */
    static ExploredRun load(Path runDir, String dataSpec, String split, int maxPoints) throws IOException {
        if (maxPoints < 1 || maxPoints > MAX_POINTS) {
            throw new IllegalArgumentException("--points must be from 1 to " + MAX_POINTS + ", got " + maxPoints);
        }
        if (!split.equals("train") && !split.equals("test")) {
            throw new IllegalArgumentException("--split must be train or test, got '" + split + "'");
        }
        if (!Files.isDirectory(runDir)) {
            throw new NoSuchFileException(runDir.toString(), null, "no such run folder");
        }
        Path modelDir = modelDir(runDir);
        Path metaFile = modelDir.resolve(ModelFiles.METADATA);
        JsonNode meta = readJson(metaFile);
        String kind = meta.path("kind").asText("");
        JsonNode runJson = Files.isRegularFile(runDir.resolve("run.json")) ? readJson(runDir.resolve("run.json")) : null;
        ObjectNode info = runInfo(runDir, modelDir, meta, runJson);
        String spec = dataSpec != null ? dataSpec : recordedSpec(meta, info.get("summary"), runJson, metaFile);
        return switch (kind) {
            case VaeFiles.KIND, Autoencoder.KIND -> {
                ExploredModel model = ExploredModel.load(modelDir, kind);
                Dataset d = split(DataSpec.parse(spec, Fallback.SUBSET).load(Catalogue.standard()), spec, split);
                int n = Math.min(maxPoints, d.rows());
                DataPoints points = new DataPoints(d.name(), d.source(), Arrays.copyOf(d.x(), n * d.cols()), n, d.cols(),
                        d.labels() == null ? null : Arrays.copyOf(d.labels(), n), classNames(d), d.rows(),
                        imageShape(d, meta, model.inputDim()));
                yield new LatentExplorer(model, latentMixture(runDir, modelDir, model.latentDim()), points, info);
            }
            case GaussianMixtureFiles.KIND -> {
                GaussianMixtureFiles.Stored stored = GaussianMixtureFiles.load(modelDir);
                RunData r = RunData.of(DataSpec.parse(spec));
                if (r.cols() != stored.inputColumns()) {
                    throw new IllegalArgumentException(r.source() + " has " + r.cols() + " columns but the mixture in "
                            + modelDir + " expects " + stored.inputColumns() + "; give its data with --data");
                }
                int n = Math.min(maxPoints, r.rows());
                double[] x = stored.prepare(Arrays.copyOf(r.x(), n * r.cols()));
                DataPoints points = new DataPoints(spec + " (training split)", r.source(), null, n, r.cols(),
                        r.labels() == null ? null : Arrays.copyOf(r.labels(), n),
                        r.classNames() == null ? null : List.of(r.classNames()), r.rows(), null);
                yield new MixtureExplorer(stored.mixture(), points, x, info);
            }
            default -> throw new FileFormatException(metaFile, "kind must be vae, autoencoder or gmm for the explorer, got '"
                    + kind + "'");
        };
    }

    /** The names of the data's classes as the run's figures name them (Fashion-MNIST's clothes, ...), or null. */
    private static List<String> classNames(Dataset d) {
        String[] names = ClassNames.of(d);
        return names == null ? null : List.of(names);
    }

    /**
     * A Gaussian mixture fitted to the model's latent codes, saved as a model folder (kind {@code gmm}, no PCA, as
     * many dimensions as the latent space) in a sub-folder of the run: offered as the page's {@code mixture}
     * sampler. The first such folder in name order; null when there is none.
     */
    static GaussianMixture latentMixture(Path runDir, Path modelDir, int latentDim) throws IOException {
        if (!runDir.equals(modelDir.getParent())) {
            return null;
        }
        List<Path> candidates;
        try (var list = Files.list(runDir)) {
            candidates = list.filter(p -> !p.equals(modelDir) && Files.isRegularFile(p.resolve(ModelFiles.METADATA)))
                    .sorted().toList();
        }
        for (Path dir : candidates) {
            JsonNode meta = readJson(dir.resolve(ModelFiles.METADATA));
            if (!GaussianMixtureFiles.KIND.equals(meta.path("kind").asText())) {
                continue;
            }
            GaussianMixtureFiles.Stored stored = GaussianMixtureFiles.load(dir);
            if (stored.pca() == null && stored.mixture().parameters().d() == latentDim) {
                return stored.mixture();
            }
        }
        return null;
    }

    /** DIR itself when it holds a model's metadata.json, else DIR/model (a training run's output folder). */
    static Path modelDir(Path runDir) throws NoSuchFileException {
        if (Files.isRegularFile(runDir.resolve(ModelFiles.METADATA))) {
            return runDir;
        }
        Path inner = runDir.resolve("model");
        if (Files.isRegularFile(inner.resolve(ModelFiles.METADATA))) {
            return inner;
        }
        throw new NoSuchFileException(runDir.toString(), null, "no model here: expected " + inner.resolve(ModelFiles.METADATA)
                + " (a folder written by latent4j train or demo) or " + runDir.resolve(ModelFiles.METADATA));
    }

    /** The data the run records: the model's {@code data_spec}, else summary.json's or run.json's {@code data}. */
    private static String recordedSpec(JsonNode meta, JsonNode summary, JsonNode runJson, Path metaFile)
            throws FileFormatException {
        JsonNode spec = meta.get("data_spec");
        if (spec == null && summary != null) {
            spec = summary.get("data");
        }
        if (spec == null && runJson != null) {
            spec = runJson.path("options").get("data");
        }
        if (spec == null || spec.isNull()) {
            throw new IllegalArgumentException("--data is needed: the run in " + metaFile.getParent() + " does not record"
                    + " the data it was trained on (no data_spec in metadata.json, no data in summary.json or run.json)");
        }
        if (!spec.isTextual()) {
            throw new FileFormatException(metaFile, "data_spec should be a data spec such as \"fashion-mnist\", got " + spec
                    + "; give the data with --data");
        }
        return spec.textValue();
    }

    private static Dataset split(Splits s, String spec, String split) {
        if (split.equals("train")) {
            return s.train();
        }
        if (s.test() == null) {
            throw new IllegalArgumentException("--data " + spec + " has no test split; use --split train");
        }
        return s.test();
    }

    /** Height (channels stacked) and width of a row drawn as an image, or null when the rows are not images. */
    static int[] imageShape(Dataset d, JsonNode meta, int inputDim) {
        if (d.isImage()) {
            int[] chw = d.imageShape();
            return new int[] {chw[0] * chw[1], chw[2]};
        }
        int c = meta.path("image_channels").asInt(1);
        int h = meta.path("image_height").asInt(0);
        int w = meta.path("image_width").asInt(0);
        if (c > 0 && h > 0 && w > 0 && c * h * w == inputDim) {
            return new int[] {c * h, w};
        }
        return inputDim >= 64 ? ImageGrids.squareShape(inputDim) : null;
    }

    private static ObjectNode runInfo(Path runDir, Path modelDir, JsonNode meta, JsonNode runJson) throws IOException {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("folder", runDir.toAbsolutePath().normalize().toString());
        Path summary = runDir.resolve("summary.json");
        if (Files.isRegularFile(summary)) {
            o.set("summary", readJson(summary));
        } else if (meta.has("metrics")) {
            o.set("summary", meta.get("metrics"));
        }
        Path config = modelDir.resolve(ModelFiles.CONFIG);
        if (Files.isRegularFile(config)) {
            o.set("config", readJson(config));
        }
        if (runJson != null) {
            o.set("command", runJson);
        }
        return o;
    }

    private static JsonNode readJson(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "expected a JSON file written by latent4j");
        }
        if (Files.size(file) > 16 << 20) {
            throw new FileFormatException(file, "is " + Files.size(file) + " bytes; a run's JSON files are far smaller");
        }
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new FileFormatException(file, "is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
