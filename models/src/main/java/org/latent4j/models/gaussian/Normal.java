package org.latent4j.models.gaussian;

/**
 * The standard normal density and its upper tail, to full double precision, and the moments of a
 * normal variable restricted to an interval (the truncated normal), which both the binned-data EM and
 * the uniform-latent model need.
 *
 * <p>The upper tail Q(x) = P(Z > x) uses the Taylor series of erf, written as the positive series
 * erf(t) = 2/√π · e^{−t²} Σ_{n≥0} 2ⁿ t^{2n+1} / (1·3·…·(2n+1)), for small arguments, and the
 * continued fraction of erfc (Abramowitz and Stegun 7.1.14) for large ones, so tails far from the
 * mean keep their relative precision instead of rounding to 0 or 1.
 */
public final class Normal {
    static final double LOG_SQRT_2PI = 0.5 * Math.log(2.0 * Math.PI);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    private Normal() {}

    /** φ(x), the standard normal density. */
    public static double pdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** Φ(x) = P(Z ≤ x). */
    public static double cdf(double x) {
        return upperTail(-x);
    }

    /** Q(x) = P(Z > x) = erfc(x/√2)/2, accurate in relative terms for large x. */
    public static double upperTail(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        if (x == Double.NEGATIVE_INFINITY) {
            return 1.0;
        }
        double t = Math.abs(x) / SQRT2;
        double q;
        if (t < 2.5) {
            q = 0.5 * (1.0 - erfSeries(t));
            if (x < 0) {
                q = 1.0 - q;
            }
            return q;
        }
        q = 0.5 * erfcContinuedFraction(t);
        return x < 0 ? 1.0 - q : q;
    }

    /** P(a < Z ≤ b) for a ≤ b, computed in the tail where it is small to keep its precision. */
    public static double intervalProbability(double a, double b) {
        if (a >= 0) {
            return upperTail(a) - upperTail(b);
        }
        if (b <= 0) {
            return upperTail(-b) - upperTail(-a);
        }
        return 1.0 - upperTail(b) - upperTail(-a);
    }

    private static double erfSeries(double t) {
        double t2 = t * t;
        double term = t;
        double sum = t;
        for (int n = 1; n < 200; n++) {
            term *= 2.0 * t2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * Math.exp(-t2) * sum;
    }

    /** erfc(t) for t ≥ 2.5 by the continued fraction e^{−t²}/√π · 1/(t + (1/2)/(t + 1/(t + (3/2)/(t + …)))), modified Lentz. */
    private static double erfcContinuedFraction(double t) {
        double tiny = 1e-300;
        double f = t;
        double c = t;
        double d = 0.0;
        for (int n = 1; n < 500; n++) {
            double an = n * 0.5;
            d = t + an * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = t + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1.0 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1.0) < 1e-16) {
                break;
            }
        }
        return Math.exp(-t * t) / (Math.sqrt(Math.PI) * f);
    }

    /**
     * Mean and second central moment of X ~ N(μ, σ²) restricted to (lo, hi]: with a = (lo−μ)/σ,
     * b = (hi−μ)/σ and Z = Φ(b) − Φ(a), E[X] = μ + σ(φ(a) − φ(b))/Z and
     * E[(X−μ)²] = σ²(1 + (aφ(a) − bφ(b))/Z). Infinite bounds are allowed.
     *
     * @param out out[0] = P(lo &lt; X ≤ hi), out[1] = E[X − μ], out[2] = E[(X − μ)²]
     */
    public static void truncatedMoments(double mu, double sigma, double lo, double hi, double[] out) {
        double a = (lo - mu) / sigma;
        double b = (hi - mu) / sigma;
        double z = intervalProbability(a, b);
        double pa = Double.isInfinite(a) ? 0.0 : pdf(a);
        double pb = Double.isInfinite(b) ? 0.0 : pdf(b);
        double apa = Double.isInfinite(a) ? 0.0 : a * pa;
        double bpb = Double.isInfinite(b) ? 0.0 : b * pb;
        out[0] = z;
        if (z > 0) {
            out[1] = sigma * (pa - pb) / z;
            out[2] = sigma * sigma * (1.0 + (apa - bpb) / z);
        } else {
            // The interval lies so far in a tail that its mass underflows: the restricted variable
            // sits at the interval's near edge.
            double edge = Math.abs(a) < Math.abs(b) ? lo : hi;
            out[1] = edge - mu;
            out[2] = (edge - mu) * (edge - mu);
        }
    }
}
