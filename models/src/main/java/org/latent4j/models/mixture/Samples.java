package org.latent4j.models.mixture;

/**
 * Draws from a mixture: n rows of d values (row-major) and the component each row came from.
 */
public record Samples(double[] x, int[] labels, int d) {}
