package org.latent4j.figures.wgan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.latent4j.figures.Charts;
import org.latent4j.figures.Figure;
import org.latent4j.figures.Grid2d;
import org.latent4j.figures.ImageGrids;
import org.latent4j.figures.vae.VaeFigure;
import org.latent4j.models.training.EpochResult;
import org.latent4j.models.wgan.WganSnapshot;

/**
 * The figures of a Wasserstein GAN's run, each with the sentences that go under it:
 * <ul>
 *   <li>2-D data: generated points over real ones with contour lines of the critic, at several moments of
 *       training, as small multiples (the WGAN-GP paper's figure 1, Gulrajani et al. 2017)
 *       ({@link #pointsOverTraining});</li>
 *   <li>images: rows of samples of the same codes z at several moments ({@link #samplesOverTraining});</li>
 *   <li>curves against generator steps of the critic's Wasserstein estimate, its gradient norm and the
 *       sample-quality measures the run logged ({@link WganCurves}).</li>
 * </ul>
 */
public final class WganFigures {
    /** Contour levels of the critic drawn over the points. */
    static final int CRITIC_LEVELS = 9;
    /** Moments shown as small multiples (2-D) or rows (images). */
    public static final int MOMENTS = 6;
    static final String[] POINT_CLASSES = {"real data", "generated G(z)"};

    private WganFigures() {}

