package org.latent4j.spark;

import java.io.Serializable;

/**
 * A block of rows of a partition as one row-major matrix, so that the E-step and the gradients run as
 * matrix products over many rows at once instead of row by row.
 *
 * @param x       n×d values, row-major
 * @param weights per-row weights, or null (all 1)
 * @param n       rows
 * @param d       columns
 * @param first   index of the first row within its partition (for error messages)
 */
public record Block(double[] x, double[] weights, int n, int d, long first) implements Serializable {
    private static final long serialVersionUID = 1L;
}
