package org.latent4j.figures.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.latent4j.figures.Charts;
import org.latent4j.figures.Figure;
import org.latent4j.models.pca.Pca;

/** The latent space of a VAE over some data (usually the test set): the posterior means coloured by class, by PCA beyond two dimensions. */
final class LatentSpace {
    private LatentSpace() {}

    /**
     * The posterior means of (up to {@link #SCATTER_POINTS}) test examples, coloured by class: the latent
     * coordinates themselves for a 2-D latent space, their two principal components for more.
     */
    static VaeFigure of(LatentCodes codes, VaeFigures.Data data, int maxPoints) {
        Scatter p = scatter(codes, data, maxPoints);
        Figure f = Charts.scatterByClass("latent-space", "Latent space of the " + data.setName(), p.xLabel(), p.yLabel(), p.x(), p.y(),
                p.classes(), p.classNames());
        return VaeFigure.of("Latent space", f, String.format(Locale.ROOT,
                "Each of the %,d points is %s%s. Classes the model separates form their own clusters; overlapping "
                        + "clusters are classes it finds alike.", p.x().length, p.how(),
                data.labels() == null ? "" : ", coloured by its true class, which the model never saw"));
    }

    /**
     * The points of the latent-space scatter.
     *
     * @param classNames one name per class index (the chart's legend lists the classes that have points)
     * @param how        what a point is, for the caption
     */
    record Scatter(double[] x, double[] y, int[] classes, String[] classNames, String xLabel, String yLabel, String how) {
        /** The legend: the names of the classes that have points, in class order. */
        List<String> legend() {
            boolean[] present = new boolean[classNames.length];
            for (int c : classes) {
                present[c] = true;
            }
            List<String> out = new ArrayList<>();
            for (int c = 0; c < present.length; c++) {
                if (present[c]) {
                    out.add(classNames[c]);
                }
            }
            return out;
        }
    }

    static Scatter scatter(LatentCodes codes, VaeFigures.Data data, int maxPoints) {
        int n = Math.min(codes.rows(), maxPoints);
        int latent = codes.latent();
        double[] x = new double[n];
        double[] y = new double[n];
        String xLabel;
        String yLabel;
        String how;
        if (latent <= 2) {
            for (int i = 0; i < n; i++) {
                x[i] = codes.mu()[i * latent];
                y[i] = latent == 2 ? codes.mu()[i * latent + 1] : (data.labels() == null ? 0 : data.labels()[i]);
            }
            xLabel = "z1 (posterior mean)";
            yLabel = latent == 2 ? "z2 (posterior mean)" : "class";
            how = latent == 2 ? "the encoder's mean μ(x) of one example of the " + data.setName() + ", plotted in the 2-D latent space itself"
                    : "the encoder's mean μ(x) of one example of the " + data.setName() + " on the one latent axis, one strip per class";
        } else {
            double[] mu = new double[n * latent];
            for (int i = 0; i < mu.length; i++) {
                mu[i] = codes.mu()[i];
            }
            Pca pca = Pca.fit(mu, latent, 2);
            double[] p = pca.transform(mu);
            for (int i = 0; i < n; i++) {
                x[i] = p[2 * i];
                y[i] = p[2 * i + 1];
            }
            double[] ratio = pca.explainedVarianceRatio();
            xLabel = String.format(Locale.ROOT, "PC 1 (%.0f%% of variance)", 100 * ratio[0]);
            yLabel = String.format(Locale.ROOT, "PC 2 (%.0f%% of variance)", 100 * ratio[1]);
            how = String.format(Locale.ROOT, "the encoder's mean μ(x) of one example of the %s, projected from the %d-dimensional "
                    + "latent space onto its two principal components (together %.0f%% of the variance of the means)",
                    data.setName(), latent, 100 * (ratio[0] + ratio[1]));
        }
        int[] classes = new int[n];
        String[] names;
        if (data.labels() == null) {
            names = new String[] {"test example"};
        } else {
            System.arraycopy(data.labels(), 0, classes, 0, n);
            int k = 0;
            for (int c : data.labels()) {
                k = Math.max(k, c + 1);
            }
            names = new String[k];
            for (int c = 0; c < k; c++) {
                names[c] = data.classNames() != null && c < data.classNames().length ? data.classNames()[c] : "class " + c;
            }
        }
        return new Scatter(x, y, classes, names, xLabel, yLabel, how);
    }
}
