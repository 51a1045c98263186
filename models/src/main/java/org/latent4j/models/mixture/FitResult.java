package org.latent4j.models.mixture;

/**
 * What one EM fit did.
 *
 * @param trace               mean log-likelihood per example at each iteration's E-step, i.e. under the
 *                            parameters that iteration started from (non-decreasing: the EM property)
 * @param converged           whether the change fell below the tolerance before the iteration limit
 * @param iterations          EM iterations run
 * @param meanLogLikelihood   mean log-likelihood per example under the final parameters
 * @param collapsedComponents components whose weight fell to zero (see {@link GaussianMixture})
 * @param initialization      which of the nInit initializations was kept (0-based)
 */
public record FitResult(double[] trace, boolean converged, int iterations, double meanLogLikelihood,
                        int collapsedComponents, int initialization) {
    @Override
    public double[] trace() {
        return trace.clone();
    }
}
