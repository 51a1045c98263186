package org.latent4j.models.quality;

import org.latent4j.blas.Blas;

/**
 * The 1-nearest-neighbour two-sample test of Lopez-Paz and Oquab 2017, as Xu et al. 2018 use it to judge
 * generative models: label the real vectors 1 and the generated ones 0, classify every vector of the union by
 * its nearest other vector (leave-one-out, squared Euclidean distance), and report the accuracy. 0.5 is ideal
 * (the two sets cannot be told apart); near 1 they are separated; well below 0.5 the samples copy the real
 * ones (each generated vector's nearest neighbour is the real one it copies).
 *
 * @param accuracy       over the union
 * @param realAccuracy   over the real vectors alone
 * @param sampleAccuracy over the generated vectors alone
 */
public record NearestNeighbourTwoSample(double accuracy, double realAccuracy, double sampleAccuracy) {
    /** Rows compared with the whole union per matrix product (a block of distances is BLOCK × union floats). */
    private static final int BLOCK = 256;

    /** The test on real rows {@code x} ([nx, d]) and generated rows {@code y} ([ny, d]). */
    public static NearestNeighbourTwoSample of(float[] x, int nx, float[] y, int ny, int d) {
        if (nx < 1 || ny < 1 || nx + ny < 3) {
            throw new IllegalArgumentException("1-NN two-sample test: expected at least one vector in each set and 3 in all,"
                    + " got " + nx + " and " + ny);
        }
        int n = nx + ny;
        float[] all = new float[n * d];
        System.arraycopy(x, 0, all, 0, nx * d);
        System.arraycopy(y, 0, all, nx * d, ny * d);
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double v = all[i * d + j];
                s += v * v;
            }
            norms[i] = s;
        }
        float[] dots = new float[BLOCK * n];
        int realRight = 0;
        int sampleRight = 0;
        for (int start = 0; start < n; start += BLOCK) {
            int rows = Math.min(BLOCK, n - start);
            Blas.sgemm(false, true, rows, n, d, 1f, all, start * d, d, all, 0, d, 0f, dots, 0, n);
            for (int r = 0; r < rows; r++) {
                int i = start + r;
                double best = Double.POSITIVE_INFINITY;
                int arg = -1;
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double dist = norms[i] + norms[j] - 2.0 * dots[r * n + j];
                    if (dist < best) {
                        best = dist;
                        arg = j;
                    }
                }
                boolean real = i < nx;
                if (real == (arg < nx)) {
                    if (real) {
                        realRight++;
                    } else {
                        sampleRight++;
                    }
                }
            }
        }
        return new NearestNeighbourTwoSample((double) (realRight + sampleRight) / n, (double) realRight / nx,
                (double) sampleRight / ny);
    }
}
