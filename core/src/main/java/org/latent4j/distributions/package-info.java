/**
 * Probability distributions over float32 tensors with element-wise log-probabilities (the caller sums):
 * {@link org.latent4j.distributions.DiagonalNormal} (with the reparameterized {@code rsample}),
 * {@link org.latent4j.distributions.UnitVarianceNormal}, {@link org.latent4j.distributions.Bernoulli} and
 * {@link org.latent4j.distributions.ContinuousBernoulli} on logits, and closed-form KL divergences in
 * {@link org.latent4j.distributions.Kl}.
 */
package org.latent4j.distributions;
