package org.latent4j.cli.wgan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.latent4j.cli.console.Console;
import org.latent4j.cli.console.FiniteResults;
import org.latent4j.cli.console.Usage;
import org.latent4j.data.Catalogue;
import org.latent4j.data.DataSpec;
import org.latent4j.data.Dataset;
import org.latent4j.data.Fallback;
import org.latent4j.data.Splits;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.Json;
import org.latent4j.io.ModelFiles;
import org.latent4j.models.quality.ModeCoverage;
import org.latent4j.models.networks.ImageShape;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.wgan.Architecture;
import org.latent4j.models.wgan.WganConfig;
import org.latent4j.models.wgan.WganFiles;
import org.latent4j.models.wgan.WganObjective;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code sample} and {@code evaluate} do with a WGAN's model folder, and how {@code train wgan} builds one. */
public final class WganModels {
    /** The WGAN-GP paper's batch size for images (Gulrajani et al. 2017, appendix on image experiments). */
    static final int IMAGE_BATCH = 64;
    /** The WGAN-GP paper's λ for images. */
    static final double IMAGE_GP_WEIGHT = 10;
    /** The dimension of z for images: small enough for a 2-core machine, as the MLP VAE's 20 is for its decoder. */
    static final int IMAGE_LATENT = 64;

    private WganModels() {}

    /**
     * The networks {@code --arch} names, or without it conv for image data and mlp otherwise; conv on data
     * that are not images is refused.
     */
    static Architecture architecture(CommandSpec spec, String arch, Dataset data) {
        if (arch == null) {
            return data.isImage() ? Architecture.CONV : Architecture.MLP;
        }
        Architecture a = Usage.option(spec, "--arch", () -> Architecture.parse(arch));
        if (a == Architecture.CONV && !data.isImage()) {
            throw Usage.error(spec, "--arch conv needs image data (fashion-mnist, images:DIR, idx:...); " + data.name()
                    + " has " + data.cols() + " plain columns; use --arch mlp");
        }
        return a;
    }

    /** The MLP configuration {@code mlp}, turned into the convolutional one for the data's image shape when asked. */
    static WganConfig config(WganConfig mlp, Architecture a, int channels, Dataset data) {
        if (a == Architecture.MLP) {
            return mlp;
        }
        return mlp.withConv(new ImageShape(data.channels(), data.height(), data.width()), channels);
    }

    /** The networks in a few words, for the training banner. */
    static String describe(WganConfig c) {
        return c.architecture() == Architecture.CONV
                ? "conv, channels " + c.channels() + "/" + 2 * c.channels() + " on " + c.image() + " images"
                : "mlp, width " + c.width() + " × " + c.hidden() + " hidden";
    }

    /** Whether the model directory holds a WGAN (its metadata.json says kind "wgan"). */
    public static boolean isWgan(Path modelDir) {
        Path meta = modelDir.resolve(ModelFiles.METADATA);
        if (!Files.isRegularFile(meta)) {
            return false;
        }
        try {
            return WganFiles.KIND.equals(Json.read(meta).path("kind").asText(""));
        } catch (IOException e) {
            return false; // the VAE path reads it again and reports what is wrong with it
        }
    }

    /** n samples G(z), z ~ N(0, I), from the WGAN in modelDir, and the image shape to draw them with (or null). */
    public static Tensor sample(Path modelDir, int n, long seed) throws IOException {
        return WganFiles.load(modelDir).model().sample(n, new RandomSource(seed));
    }

    /** The image shape recorded at training as {channels × height, width}, or null for data that are not images. */
    public static int[] imageShape(Path modelDir) throws IOException {
        JsonNode m = Json.read(modelDir.resolve(ModelFiles.METADATA));
        int c = m.path("image_channels").asInt(0), h = m.path("image_height").asInt(0), w = m.path("image_width").asInt(0);
        return c > 0 && h > 0 && w > 0 ? new int[] {c * h, w} : null;
    }

    /**
     * Prints the WGAN's held-out figures: the critic's Wasserstein estimate and gradient norms on the test
     * split of the data it was trained on (or {@code dataSpec}), and for a 2-D mixture the mode measures.
     */
    public static int evaluate(Console console, Path modelDir, String dataSpec, long seed, boolean json) throws IOException {
        WganFiles.Loaded m = WganFiles.load(modelDir);
        String spec = dataSpec;
        if (spec == null) {
            JsonNode recorded = m.metadata().get("data_spec");
            if (recorded == null || !recorded.isTextual()) {
                throw new FileFormatException(modelDir.resolve(ModelFiles.METADATA),
                        "records no data_spec; give the data with --data");
            }
            spec = recorded.textValue();
        }
        DataSpec parsed = DataSpec.parse(spec, Fallback.SUBSET);
        Splits splits = parsed.load(Catalogue.standard());
        var d = splits.test() != null ? splits.test() : splits.train();
        if (d.cols() != m.model().config().dataDim()) {
            throw new IllegalArgumentException("--data " + spec + " has " + d.cols() + " columns; the WGAN in " + modelDir
                    + " makes points of " + m.model().config().dataDim());
        }
        DataMatrix x = new DataMatrix(d.name(), d.x(), d.rows(), d.cols());
        ModeCoverage coverage = TrainWganCommand.coverage(parsed);
        WganObjective objective = new WganObjective(m.model(), 1e-4, coverage);
        var figures = objective.evaluate(x, new RandomSource(seed));
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("data", d.name());
        o.put("examples", d.rows());
        figures.forEach((k, v) -> {
            if (!k.equals("loss")) {
                o.put(k, v);
            }
        });
        FiniteResults.check(o);
        if (json) {
            console.json(o);
        } else {
            console.info("data            %s, %d examples", d.name(), d.rows());
            console.info("wasserstein     %.4f  (the critic's estimate, E[D(x)] - E[D(G(z))])", figures.get("wasserstein"));
            console.info("grad_norm       mean %.3f, max %.3f  (|grad D| on interpolates)", figures.get("grad_norm_mean"),
                    figures.get("grad_norm_max"));
            if (coverage != null) {
                console.info("modes           %d of %d  (on %d samples)", figures.get("modes").intValue(), coverage.modes(),
                        ModeCoverage.SAMPLES);
                console.info("high_quality    %.2f %%  (within 3 standard deviations of the nearest mode)", figures.get("high_quality"));
                console.info("reverse_kl      %.4f  (mode histogram against uniform)", figures.get("reverse_kl"));
            }
        }
        return 0;
    }
}
