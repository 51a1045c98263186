package org.latent4j.models.series;

import org.latent4j.random.RandomSource;

/**
 * The discriminative score of synthetic windows (Yoon, Jarrett and van der Schaar, "Time-series Generative
 * Adversarial Networks", NeurIPS 2019, section 5): a classifier is trained to tell real windows (label 1) from
 * synthetic ones (label 0) on a share of them and tested on the rest; the score is {@code |accuracy − 0.5|}, 0
 * when the classifier cannot tell them apart, 0.5 when it always can. Lower is better.
 *
 * <p>TimeGAN's classifier is a 2-layer GRU; latent4j's is an MLP with one hidden ReLU layer on the flattened
 * window (T·F values), trained with Adam on the cross-entropy ({@link MeasureSettings}). Both sets are first cut
 * to the same number of windows (a random choice of the larger one), so that chance accuracy is 0.5.
 *
 * @param score         {@code |accuracy − 0.5|}
 * @param accuracy      the classifier's accuracy on the held-out windows
 * @param trainExamples windows the classifier was trained on (real and synthetic)
 * @param testExamples  windows it was tested on
 * @param classifier    what the classifier was, e.g. {@code MLP 24x5=120-64-1 (ReLU)}
 */
public record DiscriminativeScore(double score, double accuracy, int trainExamples, int testExamples, String classifier) {

    /**
     * Scores synthetic windows against real ones, both flat [N, width] (time-major, width = T·F).
     *
     * @throws IllegalArgumentException when a set is empty, not whole windows, not finite, or too small to split
     */
    public static DiscriminativeScore of(float[] real, float[] synthetic, int width, MeasureSettings settings) {
        int nr = WindowChecks.rows(real, width, "real windows");
        int ns = WindowChecks.rows(synthetic, width, "synthetic windows");
        int n = Math.min(nr, ns);
        int total = 2 * n;
        int trainCount = (int) Math.round(settings.trainShare() * total);
        if (trainCount < 2 || total - trainCount < 2) {
            throw new IllegalArgumentException("the discriminative score needs more windows: " + n + " of each kind give "
                    + trainCount + " to train on and " + (total - trainCount) + " to test on (at least 2 each)");
        }
        RandomSource rng = new RandomSource(settings.seed());
        int[] pickReal = rng.permutation(nr);
        int[] pickSynthetic = rng.permutation(ns);
        int[] order = rng.permutation(total);
        int rowWidth = width + 1;
        float[] trainRows = new float[trainCount * rowWidth];
        float[] testRows = new float[(total - trainCount) * rowWidth];
        for (int i = 0; i < total; i++) {
            int e = order[i];
            boolean isReal = e < n;
            float[] src = isReal ? real : synthetic;
            int row = isReal ? pickReal[e] : pickSynthetic[e - n];
            float[] dst = i < trainCount ? trainRows : testRows;
            int at = (i < trainCount ? i : i - trainCount) * rowWidth;
            System.arraycopy(src, row * width, dst, at, width);
            dst[at + width] = isReal ? 1f : 0f;
        }
        WindowNetworks.Objective net = WindowNetworks.fit(trainRows, trainCount, width, 1, WindowNetworks.Loss.LOGISTIC,
                settings, "real-or-synthetic");
        int testCount = total - trainCount;
        float[] logits = net.predict(testRows, testCount, rowWidth);
        int correct = 0;
        for (int i = 0; i < testCount; i++) {
            boolean saysReal = logits[i] > 0;
            boolean isReal = testRows[i * rowWidth + width] == 1f;
            if (saysReal == isReal) {
                correct++;
            }
        }
        double accuracy = correct / (double) testCount;
        return new DiscriminativeScore(Math.abs(accuracy - 0.5), accuracy, trainCount, testCount,
                "MLP " + width + "-" + settings.hidden() + "-1 (ReLU) on the flattened window");
    }
}
