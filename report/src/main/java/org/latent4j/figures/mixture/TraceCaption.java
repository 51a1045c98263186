package org.latent4j.figures.mixture;

import java.util.Locale;

/**
 * The caption of an EM log-likelihood trace: what the curve is, why it never goes down (each EM
 * iteration maximizes a lower bound that touches the log-likelihood at the current parameters, Dempster,
 * Laird and Rubin 1977), what convergence looks like, and a note if this trace ever did go down.
 */
final class TraceCaption {
    /** A drop smaller than this (relative) is floating-point rounding, not a failure of the EM property. */
    static final double ROUNDING = 1e-12;

    private TraceCaption() {}

    static String of(double[] trace) {
        int n = trace.length;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "The mean log-likelihood per row of the training data at each of the %d EM iterations, under the "
                        + "parameters that iteration started from (%s → %s). ",
                n, num(trace[0]), num(trace[n - 1])));
        s.append("EM never lowers it: each iteration maximizes a lower bound on the log-likelihood that touches it at "
                + "the current parameters (Dempster, Laird and Rubin 1977). Typically the curve climbs steeply in the first "
                + "iterations and then flattens; the fit has converged when the gain per iteration falls below the "
                + "tolerance, and a long slow climb means components that overlap and trade points slowly.");
        int worst = -1;
        double worstDrop = 0;
        int drops = 0;
        for (int i = 1; i < n; i++) {
            double drop = trace[i - 1] - trace[i];
            if (drop > ROUNDING * Math.max(1.0, Math.abs(trace[i - 1]))) {
                drops++;
                if (drop > worstDrop) {
                    worstDrop = drop;
                    worst = i;
                }
            }
        }
        if (drops > 0) {
            s.append(String.format(Locale.ROOT,
                    " Note: here it decreased %d time(s), at most by %s at iteration %d; the guarantee holds for the exact "
                            + "M-step, and the covariance regularization (reg_covar) added to it can break it by about that much.",
                    drops, num(worstDrop), worst + 1));
        } else if (n > 1) {
            s.append(" Here it never decreased.");
        }
        return s.toString();
    }

    /** Whether the trace never decreases beyond rounding. */
    static boolean nonDecreasing(double[] trace) {
        for (int i = 1; i < trace.length; i++) {
            if (trace[i - 1] - trace[i] > ROUNDING * Math.max(1.0, Math.abs(trace[i - 1]))) {
                return false;
            }
        }
        return true;
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
