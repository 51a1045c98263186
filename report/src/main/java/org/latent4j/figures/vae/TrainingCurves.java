package org.latent4j.figures.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.latent4j.figures.Charts;
import org.latent4j.figures.Figure;
import org.latent4j.figures.Series;
import org.latent4j.models.training.EpochResult;

/** Training curves: loss, reconstruction and KL per epoch, train solid and test dashed, one colour per run. */
final class TrainingCurves {
    private TrainingCurves() {}

    /**
     * Loss, reconstruction and KL per epoch of one or more runs (keyed by a label such as "latent 2", in the
     * map's order), train solid and test dashed, in three panels named {@code <name>-loss}, {@code -recon}, {@code -kl}.
     */
    static VaeFigure of(String name, Map<String, List<EpochResult>> runs) {
        String[][] panels = {{"loss", "Loss (negative ELBO)"}, {"recon", "Reconstruction −E_q log p(x|z)"},
                {"kl", "KL(q(z|x) ‖ p(z))"}};
        List<Figure> figures = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (String[] p : panels) {
            List<Series> series = new ArrayList<>();
            List<Integer> colours = new ArrayList<>();
            int run = 0;
            for (var e : runs.entrySet()) {
                List<EpochResult> history = e.getValue();
                double[] epochs = new double[history.size()];
                for (int i = 0; i < epochs.length; i++) {
                    epochs[i] = history.get(i).epoch();
                }
                String prefix = e.getKey().isEmpty() ? "" : e.getKey() + ", ";
                double[] train = column(history, p[0], true);
                double[] test = column(history, p[0], false);
                // a run's train (solid) and test (dashed) curves share its colour
                if (train != null && train.length > 0) {
                    series.add(Series.line(prefix + "train", epochs, train));
                    colours.add(run);
                }
                if (test != null && test.length > 0) {
                    series.add(Series.dashed(prefix + "test", epochs, test));
                    colours.add(run);
                }
                run++;
            }
            if (series.isEmpty()) {
                continue;
            }
            figures.add(Charts.lines(name + "-" + p[0], p[1], "epoch", "nats per example", series,
                    colours.stream().mapToInt(Integer::intValue).toArray()));
            captions.add(""); // the chart's own title names the panel
        }
        if (figures.isEmpty()) {
            throw new IllegalArgumentException("no training history to draw");
        }
        return new VaeFigure("Training curves", figures, captions,
                "Per epoch: the loss (the negative ELBO, lower is better) and its two parts, the reconstruction term and the "
                        + "KL term, on the training data (solid: the mean over the epoch's mini-batches, while the model was "
                        + "still changing) and on the test data (dashed: after the epoch). A test curve that turns upwards "
                        + "while the training curve keeps falling means overfitting.");
    }

    /** One figure of the history (train parts, train loss, or test figures), or null when absent. */
    private static double[] column(List<EpochResult> history, String key, boolean train) {
        double[] v = new double[history.size()];
        for (int i = 0; i < v.length; i++) {
            EpochResult r = history.get(i);
            Double x = train ? (key.equals("loss") ? Double.valueOf(r.trainLoss()) : r.train().get(key)) : r.test().get(key);
            if (x == null) {
                return null;
            }
            v[i] = x;
        }
        return v;
    }
}
