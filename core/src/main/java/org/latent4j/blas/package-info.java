/**
 * Matrix products: the {@link org.latent4j.blas.Blas} facade over the system OpenBLAS (through
 * dev.ludovic.netlib) and latent4j's own pure-Java Vector API kernels.
 */
package org.latent4j.blas;
