package org.latent4j.models.gaussian;

/**
 * The standard normal density and its upper tail, to full double precision, and the moments of a
 * normal variable restricted to an interval (the truncated normal), which both the binned-data EM and
 * the uniform-latent model need.
 *
 * <p>The upper tail Q(x) = P(Z > x) uses the series Φ(x) − ½ = φ(x) Σ x^{2n+1}/(1·3·…·(2n+1)) for
 * |x| &lt; 2 and Laplace's continued fraction for Mills' ratio Q(x)/φ(x) (Abramowitz and Stegun 26.2.14)
 * beyond, so tails far from the mean keep their relative precision instead of rounding to 0 or 1.
 */
public final class Normal {
    static final double LOG_SQRT_2PI = 0.5 * Math.log(2.0 * Math.PI);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    /** Below it the series, above it the continued fraction: both are accurate to a few ulps there. */
    private static final double SERIES_LIMIT = 2.0;

    private Normal() {}

    /** φ(x), the standard normal density. */
    public static double pdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** Φ(x) = P(Z ≤ x). */
    public static double cdf(double x) {
        return upperTail(-x);
    }

    /** Q(x) = P(Z > x), accurate in relative terms far into the upper tail. */
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
        double ax = Math.abs(x);
        double q = ax < SERIES_LIMIT ? 0.5 - pdf(ax) * seriesSum(ax) : pdf(ax) * millsRatio(ax);
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

    /** Φ(x) − ½ = φ(x)·Σ_{n≥0} x^{2n+1} / (1·3·…·(2n+1)), a series of positive terms. */
    private static double seriesSum(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 500; n++) {
            term *= x2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }

    /** Mills' ratio Q(x)/φ(x) = 1/(x + 1/(x + 2/(x + 3/(x + …)))) for x ≥ 2 (Laplace), by the modified Lentz method. */
    private static double millsRatio(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0.0;
        for (int n = 1; n < 5000; n++) {
            d = x + n * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + n / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1.0 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1.0) < 1e-16) {
                break;
            }
        }
        return 1.0 / f;
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
