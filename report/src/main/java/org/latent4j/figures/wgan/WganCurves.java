package org.latent4j.figures.wgan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.latent4j.figures.Charts;
import org.latent4j.figures.Series;
import org.latent4j.figures.vae.VaeFigure;
import org.latent4j.models.training.EpochResult;

/**
 * The curves of a WGAN run against generator steps, one point per logging period (a line of
 * {@code metrics.jsonl}): the critic's Wasserstein estimate, the norm of its gradient on interpolates, and the
 * sample-quality measures the run logged (modes captured, high-quality share and reverse KL for the 2-D
 * mixtures; a Fréchet or kernel distance when present). Each comes with a caption saying what the curve did.
 */
public final class WganCurves {
    private WganCurves() {}

    /** A quality measure's chart: its metrics key (without {@code test_}), title, axis label and what lower or higher means. */
    record Measure(String key, String name, String title, String yLabel, boolean higherIsBetter, String meaning) {}

    static final List<Measure> QUALITY = List.of(
            new Measure("modes", "modes captured", "Modes captured", "modes with a high-quality sample", true,
                    "a mode counts when at least one of 2,500 samples lies within 3 standard deviations of it"),
            new Measure("high_quality", "high-quality share", "High-quality samples", "% within 3σ of a mode", true,
                    "the share of 2,500 samples within 3 standard deviations of their nearest mode"),
            new Measure("reverse_kl", "reverse KL", "Reverse KL of the mode histogram", "KL(q ‖ uniform), nats", false,
                    "the KL divergence of the high-quality samples' histogram over the modes to the uniform one: 0 when "
                            + "every mode gets its share"),
            new Measure("frechet", "Fréchet distance", "Fréchet distance (classifier features)", "Fréchet distance", false,
                    "the Fréchet distance between Gaussians fitted to the classifier features of samples and test images"),
            new Measure("kernel_distance", "kernel distance", "Kernel distance (classifier features)", "MMD²", false,
                    "the unbiased MMD² with the cubic polynomial kernel on the classifier features"));

