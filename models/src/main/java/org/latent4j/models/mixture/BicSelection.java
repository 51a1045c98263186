package org.latent4j.models.mixture;

/**
 * The outcome of choosing k by the Bayesian information criterion (Schwarz, 1978).
 *
 * @param ks    the numbers of components tried
 * @param bics  the BIC of each (lower is better)
 * @param bestK the k with the lowest BIC
 * @param best  the mixture fitted with that k
 */
public record BicSelection(int[] ks, double[] bics, int bestK, GaussianMixture best) {}
