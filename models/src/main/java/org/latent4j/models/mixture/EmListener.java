package org.latent4j.models.mixture;

/**
 * Sees the progress of {@link GaussianMixture#fit}: called on the fitting thread after each EM iteration
 * (and before each initialization), so a program can show progress. It only observes; the fit is the same
 * with or without it.
 */
@FunctionalInterface
public interface EmListener {
    /** Called by the fits that ignore progress. */
    EmListener NONE = (init, iteration, meanLogLikelihood) -> {};

    /**
     * After EM iteration {@code iteration} (1-based) of initialization {@code init} (0-based), with the mean
     * log-likelihood per example that the iteration's E-step computed (the value recorded in
     * {@link FitResult#trace()}).
     */
    void onIteration(int init, int iteration, double meanLogLikelihood);

    /** Before initialization {@code init} (0-based) of {@code inits} runs EM for k components, at most {@code maxIter} iterations. */
    default void onStart(int k, int init, int inits, int maxIter) {}
}
