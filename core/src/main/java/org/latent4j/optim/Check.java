package org.latent4j.optim;

/** Validation of hyperparameters, with messages naming the optimizer, the field and the accepted range. */
final class Check {
    private Check() {}

    static double nonNegative(String who, String field, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(who + ": " + field + " must be a finite number >= 0, got " + v);
        }
        return v;
    }

    static double positive(String who, String field, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(who + ": " + field + " must be a finite number > 0, got " + v);
        }
        return v;
    }

    /** A decay rate in [0, 1). */
    static double unitInterval(String who, String field, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(who + ": " + field + " must be in [0, 1), got " + v);
        }
        return v;
    }
}
