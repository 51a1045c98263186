/**
 * Optimizers over named parameters ({@link org.latent4j.optim.Sgd}, {@link org.latent4j.optim.Adam},
 * {@link org.latent4j.optim.AdamW}, {@link org.latent4j.optim.RmsProp}, {@link org.latent4j.optim.Adagrad})
 * following PyTorch's update formulas, with state exportable for checkpoints; gradient clipping by
 * global norm; learning-rate schedules. Moving averages (moments, momentum buffers) are stored flushed to
 * zero once below the smallest normal float, as a processor in flush-to-zero mode would give them: the
 * parameters move the same, and on many x86 processors the update does not slow down by an order of
 * magnitude when weights stop receiving gradient (see {@code Subnormals}).
 *
 * <pre>{@code
 * Optimizer opt = new Adam(model.namedParameters(), Adam.Config.builder().lr(1e-3).build());
 * for (...) { opt.zeroGrad(); loss.backward(); GradientClipping.clipByGlobalNorm(model.parameters(), 5); opt.step(); }
 * }</pre>
 */
package org.latent4j.optim;
