/**
 * Optimizers over named parameters ({@link org.latent4j.optim.Sgd}, {@link org.latent4j.optim.Adam},
 * {@link org.latent4j.optim.AdamW}, {@link org.latent4j.optim.RmsProp}, {@link org.latent4j.optim.Adagrad})
 * following PyTorch's update formulas, with state exportable for checkpoints; gradient clipping by
 * global norm; learning-rate schedules.
 *
 * <pre>{@code
 * Optimizer opt = new Adam(model.namedParameters(), Adam.Config.builder().lr(1e-3).build());
 * for (...) { opt.zeroGrad(); loss.backward(); GradientClipping.clipByGlobalNorm(model.parameters(), 5); opt.step(); }
 * }</pre>
 */
package org.latent4j.optim;
