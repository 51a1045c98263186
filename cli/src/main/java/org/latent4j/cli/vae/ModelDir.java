package org.latent4j.cli.vae;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.latent4j.io.ModelFiles;
import org.latent4j.models.vae.VaeFiles;

/** Finds the model directory in what the user named: a model directory, or a training output holding {@code model/}. */
final class ModelDir {
    private ModelDir() {}

    static Path resolve(Path dir) {
        Path inner = dir.resolve("model");
        if (!Files.isRegularFile(dir.resolve(ModelFiles.METADATA)) && Files.isRegularFile(inner.resolve(ModelFiles.METADATA))) {
            return inner;
        }
        return dir;
    }

    /**
     * The scaler of the series a sequence VAE was trained on (metadata field {@code series_scaler}), or null when the
     * model records none; a broken one fails naming metadata.json.
     */
    static org.latent4j.data.series.SeriesScaler seriesScaler(VaeFiles.Loaded m) {
        var node = m.metadata().get(org.latent4j.report.vae.VaeRunFiles.SERIES_SCALER);
        if (node == null || node.isNull() || m.vae().config().recurrent() == null) {
            return null;
        }
        String source = ModelFiles.METADATA + " field '" + org.latent4j.report.vae.VaeRunFiles.SERIES_SCALER + "'";
        org.latent4j.data.series.SeriesScaler s = org.latent4j.data.series.SeriesScaler.fromJson(node, source);
        if (s.features() != m.vae().config().recurrent().features()) {
            throw new IllegalArgumentException(source + ": a scaler of " + s.features() + " features for a model of "
                    + m.vae().config().recurrent().features());
        }
        return s;
    }

    static VaeFiles.Loaded loadVae(Path dir) throws IOException {
        return VaeFiles.load(resolve(dir));
    }

    /**
     * The image height and width recorded at training, or a square guess, or null. A convolutional model knows
     * its image shape; a colour one is drawn as its channels one under the other, each in grey.
     */
    static int[] imageShape(VaeFiles.Loaded m) {
        var conv = m.vae().config().conv();
        if (conv != null) {
            return new int[] {conv.image().channels() * conv.image().height(), conv.image().width()};
        }
        int c = m.metadata().path("image_channels").asInt(1);
        int h = m.metadata().path("image_height").asInt(0);
        int w = m.metadata().path("image_width").asInt(0);
        if (c > 0 && h > 0 && w > 0 && c * h * w == m.vae().config().inputDim()) {
            return new int[] {c * h, w};
        }
        return org.latent4j.figures.ImageGrids.squareShape(m.vae().config().inputDim());
    }
}
