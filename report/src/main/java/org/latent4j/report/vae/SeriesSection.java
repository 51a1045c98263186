package org.latent4j.report.vae;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latent4j.data.series.SequenceData;
import org.latent4j.data.series.SeriesTable;
import org.latent4j.data.series.Windows;
import org.latent4j.figures.Charts;
import org.latent4j.figures.Figure;
import org.latent4j.figures.Series;
import org.latent4j.figures.vae.VaeFigure;
import org.latent4j.models.series.AnomalyInjection;
import org.latent4j.models.series.DiscriminativeScore;
import org.latent4j.models.series.MeasureSettings;
import org.latent4j.models.series.PredictiveScore;
import org.latent4j.models.series.RankingMetrics;
import org.latent4j.models.series.StepScores;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeScores;
import org.latent4j.models.vae.VaeStepScores;
import org.latent4j.random.RandomSource;

/**
 * What a sequence VAE's run report adds for series data: anomalies injected into the test part of the series
 * (spikes, level shifts, variance bursts: {@link AnomalyInjection}) scored per time step (each step's share of its
 * windows' negative log-likelihood, averaged over the windows covering it) with ROC AUC and precision at the true
 * number of anomalous steps; synthetic windows against real ones with the discriminative and predictive scores;
 * and three figures: the series with its reconstruction and the per-step score under it, real beside generated
 * windows, and the windows' latent means coloured by time. Seeded: same model and seed, same numbers.
 *
 * @param measures the figures of merit, in the order the report lists them
 * @param figures  the figures
 */
record SeriesSection(Map<String, Object> measures, List<VaeFigure> figures) {
    /** Importance samples per window for the scores. */
    static final int SAMPLES = 20;
    /** Synthetic windows drawn for the measures (at least as many as the real test windows). */
    static final int MIN_SYNTHETIC = 500;

    static SeriesSection of(Vae vae, SequenceData data, long seed) {
        Map<String, Object> measures = new LinkedHashMap<>();
        List<VaeFigure> figures = new ArrayList<>();
        int steps = data.shape().steps();
        int features = data.shape().features();
        int width = steps * features;
        float[] train = data.splits().train().x();
        float[] test = data.splits().test() != null ? data.splits().test().x() : train;
        SeriesTable series = data.series();
        Windows testWindows = data.testWindows();
        AnomalyInjection inj = null;
        if (series != null && testWindows != null) {
            try {
                inj = AnomalyInjection.inject(series.values(), series.steps(), features, data.boundary(), series.steps(),
                        AnomalyInjection.Settings.defaults().withSeed(seed));
            } catch (IllegalArgumentException e) {
                measures.put("injected anomalies", "none: " + e.getMessage());
            }
        }
        if (inj != null) {
            float[] scaled = data.scaler().transform(inj.values());
            float[] rows = testWindows.rows(scaled, features);
            DataMatrix injected = new DataMatrix("test windows with injected anomalies", rows, testWindows.count(), width);
            VaeScores windows = vae.score(injected, SAMPLES, new RandomSource(seed));
            VaeStepScores perStep = vae.stepScores(injected, windows, SAMPLES, new RandomSource(seed + 1));
            StepScores byTime = StepScores.aggregate(perStep.values(), testWindows.starts(), steps);
            boolean[] positive = new boolean[byTime.score().length];
            for (int i = 0; i < positive.length; i++) {
                positive[i] = inj.anomalous()[byTime.from() + i];
            }
            measures.put("injected anomalies", inj.anomalies().size() + " (" + inj.anomalousSteps() + " steps)");
            measures.put("anomaly ROC AUC (per step)", RankingMetrics.rocAuc(byTime.score(), positive));
            measures.put("anomaly precision at the number of anomalous steps", RankingMetrics.precisionAtPositives(byTime.score(), positive));
            figures.add(anomalyFigure(vae, injected, inj, testWindows, byTime, scaled, features, steps));
        }
        int n = Math.max(MIN_SYNTHETIC, test.length / width);
        float[] synthetic = vae.sample(n, true, new RandomSource(seed + 2)).data();
        MeasureSettings settings = MeasureSettings.defaults().withSeed(seed);
        DiscriminativeScore d = DiscriminativeScore.of(test, synthetic, width, settings);
        measures.put("discriminative score |accuracy - 0.5| (lower is better)", d.score());
        measures.put("discriminative classifier", d.classifier());
        if (steps >= 2) {
            PredictiveScore p = PredictiveScore.of(synthetic, train, test, steps, features, settings);
            measures.put("predictive score: MAE, predictor trained on synthetic windows", p.syntheticTrained());
            measures.put("predictive score: MAE, predictor trained on real windows", p.realTrained());
        }
        figures.add(realAndGenerated(test, synthetic, steps, features));
        figures.add(latentByTime(vae, data.splits().train(), steps));
        return new SeriesSection(measures, figures);
    }

