package org.latent4j.models.mixture;

/**
 * A covariance matrix without a Cholesky factor, even after the regularization was added to its
 * diagonal: the data are degenerate at the scale of the regularization (for instance values of
 * magnitude 1e10 with the default 1e-6), so a larger {@code regCovar} is needed.
 */
public final class NonPositiveDefiniteException extends IllegalStateException {
    private final int component;

    NonPositiveDefiniteException(int component, int pivot) {
        super((component >= 0 ? "the covariance of component " + component : "the tied covariance")
                + " is not positive definite (pivot " + pivot + " is not positive); increase the regularization"
                + " regCovar (--reg-covar) or lower k");
        this.component = component;
    }

    /** The component at fault, or -1 for the tied covariance. */
    public int component() {
        return component;
    }
}
