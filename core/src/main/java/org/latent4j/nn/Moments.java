package org.latent4j.nn;

import org.latent4j.tensor.Tensor;

/**
 * The mean and the biased variance of a tensor over some axes (kept as size-1 dimensions), and the
 * standardized tensor (x − mean) / √(variance + ε) that every normalization layer starts from. All of
 * it is built from recorded ops, so the gradient is differentiable again (a gradient penalty through a
 * normalization layer needs that). The variance is the mean of the squared centred values (two passes),
 * which keeps its digits when the mean is large compared with the spread.
 *
 * @param centered x − mean
 * @param mean     the mean over the axes
 * @param variance the biased variance over the axes (divided by the count, not the count − 1)
 * @param count    how many values each mean is taken over
 */
record Moments(Tensor centered, Tensor mean, Tensor variance, int count) {

    static Moments of(Tensor x, int[] axes) {
        int count = 1;
        for (int a : axes) {
            count *= x.dim(a);
        }
        Tensor mean = x.mean(axes, true);
        Tensor centered = x.sub(mean);
        Tensor variance = centered.square().mean(axes, true);
        return new Moments(centered, mean, variance, count);
    }

    /** 1 / √(variance + ε), the size of the mean. */
    Tensor inverseStd(float eps) {
        return variance.add(eps).pow(-0.5f);
    }

    /** (x − mean) / √(variance + ε). */
    Tensor standardized(float eps) {
        return centered.mul(inverseStd(eps));
    }
}
