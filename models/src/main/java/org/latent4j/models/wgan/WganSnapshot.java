package org.latent4j.models.wgan;

import org.latent4j.models.training.DataMatrix;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * What a WGAN looks like at one moment of training, as the figures of its run need it (the WGAN-GP paper's
 * figure 1 for 2-D data, Gulrajani et al. 2017; sample grids over training for images): the points G(z) of a
 * fixed set of codes z, so that moments compare the same codes, and for 2-D data the critic's values D(x) on
 * a grid covering the data. {@link Probe} takes it; {@link WganSnapshotFiles} writes and reads it.
 *
 * @param epoch     the logging period after which it was taken (1 for the first)
 * @param step      the generator steps done then
 * @param generated G(z) for the probe's codes, [count, dim] row-major
 * @param count     the number of points (codes)
 * @param dim       the data dimension
 * @param critic    D on the grid, or null (data that are not 2-D)
 */
public record WganSnapshot(int epoch, long step, float[] generated, int count, int dim, CriticGrid critic) {
    public WganSnapshot {
        if (generated == null || count < 1 || dim < 1 || generated.length != (long) count * dim) {
            throw new IllegalArgumentException("snapshot at step " + step + ": " + (generated == null ? "no" : generated.length)
                    + " generated values for " + count + " points of dimension " + dim);
        }
    }

    /**
     * The critic's values on a regular grid: {@code values[iy * nx + ix]} at
     * x = xMin + ix·(xMax − xMin)/(nx − 1), y = yMin + iy·(yMax − yMin)/(ny − 1).
     */
    public record CriticGrid(double xMin, double xMax, double yMin, double yMax, int nx, int ny, float[] values) {
        public CriticGrid {
            if (!(xMin < xMax && yMin < yMax) || !Double.isFinite(xMax - xMin) || !Double.isFinite(yMax - yMin)) {
                throw new IllegalArgumentException("critic grid: extent [" + xMin + ", " + xMax + "] × [" + yMin + ", " + yMax
                        + "] is not finite and increasing");
            }
            if (nx < 2 || ny < 2 || values == null || values.length != (long) nx * ny) {
                throw new IllegalArgumentException("critic grid: " + nx + " × " + ny + " points (at least 2 × 2) with "
                        + (values == null ? "no" : values.length) + " values");
            }
        }
    }

    /**
     * Takes snapshots of one run: the fixed codes z (drawn once from their own seed, apart from the training's
     * random streams, so that taking snapshots changes no number of the training) and, for 2-D data, the grid.
     */
    public static final class Probe {
        /** Generated points per 2-D snapshot. */
        public static final int POINTS = 1000;
        /** Samples per image snapshot. */
        public static final int IMAGES = 64;
        /** Grid points along each axis of the critic's grid. */
        public static final int GRID = 64;
        /** The margin around the data's bounding box, as a share of its larger side. */
        static final double MARGIN = 0.25;

        private final Tensor z;
        private final double[] extent;

        private Probe(Tensor z, double[] extent) {
            this.z = z;
            this.extent = extent;
        }

        /** A probe of 2-D data: {@link #POINTS} codes and a {@link #GRID}² grid over {@code data}'s points with a margin. */
        public static Probe points2d(WganConfig config, DataMatrix data, long seed) {
            if (config.dataDim() != 2 || data.cols() != 2) {
                throw new IllegalArgumentException("a 2-D snapshot probe needs 2-D data, got " + data.cols() + " columns");
            }
            data.requireRows("the snapshots' grid");
            double[] box = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
            float[] x = data.x();
            for (int i = 0; i < data.rows(); i++) {
                box[0] = Math.min(box[0], x[2 * i]);
                box[1] = Math.max(box[1], x[2 * i]);
                box[2] = Math.min(box[2], x[2 * i + 1]);
                box[3] = Math.max(box[3], x[2 * i + 1]);
            }
            double side = Math.max(Math.max(box[1] - box[0], box[3] - box[2]), 1e-6);
            double m = MARGIN * side;
            double[] extent = {box[0] - m, box[1] + m, box[2] - m, box[3] + m};
            return new Probe(codes(config, POINTS, seed), extent);
        }

        /** A probe of image (or other non-2-D) data: {@link #IMAGES} codes, no grid. */
        public static Probe samples(WganConfig config, long seed) {
            return new Probe(codes(config, IMAGES, seed), null);
        }

        private static Tensor codes(WganConfig config, int n, long seed) {
            // a source of its own ("SNAP"), so the training's streams are untouched
            return Tensor.randn(new RandomSource(seed ^ 0x534E4150L), n, config.latentDim());
        }

        /** Whether snapshots carry the critic's grid (2-D data). */
        public boolean hasGrid() {
            return extent != null;
        }

        /**
         * The model now, in evaluation mode (spectral vectors and batch statistics untouched) and without
         * gradients; the module's mode is restored afterwards.
         */
        public WganSnapshot take(Wgan model, int epoch, long step) {
            boolean training = model.isTraining();
            model.train(false);
            try (Autograd.Scope ignored = Autograd.noGrad()) {
                Tensor g = model.sample(z);
                CriticGrid grid = null;
                if (extent != null) {
                    int n = GRID;
                    float[] points = new float[2 * n * n];
                    for (int iy = 0; iy < n; iy++) {
                        for (int ix = 0; ix < n; ix++) {
                            points[2 * (iy * n + ix)] = (float) (extent[0] + ix * (extent[1] - extent[0]) / (n - 1));
                            points[2 * (iy * n + ix) + 1] = (float) (extent[2] + iy * (extent[3] - extent[2]) / (n - 1));
                        }
                    }
                    float[] d = model.criticScore(Tensor.of(points, n * n, 2)).toArray();
                    grid = new CriticGrid(extent[0], extent[1], extent[2], extent[3], n, n, d);
                }
                return new WganSnapshot(epoch, step, g.toArray(), g.dim(0), g.dim(1), grid);
            } finally {
                model.train(training);
            }
        }
    }
}
