package org.latent4j.models.gaussian;

/**
 * The standard normal density and its upper tail, to full double precision, and the moments of a
 * normal variable restricted to an interval (the truncated normal), which both the binned-data EM and
 * the uniform-latent model need, and the quantile Φ⁻¹ (Wichura's AS 241).
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

    /**
     * Φ⁻¹(p), the standard normal quantile: the x with Φ(x) = p, by Wichura's algorithm AS 241 (PPND16;
     * M. J. Wichura, "Algorithm AS 241: The Percentage Points of the Normal Distribution", Applied
     * Statistics 37(3), 1988, 477–484): rational minimax approximations of degree 7 in r = 0.180625 − q²
     * for |q| = |p − ½| ≤ 0.425, and in r = √(−log min(p, 1 − p)) beyond (one pair for r ≤ 5, one for
     * the far tail), accurate to about 1 part in 10¹⁶.
     *
     * @param p a probability in [0, 1]; 0 gives −∞ and 1 gives +∞
     * @throws IllegalArgumentException when p is NaN or outside [0, 1]
     */
    public static double quantile(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("Normal.quantile: p must be a probability in [0, 1], got " + p);
        }
        if (p == 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * poly(CENTRAL_NUM, r) / poly(CENTRAL_DEN, r);
        }
        // The tail is computed from the smaller of p and 1 − p; for p near 1 that is 1 − p, exact in
        // double arithmetic for p ≥ ½ (Sterbenz), so the upper tail is as precise as 1 − p allows.
        double r = Math.sqrt(-Math.log(q < 0 ? p : 1.0 - p));
        double x = r <= 5.0
                ? poly(NEAR_TAIL_NUM, r - 1.6) / poly(NEAR_TAIL_DEN, r - 1.6)
                : poly(FAR_TAIL_NUM, r - 5.0) / poly(FAR_TAIL_DEN, r - 5.0);
        return q < 0 ? -x : x;
    }

    /** c[0] + c[1] r + … + c[7] r⁷ by Horner's rule. */
    private static double poly(double[] c, double r) {
        double v = c[c.length - 1];
        for (int i = c.length - 2; i >= 0; i--) {
            v = v * r + c[i];
        }
        return v;
    }

    // AS 241's coefficients, lowest degree first (the denominators' constant term is 1).
    private static final double[] CENTRAL_NUM = {
        3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3, 1.3731693765509461125e+4,
        4.5921953931549871457e+4, 6.7265770927008700853e+4, 3.3430575583588128105e+4, 2.5090809287301226727e+3};
    private static final double[] CENTRAL_DEN = {
        1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
        2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4, 5.2264952788528545610e+3};
    private static final double[] NEAR_TAIL_NUM = {
        1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0, 3.64784832476320460504e0,
        1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4};
    private static final double[] NEAR_TAIL_DEN = {
        1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
        1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9};
    private static final double[] FAR_TAIL_NUM = {
        6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0, 2.96560571828504891230e-1,
        2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7};
    private static final double[] FAR_TAIL_DEN = {
        1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
        7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15};

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
