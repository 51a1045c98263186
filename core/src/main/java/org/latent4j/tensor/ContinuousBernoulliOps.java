package org.latent4j.tensor;

import static org.latent4j.tensor.Autograd.record;

/**
 * The log-normalizer of the continuous Bernoulli distribution (Loaiza-Ganem and Cunningham, "The
 * continuous Bernoulli: fixing a pervasive error in variational autoencoders", NeurIPS 2019) as a
 * differentiable element-wise function of the logit {@code l}, with λ = σ(l):
 * <pre>
 *   C(λ) = 2 artanh(1 − 2λ) / (1 − 2λ)   (C(½) = 2)
 * </pre>
 * Since {@code 1 − 2σ(l) = −tanh(l/2)} and {@code artanh(−tanh(l/2)) = −l/2}, this is
 * {@code C = l / tanh(l/2)}, an even function of l, and with {@code a = |l|}
 * <pre>
 *   f(l)    = log C = log a − log(1 − e^{−a}) + log(1 + e^{−a})
 *   f'(l)   = 1/l − csch l
 *   f''(l)  = −1/l² + coth l · csch l
 *   f'''(l) = 2/l³ − csch³ l − coth² l · csch l
 * </pre>
 * evaluated in double precision with {@code csch a = −2e^{−a}/expm1(−2a)}, which stays finite for every
 * finite logit. For {@code |l| < 0.1} the closed forms cancel (and f is 0/0 at l = 0),
 * so the Maclaurin series are used there:
 * <pre>
 *   f = log 2 + l²/12 − 7l⁴/1440 + 31l⁶/90720 − 127l⁸/4838400
 * </pre>
 * and its term-by-term derivatives; inside the band the first omitted term is below 2e-16 for f and
 * 2e-10 for f''', far below float32 resolution. Each order's backward is the next order, so the
 * log-normalizer can be differentiated three times (a fourth derivative is refused with an error).
 */
public final class ContinuousBernoulliOps {
    /** Below this |logit| the Maclaurin series replace the closed forms. */
    static final double TAYLOR_BAND = 0.1;

    private ContinuousBernoulliOps() {}

    /** {@code log C(σ(l))} element-wise; differentiable (up to third order). */
    public static Tensor logNormalizer(Tensor logits) {
        return derivative(logits, 0);
    }

    /** The order-th derivative of the log-normalizer with respect to the logit (0 ≤ order ≤ 3). */
    static Tensor derivative(Tensor l, int order) {
        Tensor y = Kernels.unary(l, (a, o, s, e) -> {
            for (int i = s; i < e; i++) {
                o[i] = (float) value(order, a[i]);
            }
        });
        if (order == 3) {
            return record("cbLogNormalizer'''", y, l, g -> {
                throw new UnsupportedOperationException("the continuous Bernoulli log-normalizer is differentiable"
                        + " three times; a fourth derivative was requested");
            });
        }
        String name = "cbLogNormalizer" + "'".repeat(order);
        return record(name, y, l, g -> g.mul(derivative(l, order + 1)));
    }

    /** The order-th derivative of log C at logit l, in double precision. */
    static double value(int order, double l) {
        double a = Math.abs(l);
        if (a < TAYLOR_BAND) {
            double l2 = l * l;
            return switch (order) {
                case 0 -> Math.log(2) + l2 * (1.0 / 12 + l2 * (-7.0 / 1440 + l2 * (31.0 / 90720 - l2 * (127.0 / 4838400))));
                case 1 -> l * (1.0 / 6 + l2 * (-7.0 / 360 + l2 * (31.0 / 15120 - l2 * (127.0 / 604800))));
                case 2 -> 1.0 / 6 + l2 * (-7.0 / 120 + l2 * (31.0 / 3024 - l2 * (127.0 / 86400)));
                case 3 -> l * (-7.0 / 60 + l2 * (31.0 / 756 - l2 * (127.0 / 14400)));
                default -> throw new IllegalArgumentException("derivative order " + order);
            };
        }
        double sign = Math.signum(l);
        double ea = Math.exp(-a);
        double csch = -2 * ea / Math.expm1(-2 * a);
        double coth = 1 / Math.tanh(a);
        return switch (order) {
            case 0 -> Math.log(a) - Math.log(-Math.expm1(-a)) + Math.log1p(ea);
            case 1 -> sign * (1 / a - csch);
            case 2 -> -1 / (a * a) + coth * csch;
            case 3 -> sign * (2 / (a * a * a) - csch * csch * csch - coth * coth * csch);
            default -> throw new IllegalArgumentException("derivative order " + order);
        };
    }

    /**
     * The mean {@code λ/(2λ − 1) + 1/(2 artanh(1 − 2λ))} = {@code ½ + ½ coth(l/2) − 1/l} of the continuous
     * Bernoulli with logit l, element-wise (series {@code ½ + l/12 − l³/720 + l⁵/30240} near 0). Not recorded
     * for gradients.
     */
    public static Tensor mean(Tensor logits) {
        return Kernels.unary(logits, (a, o, s, e) -> {
            for (int i = s; i < e; i++) {
                o[i] = (float) meanOf(a[i]);
            }
        });
    }

    static double meanOf(double l) {
        if (Math.abs(l) < TAYLOR_BAND) {
            double l2 = l * l;
            return 0.5 + l * (1.0 / 12 + l2 * (-1.0 / 720 + l2 * (1.0 / 30240)));
        }
        return 0.5 + 0.5 / Math.tanh(0.5 * l) - 1 / l;
    }

    /**
     * The inverse CDF of the continuous Bernoulli with logit l at u ∈ [0, 1]:
     * {@code x = log1p(u·expm1(l)) / l}, using {@code 1 − X ~ CB(−l)} for l > 0 so that expm1 never overflows.
     */
    public static double inverseCdf(double l, double u) {
        if (l == 0) {
            return u;
        }
        double x = l < 0 ? Math.log1p(u * Math.expm1(l)) / l : 1 - Math.log1p((1 - u) * Math.expm1(-l)) / -l;
        return Math.min(1, Math.max(0, x));
    }
}
