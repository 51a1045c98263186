package org.latent4j.cli.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.latent4j.figures.ImageGrids;
import org.latent4j.io.AtomicFiles;
import org.latent4j.tensor.Tensor;

/** Writing rows of model output: a PNG grid for images, CSV otherwise. */
final class Outputs {
    private Outputs() {}

    static void writeRows(Path file, Tensor rows, int[] imageShape, int columns, int scale, String prefix) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int n = rows.dim(0), d = rows.dim(1);
        if (name.endsWith(".png")) {
            if (imageShape == null) {
                throw new IllegalArgumentException("cannot write " + file + " as an image: rows of " + d
                        + " values are not images (use a .csv file)");
            }
            writeGrid(file, rows.data(), n, imageShape, columns, scale);
        } else if (name.endsWith(".csv")) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < d; j++) {
                sb.append(j == 0 ? "" : ",").append(prefix).append(j);
            }
            sb.append('\n');
            float[] v = rows.data();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    sb.append(j == 0 ? "" : ",").append(v[i * d + j]);
                }
                sb.append('\n');
            }
            AtomicFiles.writeString(file, sb.toString());
        } else {
            throw new IllegalArgumentException("output file " + file + ": expected a name ending in .png or .csv");
        }
    }

    /** Writes n images of imageShape (height, width) as one PNG grid at {@code file}, atomically. */
    static void writeGrid(Path file, float[] pixels, int n, int[] imageShape, int columns, int scale) throws IOException {
        AtomicFiles.write(file, ImageGrids.grid("grid", pixels, n, imageShape[0], imageShape[1], columns, scale).png());
    }
}
