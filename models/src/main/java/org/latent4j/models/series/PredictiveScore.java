package org.latent4j.models.series;

/**
 * The predictive score of synthetic windows ("train on synthetic, test on real", Yoon, Jarrett and van der Schaar,
 * "Time-series Generative Adversarial Networks", NeurIPS 2019, section 5): a one-step-ahead predictor (the first
 * T−1 steps of a window in, its last step's F values out) is trained on the synthetic windows and its mean absolute
 * error measured on real windows; the same predictor trained on real training windows gives the error to compare
 * with. Lower is better; a synthetic set as useful as the real one has a ratio near 1.
 *
 * <p>TimeGAN's predictor is a GRU predicting the next value of one feature at every step; latent4j's is an MLP
 * with one hidden ReLU layer on the flattened T−1 steps, predicting every feature of the last step, trained with
 * Adam on the absolute error ({@link MeasureSettings}).
 *
 * @param syntheticTrained the mean absolute error on the real test windows of the predictor trained on synthetic ones
 * @param realTrained      the same for the predictor trained on the real training windows
 * @param testWindows      real windows the errors were measured on
 */
public record PredictiveScore(double syntheticTrained, double realTrained, int testWindows) {

    /** syntheticTrained / realTrained: 1 when the synthetic windows teach the predictor as much as real ones. */
    public double ratio() {
        return syntheticTrained / realTrained;
    }

    /**
     * Scores synthetic windows; all sets flat [N, steps·features], time-major.
     *
     * @param realTrain real windows to train the comparison predictor on (e.g. the training windows)
     * @param realTest  real windows to test both predictors on (e.g. the test windows)
     * @throws IllegalArgumentException when a set is empty, not whole windows or not finite, or steps is below 2
     */
    public static PredictiveScore of(float[] synthetic, float[] realTrain, float[] realTest, int steps, int features,
                                     MeasureSettings settings) {
        if (steps < 2 || features < 1) {
            throw new IllegalArgumentException("one-step-ahead prediction needs windows of at least 2 steps and 1 feature,"
                    + " got " + steps + " x " + features);
        }
        int width = Math.multiplyExact(steps, features);
        int ns = WindowChecks.rows(synthetic, width, "synthetic windows");
        int nt = WindowChecks.rows(realTrain, width, "real training windows");
        int nq = WindowChecks.rows(realTest, width, "real test windows");
        int inputs = width - features;
        // a time-major window is already [first T-1 steps | last step]: the row is the input and its target
        double fromSynthetic = meanAbsoluteError(WindowNetworks.fit(synthetic, ns, inputs, features,
                WindowNetworks.Loss.ABSOLUTE, settings, "synthetic windows"), realTest, nq, width, inputs);
        double fromReal = meanAbsoluteError(WindowNetworks.fit(realTrain, nt, inputs, features,
                WindowNetworks.Loss.ABSOLUTE, settings, "real windows"), realTest, nq, width, inputs);
        return new PredictiveScore(fromSynthetic, fromReal, nq);
    }

    private static double meanAbsoluteError(WindowNetworks.Objective net, float[] test, int n, int width, int inputs) {
        float[] pred = net.predict(test, n, width);
        int features = width - inputs;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < features; f++) {
                sum += Math.abs(pred[i * features + f] - test[i * width + inputs + f]);
            }
        }
        return sum / ((double) n * features);
    }
}