    /**
     * The curves of a run's history.
     *
     * @param stepsPerEpoch generator steps per logging period
     * @param modes         the number of modes of the data (0 when it is no known mixture)
     */
    public static List<VaeFigure> all(List<EpochResult> history, int stepsPerEpoch, int modes, String prefix) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("WGAN curves: the run has no logged period");
        }
        double[] steps = new double[history.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = (double) history.get(i).epoch() * stepsPerEpoch;
        }
        List<VaeFigure> out = new ArrayList<>();
        double[] train = values(history, r -> r.train().get("wasserstein"));
        double[] test = values(history, r -> r.test().get("wasserstein"));
        List<Series> w = new ArrayList<>();
        if (train != null) {
            w.add(Series.line("training batches", steps, train));
        }
        if (test != null) {
            w.add(Series.dashed("held-out data", steps, test));
        }
        if (!w.isEmpty()) {
            double[] shown = test != null ? test : train;
            out.add(VaeFigure.of("Wasserstein estimate", Charts.lines(prefix + "wasserstein", "The critic's Wasserstein estimate",
                    "generator steps", "E[D(x)] − E[D(G(z))]", w), String.format(Locale.ROOT, "The critic's estimate of the "
                    + "Wasserstein distance between data and generator, E[D(x)] − E[D(G(z))], %s. It is an estimate only as "
                    + "good as the critic is near 1-Lipschitz and trained; when both hold, it falls as the generator's "
                    + "distribution nears the data's. Here it went from %s after %,d steps to %s after %,d.",
                    test != null ? "solid on the critic's training batches (mean over the period), dashed on the held-out "
                            + "points and fresh samples" : "on the critic's training batches", num(first(shown)),
                    (long) steps[firstIndex(shown)], num(last(shown)), (long) steps[lastIndex(shown)])));
        }
        double[] mean = values(history, r -> r.test().get("grad_norm_mean"));
        double[] max = values(history, r -> r.test().get("grad_norm_max"));
        if (mean != null) {
            List<Series> g = new ArrayList<>();
            g.add(Series.line("mean", steps, mean));
            if (max != null) {
                g.add(Series.line("largest", steps, max));
            }
            double[] one = new double[steps.length];
            java.util.Arrays.fill(one, 1);
            g.add(Series.dashed("1 (the Lipschitz bound)", steps, one));
            out.add(VaeFigure.of("The critic's gradient norm", Charts.lines(prefix + "grad-norm", "‖∇D(x̂)‖ on interpolates",
                    "generator steps", "gradient norm", g), String.format(Locale.ROOT, "The norm of the critic's gradient "
                    + "‖∇D(x̂)‖ at 1,000 points x̂ = εx + (1 − ε)G(z) between held-out data and samples: the mean and the "
                    + "largest. A 1-Lipschitz critic keeps it at most 1 (dashed); the gradient penalty pulls it towards 1, "
                    + "weight clipping and spectral normalization bound it from above. Last period: mean %s, largest %s.",
                    num(last(mean)), max == null ? "–" : num(last(max)))));
        }
        for (Measure m : QUALITY) {
            double[] v = values(history, r -> r.test().get(m.key()));
            if (v == null) {
                continue;
            }
            List<Series> s = new ArrayList<>();
            s.add(Series.lineMarkers(m.name(), steps, v));
            String extra = "";
            if (m.key().equals("modes") && modes > 0) {
                double[] all = new double[steps.length];
                java.util.Arrays.fill(all, modes);
                s.add(Series.dashed("all " + modes + " modes", steps, all));
                extra = allModesSentence(v, steps, modes);
            }
            int best = bestIndex(v, m.higherIsBetter());
            out.add(VaeFigure.of(m.title(), Charts.lines(prefix + m.key().replace('_', '-'), m.title(), "generator steps",
                    m.yLabel(), s), String.format(Locale.ROOT, "%s: %s, on held-out samples after every logging period. "
                    + "It went from %s after %,d steps to %s after %,d; the best value, %s, came after %,d steps.%s",
                    capitalized(m.name()), m.meaning(), num(first(v)), (long) steps[firstIndex(v)], num(last(v)),
                    (long) steps[lastIndex(v)], num(v[best]), (long) steps[best], extra)));
        }
        return out;
    }

    private static String allModesSentence(double[] v, double[] steps, int modes) {
        int from = -1;
        for (int i = v.length - 1; i >= 0 && v[i] == modes; i--) {
            from = i;
        }
        if (from < 0) {
            return String.format(Locale.ROOT, " The run ends with %d of the %d modes.", Math.round(last(v)), modes);
        }
        return String.format(Locale.ROOT, " All %d modes are captured from step %,d to the end.", modes, (long) steps[from]);
    }

    /** The values of one figure per period (NaN where a period lacks it), or null when no period has it. */
    static double[] values(List<EpochResult> history, Function<EpochResult, Double> f) {
        double[] v = new double[history.size()];
        boolean any = false;
        for (int i = 0; i < v.length; i++) {
            Double d = f.apply(history.get(i));
            v[i] = d == null || !Double.isFinite(d) ? Double.NaN : d;
            any |= d != null && Double.isFinite(d);
        }
        return any ? v : null;
    }

    private static int firstIndex(double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i])) {
                return i;
            }
        }
        return 0;
    }

    private static int lastIndex(double[] v) {
        for (int i = v.length - 1; i >= 0; i--) {
            if (!Double.isNaN(v[i])) {
                return i;
            }
        }
        return v.length - 1;
    }

    private static double first(double[] v) {
        return v[firstIndex(v)];
    }

    private static double last(double[] v) {
        return v[lastIndex(v)];
    }

    private static int bestIndex(double[] v, boolean higher) {
        int best = firstIndex(v);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i]) && (higher ? v[i] > v[best] : v[i] < v[best])) {
                best = i;
            }
        }
        return best;
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A number with three significant digits or so, never in scientific notation for the usual ranges. */
    static String num(double v) {
        double a = Math.abs(v);
        if (a == Math.rint(a) && a < 1e6) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 1 ? "%.3f" : "%.4f", v);
    }
}
