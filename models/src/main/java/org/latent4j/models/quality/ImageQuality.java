package org.latent4j.models.quality;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.latent4j.io.Json;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.random.RandomSource;

/**
 * The sample-quality measures of a generative model of images, all on the penultimate features of
 * latent4j's {@link ImageClassifier} (docs/quality.md):
 * the {@link FrechetDistance} of the feature Gaussians of real and generated images, the
 * {@link KernelDistance} (KID-style), the {@link NearestNeighbourTwoSample} accuracy, and the
 * {@link ClassHistogram} of the samples with its KL to uniform.
 *
 * @param frechet     the Fréchet distance on latent4j's classifier features (squared, as FID)
 * @param kernel      the kernel distance, mean and standard deviation over subsets
 * @param nearest     the 1-NN two-sample accuracies
 * @param histogram   the samples' predicted classes
 * @param realCount   real images measured
 * @param sampleCount generated images measured
 */
public record ImageQuality(double frechet, KernelDistance.Result kernel, NearestNeighbourTwoSample nearest,
                           ClassHistogram histogram, int realCount, int sampleCount) {

    /**
     * How the measures are taken.
     *
     * @param kidSubsets    subsets of the kernel distance (Bińkowski et al.: 100)
     * @param kidSubsetSize vectors of each set per subset (1,000)
     */
    public record Settings(int kidSubsets, int kidSubsetSize) {
        public static final Settings DEFAULT = new Settings(100, 1000);
    }

    /** The measures of {@code samples} against {@code real} images ({@code rng} picks the kernel subsets). */
    public static ImageQuality measure(ImageClassifier classifier, DataMatrix real, DataMatrix samples, Settings settings,
                                       RandomSource rng) {
        real.requireRows("the quality measures").requireFinite();
        samples.requireRows("the quality measures").requireFinite();
        if (real.rows() < 2 || samples.rows() < 2) {
            throw new IllegalArgumentException("the quality measures need at least 2 real and 2 generated images, got "
                    + real.rows() + " (" + real.name() + ") and " + samples.rows() + " (" + samples.name() + ")");
        }
        int d = ClassifierConfig.FEATURES;
        float[] fr = classifier.features(real);
        float[] fs = classifier.features(samples);
        double frechet = FrechetDistance.between(FeatureGaussian.of(fr, real.rows(), d), FeatureGaussian.of(fs, samples.rows(), d));
        KernelDistance.Result kid = KernelDistance.between(fr, real.rows(), fs, samples.rows(), d, settings.kidSubsets(),
                settings.kidSubsetSize(), rng);
        NearestNeighbourTwoSample nn = NearestNeighbourTwoSample.of(fr, real.rows(), fs, samples.rows(), d);
        ClassHistogram histogram = ClassHistogram.of(classifier.predict(samples), classifier.config().classes());
        return new ImageQuality(frechet, kid, nn, histogram, real.rows(), samples.rows());
    }

    /** The measures as JSON: frechet, kid_mean, kid_std, kid_subsets, kid_subset_size, one_nn_accuracy, ... */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("frechet_classifier_features", frechet);
        o.put("kid_mean", kernel.mean());
        o.put("kid_std", kernel.std());
        o.put("kid_subsets", kernel.subsets());
        o.put("kid_subset_size", kernel.subsetSize());
        o.put("one_nn_accuracy", nearest.accuracy());
        o.put("one_nn_real_accuracy", nearest.realAccuracy());
        o.put("one_nn_sample_accuracy", nearest.sampleAccuracy());
        ArrayNode counts = o.putArray("class_histogram");
        for (int c : histogram.counts()) {
            counts.add(c);
        }
        o.put("class_kl_to_uniform", histogram.klToUniform());
        o.put("real_images", realCount);
        o.put("samples", sampleCount);
        return o;
    }
}
