package org.latent4j.cli.explore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.latent4j.io.Json;
import org.latent4j.models.pca.Pca;

/**
 * How d-dimensional points are drawn in the plane: the first two coordinates when d ≤ 2, else the two leading
 * principal axes of the points (a PCA through their mean). A point p of the plane is lifted back to
 * z = mean + p₁·a₁ + p₂·a₂, the point of the PCA plane through the data mean that projects onto p.
 */
final class Projection {
    private final int d;
    private final Pca pca;
    /** The PCA's two axes, 2×d row-major (a copy made once: {@link Pca#axes} copies on each call). */
    private final double[] axes;

    private Projection(int d, Pca pca) {
        this.d = d;
        this.pca = pca;
        this.axes = pca == null ? null : pca.axes();
    }

    /** The projection for n×d points (row-major). */
    static Projection of(double[] points, int d) {
        if (d <= 2) {
            return new Projection(d, null);
        }
        return new Projection(d, Pca.fit(points, d, 2));
    }

    boolean isPca() {
        return pca != null;
    }

    /** The plane coordinates of n×d points: n×2 (a 1-D point is drawn at height 0). */
    double[] project(double[] points) {
        int n = points.length / d;
        if (pca != null) {
            return pca.transform(points);
        }
        double[] out = new double[n * 2];
        for (int i = 0; i < n; i++) {
            out[2 * i] = points[i * d];
            out[2 * i + 1] = d > 1 ? points[i * d + 1] : 0;
        }
        return out;
    }

    /** The point of the latent space that {@code (p1, p2)} stands for (see the class comment). */
    double[] lift(double p1, double p2) {
        double[] z = new double[d];
        if (pca == null) {
            z[0] = p1;
            if (d > 1) {
                z[1] = p2;
            }
            return z;
        }
        double[] a = axes;
        double[] mean = pca.mean();
        for (int j = 0; j < d; j++) {
            z[j] = mean[j] + p1 * a[j] + p2 * a[d + j];
        }
        return z;
    }

    /** A d×d covariance projected to the plane, 2×2: Aᵀ Σ A with A the d×2 axes (the identity's first columns). */
    double[] projectCovariance(double[] cov) {
        double[] out = new double[4];
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        s += axis(r, i) * cov[i * d + j] * axis(c, j);
                    }
                }
                out[r * 2 + c] = s;
            }
        }
        return out;
    }

    private double axis(int which, int i) {
        if (pca != null) {
            return axes[which * d + i];
        }
        return which == i ? 1 : 0;
    }

    /** What the page states and needs to lift points: kind, axes, the data mean and the variance each axis explains. */
    ObjectNode toJson(String prefix) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("kind", pca == null ? "identity" : "pca");
        o.put("dimension", d);
        if (pca == null) {
            o.put("x_label", prefix + "0");
            o.put("y_label", d > 1 ? prefix + "1" : "");
            return o;
        }
        double[] ratio = pca.explainedVarianceRatio();
        o.put("x_label", String.format(java.util.Locale.ROOT, "principal axis 1 of %s (%.1f%% of the variance)", prefix, 100 * ratio[0]));
        o.put("y_label", String.format(java.util.Locale.ROOT, "principal axis 2 of %s (%.1f%% of the variance)", prefix, 100 * ratio[1]));
        var mean = o.putArray("mean");
        for (double v : pca.mean()) {
            mean.add(v);
        }
        var axesJson = o.putArray("axes");
        for (int r = 0; r < 2; r++) {
            var row = axesJson.addArray();
            for (int j = 0; j < d; j++) {
                row.add(axes[r * d + j]);
            }
        }
        var ev = o.putArray("explained_variance_ratio");
        ev.add(ratio[0]).add(ratio[1]);
        return o;
    }
}
