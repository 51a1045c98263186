package org.latent4j.models.quality;

/**
 * How many samples a classifier puts in each class, and the Kullback-Leibler divergence of that histogram to
 * the uniform one, KL(p ‖ u) = Σ pᵢ log(pᵢ K) (0 log 0 = 0), in nats: 0 when every class is as frequent, log K
 * when all samples fall in one class (the mode-collapse measure of Srivastava et al. 2017 and Lin et al. 2018,
 * for images labelled by a classifier). For a data set with balanced classes such as Fashion-MNIST, the
 * uniform histogram is the data's own.
 *
 * @param counts samples per class
 */
public record ClassHistogram(int[] counts) {

    /** The histogram of predicted classes in [0, classes). */
    public static ClassHistogram of(int[] predicted, int classes) {
        int[] counts = new int[classes];
        for (int i = 0; i < predicted.length; i++) {
            int c = predicted[i];
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("class histogram: prediction " + i + " is " + c + ", not in [0, "
                        + classes + ")");
            }
            counts[c]++;
        }
        return new ClassHistogram(counts);
    }

    /** KL(p ‖ uniform) in nats. */
    public double klToUniform() {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        if (total == 0) {
            throw new IllegalStateException("class histogram: no samples");
        }
        double kl = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                kl += p * Math.log(p * counts.length);
            }
        }
        return Math.max(0.0, kl);
    }
}