    /**
     * Up to {@code k} snapshots spread over the run: the first, the last and evenly between (by index), in order.
     */
    public static List<WganSnapshot> moments(List<WganSnapshot> all, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("moments: k=" + k + "; expected at least 1");
        }
        if (all.size() <= k) {
            return List.copyOf(all);
        }
        List<WganSnapshot> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int at = k == 1 ? all.size() - 1 : (int) Math.round((double) i * (all.size() - 1) / (k - 1));
            if (out.isEmpty() || out.get(out.size() - 1) != all.get(at)) {
                out.add(all.get(at));
            }
        }
        return out;
    }

    /**
     * One panel: the real points and the generated ones of a 2-D snapshot, with the critic's contour lines at
     * {@link #CRITIC_LEVELS} levels evenly spaced strictly between its lowest and highest value on the grid.
     *
     * @param real the real points, [n, 2] row-major
     */
    public static Figure pointsAndCritic(String name, String title, WganSnapshot s, float[] real) {
        if (s.critic() == null || s.dim() != 2) {
            throw new IllegalArgumentException("points and critic: the snapshot at step " + s.step()
                    + " holds no 2-D points with a critic grid");
        }
        if (real == null || real.length < 2 || real.length % 2 != 0) {
            throw new IllegalArgumentException("points and critic: expected real points as [n, 2], got "
                    + (real == null ? "null" : real.length + " values"));
        }
        int nr = real.length / 2, ng = s.count();
        double[] x = new double[nr + ng], y = new double[nr + ng];
        int[] classes = new int[nr + ng];
        for (int i = 0; i < nr; i++) {
            x[i] = real[2 * i];
            y[i] = real[2 * i + 1];
        }
        for (int i = 0; i < ng; i++) {
            x[nr + i] = s.generated()[2 * i];
            y[nr + i] = s.generated()[2 * i + 1];
            classes[nr + i] = 1;
        }
        WganSnapshot.CriticGrid g = s.critic();
        double[] values = new double[g.values().length];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            values[i] = g.values()[i];
            if (Double.isFinite(values[i])) {
                lo = Math.min(lo, values[i]);
                hi = Math.max(hi, values[i]);
            } else {
                values[i] = Double.NaN;
            }
        }
        Grid2d field = new Grid2d(g.xMin(), g.xMax(), g.yMin(), g.yMax(), g.nx(), g.ny(), values);
        double[] levels = criticLevels(lo, hi);
        return Charts.contours(name, title, "x₁", "x₂", x, y, classes, POINT_CLASSES, field, levels, "critic D(x), contours");
    }

    /** {@link #CRITIC_LEVELS} levels evenly spaced strictly inside [lo, hi] (none for a flat or undefined critic). */
    static double[] criticLevels(double lo, double hi) {
        if (!(lo < hi) || !Double.isFinite(hi - lo)) {
            return new double[0];
        }
        double[] levels = new double[CRITIC_LEVELS];
        for (int k = 0; k < levels.length; k++) {
            levels[k] = lo + (hi - lo) * (k + 1) / (CRITIC_LEVELS + 1);
        }
        return levels;
    }

    /**
     * Small multiples of a 2-D run: {@link #pointsAndCritic} at up to {@link #MOMENTS} moments spread over
     * training, each panel named by its step and, when the run logged them, its mode measures.
     *
     * @param history the run's logging periods (for the panels' measures; may be empty)
     * @param modes   the number of modes of the data (0 when it is no known mixture)
     */
    public static VaeFigure pointsOverTraining(List<WganSnapshot> all, float[] real, List<EpochResult> history, int modes,
                                               String prefix) {
        List<WganSnapshot> chosen = moments(all, MOMENTS);
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("points over training: the run has no snapshot");
        }
        List<Figure> panels = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (WganSnapshot s : chosen) {
            panels.add(pointsAndCritic(prefix + "points-step-" + s.step(),
                    String.format(Locale.ROOT, "After %,d generator steps", s.step()), s, real));
            captions.add(momentCaption(s, history, modes));
        }
        WganSnapshot last = chosen.get(chosen.size() - 1);
        String caption = String.format(Locale.ROOT, "The WGAN-GP paper's picture of training, at %d moments: %,d real "
                        + "points (blue) and the generator's points G(z) (vermillion) for the same %,d codes z at every "
                        + "moment, so that one can follow where the generator moves its mass. The grey lines are contours "
                        + "of the critic D(x) on a %d × %d grid at %d levels evenly spaced between its lowest and highest "
                        + "value there, darker for higher values: the critic scores real data high and generated data low, "
                        + "and the generator follows its gradient uphill. %s",
                chosen.size(), real.length / 2, last.count(), last.critic().nx(), last.critic().ny(), CRITIC_LEVELS,
                endSentence(last, history, modes));
        return new VaeFigure("Generated points and the critic over training", panels, captions, caption);
    }

    private static String momentCaption(WganSnapshot s, List<EpochResult> history, int modes) {
        EpochResult r = at(history, s.epoch());
        if (r == null || modes == 0 || !r.test().containsKey("modes")) {
            return String.format(Locale.ROOT, "step %,d", s.step());
        }
        return String.format(Locale.ROOT, "step %,d: %d of %d modes, %.1f %% high quality", s.step(),
                Math.round(r.test().get("modes")), modes, r.test().getOrDefault("high_quality", Double.NaN));
    }

    private static String endSentence(WganSnapshot last, List<EpochResult> history, int modes) {
        EpochResult r = at(history, last.epoch());
        if (r == null || modes == 0 || !r.test().containsKey("modes")) {
            return "";
        }
        return String.format(Locale.ROOT, "At the last moment, on 2,500 fresh samples, %d of the %d modes are captured "
                        + "and %.1f %% of the samples lie within 3 standard deviations of a mode.",
                Math.round(r.test().get("modes")), modes, r.test().getOrDefault("high_quality", Double.NaN));
    }

    static EpochResult at(List<EpochResult> history, int epoch) {
        for (EpochResult r : history) {
            if (r.epoch() == epoch) {
                return r;
            }
        }
        return null;
    }

    /**
     * Rows of samples of an image run: up to {@link #MOMENTS} moments, each row the first {@code perRow} samples
     * G(z) of the same codes, labelled by its generator step.
     *
     * @param h the height of an image as drawn (channels one under the other: channels × height)
     */
    public static VaeFigure samplesOverTraining(List<WganSnapshot> all, int h, int w, int perRow, String prefix) {
        List<WganSnapshot> chosen = moments(all, MOMENTS);
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("samples over training: the run has no snapshot");
        }
        List<float[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (WganSnapshot s : chosen) {
            if (s.dim() != h * w) {
                throw new IllegalArgumentException("samples over training: the snapshot at step " + s.step() + " has points of "
                        + s.dim() + " values, not images of " + h + " × " + w);
            }
            int n = Math.min(perRow, s.count());
            rows.add(java.util.Arrays.copyOf(s.generated(), n * s.dim()));
            labels.add(String.format(Locale.ROOT, "step %,d", s.step()));
        }
        Figure f = ImageGrids.labelledRows(prefix + "samples-over-training", rows, labels, perRow, h, w, 2);
        return VaeFigure.grid("Samples over training", f, String.format(Locale.ROOT, "Each row: the generator's images "
                + "G(z) for the same %d codes z after the number of generator steps on its left (grey levels clipped "
                + "to [0, 1]), so a column follows one code through training: from noise to shapes to clothes, when "
                + "training works.", Math.min(perRow, chosen.get(0).count())));
    }
}