    private static VaeFigure anomalyFigure(Vae vae, DataMatrix injected, AnomalyInjection inj, Windows windows,
                                           StepScores byTime, float[] scaled, int features, int steps) {
        // feature 0 of the test part (scaled units), the reconstruction averaged over the windows covering each step
        float[] rec = vae.reconstruct(injected.slice(0, injected.rows())).data();
        double[] recFirst = new double[windows.count() * steps];
        for (int w = 0; w < windows.count(); w++) {
            for (int t = 0; t < steps; t++) {
                recFirst[w * steps + t] = rec[(w * steps + t) * features];
            }
        }
        StepScores recByTime = StepScores.aggregate(recFirst, windows.starts(), steps);
        int m = byTime.score().length;
        double[] x = new double[m];
        double[] value = new double[m];
        List<Double> ax = new ArrayList<>();
        List<Double> ay = new ArrayList<>();
        List<Double> sy = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            int t = byTime.from() + i;
            x[i] = t;
            value[i] = scaled[t * features];
            if (inj.anomalous()[t]) {
                ax.add((double) t);
                ay.add(value[i]);
                sy.add(byTime.score()[i]);
            }
        }
        double[] axs = ax.stream().mapToDouble(Double::doubleValue).toArray();
        List<Series> top = new ArrayList<>(List.of(Series.line("series with injected anomalies", x, value),
                Series.dashed("reconstruction", x, recByTime.score())));
        List<Series> bottom = new ArrayList<>(List.of(Series.line("per-step score", x, byTime.score())));
        if (axs.length > 0) {
            top.add(Series.markers("injected anomaly", axs, ay.stream().mapToDouble(Double::doubleValue).toArray()));
            bottom.add(Series.markers("injected anomaly", axs, sy.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        Figure a = Charts.lines("series_reconstruction", "Test part of the series (first feature, scaled)", "step",
                "value", top);
        Figure b = Charts.lines("series_step_scores", "Per-step anomaly score", "step", "nats", bottom);
        return new VaeFigure("Series, reconstruction and per-step anomaly score", List.of(a, b),
                List.of("The test part with anomalies injected (markers) and the model's reconstruction at the encoder"
                        + " mean, averaged over the windows covering each step.",
                        "Each step's share of its windows' negative log-likelihood, averaged over the windows covering it."),
                "Anomaly scoring on the series' test part: high scores should fall on the injected anomalies.");
    }

    private static VaeFigure realAndGenerated(float[] real, float[] synthetic, int steps, int features) {
        int shown = 4;
        double[] x = new double[steps];
        for (int t = 0; t < steps; t++) {
            x[t] = t;
        }
        List<Series> realSeries = new ArrayList<>();
        List<Series> synSeries = new ArrayList<>();
        int width = steps * features;
        int realRows = real.length / width;
        for (int k = 0; k < shown; k++) {
            int r = (int) ((long) k * realRows / shown);
            realSeries.add(Series.line("real window " + r, x, firstFeature(real, r, steps, features)));
            synSeries.add(Series.line("generated " + k, x, firstFeature(synthetic, k, steps, features)));
        }
        Figure a = Charts.lines("series_real_windows", "Real windows (first feature, scaled)", "step", "value", realSeries);
        Figure b = Charts.lines("series_generated_windows", "Generated windows (first feature, scaled)", "step", "value", synSeries);
        return new VaeFigure("Real and generated windows", List.of(a, b),
                List.of("Test windows spread over the test part.", "Windows drawn step by step from the model, z ~ N(0, I)."),
                "Synthetic windows beside real ones, on the same scale.");
    }

    private static double[] firstFeature(float[] rows, int r, int steps, int features) {
        double[] v = new double[steps];
        for (int t = 0; t < steps; t++) {
            v[t] = rows[(r * steps + t) * features];
        }
        return v;
    }

    /** The training windows' latent means (first two dimensions), coloured by the fifth of the series they start in. */
    private static VaeFigure latentByTime(Vae vae, org.latent4j.data.Dataset train, int steps) {
        int n = train.rows();
        DataMatrix m = new DataMatrix(train.name(), train.x(), n, train.cols());
        float[] mu = vae.encode(m.slice(0, n)).mu().data();
        int latent = vae.config().latentDim();
        double[] x = new double[n];
        double[] y = new double[n];
        int[] part = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = mu[i * latent];
            y[i] = latent > 1 ? mu[i * latent + 1] : 0;
            part[i] = (int) Math.min(4, 5L * i / n);
        }
        String[] names = {"first fifth", "second fifth", "third fifth", "fourth fifth", "last fifth"};
        Figure f = Charts.scatterByClass("series_latent_by_time", "Latent means of the training windows", "μ_1",
                latent > 1 ? "μ_2" : "0", x, y, part, names);
        return VaeFigure.of("Latent means coloured by time", f, "Each training window's encoder mean (first two"
                + " dimensions), coloured by where in the series it lies: drift shows as a path through the latent space.");
    }
}
