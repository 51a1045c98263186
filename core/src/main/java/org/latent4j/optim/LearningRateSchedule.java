package org.latent4j.optim;

import java.util.Locale;

/**
 * A learning rate as a function of the epoch (counted from 0), in the closed forms of PyTorch's
 * {@code torch.optim.lr_scheduler} classes. Apply it once per epoch:
 * {@code schedule.apply(optimizer, baseLr, epoch)}, or {@code rate(baseLr, epoch, epochs)} for schedules that
 * depend on the length of the run ({@code linear}).
 *
 * <p>{@link #parse} reads the command-line forms {@code const}, {@code step:<size>:<gamma>},
 * {@code exp:<gamma>}, {@code cos:<tMax>[:<etaMin>]}, {@code poly:<total>[:<power>]}, {@code linear} and
 * {@code warmup:<epochs>:<schedule>}.
 */
public sealed interface LearningRateSchedule {

    /** The learning rate for {@code epoch} (0 for the first) given the base rate. */
    double rate(double baseLr, int epoch);

    /**
     * The learning rate for {@code epoch} (0 for the first) of a run of {@code epochs} epochs; the same as
     * {@link #rate(double, int)} except for schedules over the whole run ({@link Linear}).
     */
    default double rate(double baseLr, int epoch, int epochs) {
        return rate(baseLr, epoch);
    }

    /** Sets {@code optimizer}'s learning rate for {@code epoch}. */
    default void apply(Optimizer optimizer, double baseLr, int epoch) {
        optimizer.setLearningRate(rate(baseLr, epoch));
    }

    /** The base rate at every epoch. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double rate(double baseLr, int epoch) {
            checkEpoch(epoch);
            return baseLr;
        }
    }

    /** {@code base · γ^⌊epoch / stepSize⌋} ({@code StepLR}). */
    record Step(int stepSize, double gamma) implements LearningRateSchedule {
        public Step {
            if (stepSize < 1) {
                throw new IllegalArgumentException("step schedule: step size must be >= 1 epoch, got " + stepSize);
            }
            checkGamma("step", gamma);
        }

        @Override
        public double rate(double baseLr, int epoch) {
            checkEpoch(epoch);
            return baseLr * Math.pow(gamma, epoch / stepSize);
        }
    }

    /** {@code base · γ^epoch} ({@code ExponentialLR}). */
    record Exponential(double gamma) implements LearningRateSchedule {
        public Exponential {
            checkGamma("exp", gamma);
        }

        @Override
        public double rate(double baseLr, int epoch) {
            checkEpoch(epoch);
            return baseLr * Math.pow(gamma, epoch);
        }
    }

    /**
     * Cosine annealing (Loshchilov and Hutter, "SGDR", ICLR 2017) as {@code CosineAnnealingLR}:
     * {@code η_min + (base − η_min)·(1 + cos(π·epoch/T_max))/2}. Past {@code T_max} the closed form keeps
     * following the cosine, rising again, as PyTorch's does; choose {@code T_max} ≥ the number of epochs.
     */
    record Cosine(int tMax, double etaMin) implements LearningRateSchedule {
        public Cosine {
            if (tMax < 1) {
                throw new IllegalArgumentException("cos schedule: T_max must be >= 1 epoch, got " + tMax);
            }
            Check.nonNegative("cos schedule", "eta_min", etaMin);
        }

        @Override
        public double rate(double baseLr, int epoch) {
            checkEpoch(epoch);
            return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
        }
    }

    /**
     * Polynomial decay to 0 as {@code PolynomialLR}: {@code base·(1 − min(epoch, total)/total)^power}; with
     * power 1 the linear decay over the run of the WGAN-GP code (Gulrajani et al. 2017, whose toy and image
     * experiments multiply the rate by 1 − iteration/iterations). Epoch {@code total} and later get 0, so
     * choose {@code total} = the number of epochs: the last epoch then trains at base/total.
     */
    record Polynomial(int total, double power) implements LearningRateSchedule {
        public Polynomial {
            if (total < 1) {
                throw new IllegalArgumentException("poly schedule: the total must be >= 1 epoch, got " + total);
            }
            if (!(power > 0) || !Double.isFinite(power)) {
                throw new IllegalArgumentException("poly schedule: power must be a finite number > 0, got " + power);
            }
        }

        @Override
        public double rate(double baseLr, int epoch) {
            checkEpoch(epoch);
            return baseLr * Math.pow(1 - (double) Math.min(epoch, total) / total, power);
        }
    }

    /**
     * Linear decay to 0 over the run, {@code base·(1 − epoch/epochs)}: {@link Polynomial} with power 1 and the
     * run's epochs as its total, so that a run resumed with more epochs decays over its new length.
     */
    record Linear() implements LearningRateSchedule {
        @Override
        public double rate(double baseLr, int epoch) {
            throw new IllegalArgumentException("linear schedule: the rate depends on the run's length; call"
                    + " rate(base, epoch, epochs)");
        }

        @Override
        public double rate(double baseLr, int epoch, int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("linear schedule: a run must have >= 1 epoch, got " + epochs);
            }
            return new Polynomial(epochs, 1).rate(baseLr, epoch);
        }
    }

    /**
     * A linear warm-up in front of another schedule: epoch {@code e < epochs} gets
     * {@code base·(e + 1)/(epochs + 1)}, later epochs get {@code then.rate(base, e − epochs)}, so the inner
     * schedule starts at the base rate once the warm-up is over (Goyal et al., "Accurate, Large Minibatch
     * SGD", 2017, use the same linear ramp).
     */
    record Warmup(int epochs, LearningRateSchedule then) implements LearningRateSchedule {
        public Warmup {
            if (epochs < 1) {
                throw new IllegalArgumentException("warmup schedule: warm-up must last >= 1 epoch, got " + epochs);
            }
            if (then == null) {
                throw new IllegalArgumentException("warmup schedule: the schedule after the warm-up is null");
            }
        }

        @Override
        public double rate(double baseLr, int epoch) {
            checkEpoch(epoch);
            return epoch < epochs ? baseLr * (epoch + 1) / (epochs + 1) : then.rate(baseLr, epoch - epochs);
        }

        @Override
        public double rate(double baseLr, int epoch, int runEpochs) {
            checkEpoch(epoch);
            return epoch < epochs ? baseLr * (epoch + 1) / (epochs + 1)
                    : then.rate(baseLr, epoch - epochs, Math.max(1, runEpochs - epochs));
        }
    }

    /**
     * Reads a schedule from its command-line form (see the interface comment), e.g. {@code "step:10:0.5"},
     * {@code "exp:0.95"}, {@code "cos:50"}, {@code "cos:50:1e-5"}, {@code "poly:30"}, {@code "linear"}, {@code "warmup:5:cos:45"}.
     *
     * @throws IllegalArgumentException naming the bad part and the accepted forms
     */
    static LearningRateSchedule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("learning-rate schedule: empty; " + FORMS);
        }
        String[] parts = text.trim().split(":", -1);
        String kind = parts[0].toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "const", "constant" -> {
                arity(text, parts, 1, 1);
                yield new Constant();
            }
            case "step" -> {
                arity(text, parts, 3, 3);
                yield new Step(integer(text, "step size", parts[1]), number(text, "gamma", parts[2]));
            }
            case "exp" -> {
                arity(text, parts, 2, 2);
                yield new Exponential(number(text, "gamma", parts[1]));
            }
            case "cos" -> {
                arity(text, parts, 2, 3);
                yield new Cosine(integer(text, "T_max", parts[1]), parts.length == 3 ? number(text, "eta_min", parts[2]) : 0);
            }
            case "poly" -> {
                arity(text, parts, 2, 3);
                yield new Polynomial(integer(text, "total", parts[1]), parts.length == 3 ? number(text, "power", parts[2]) : 1);
            }
            case "linear" -> {
                arity(text, parts, 1, 1);
                yield new Linear();
            }
            case "warmup" -> {
                if (parts.length < 3) {
                    throw new IllegalArgumentException("learning-rate schedule '" + text
                            + "': warmup needs an epoch count and a schedule, e.g. warmup:5:cos:45; " + FORMS);
                }
                int epochs = integer(text, "warm-up epochs", parts[1]);
                String rest = text.trim().substring(text.trim().indexOf(':', "warmup:".length()) + 1);
                if (rest.toLowerCase(Locale.ROOT).startsWith("warmup")) {
                    throw new IllegalArgumentException("learning-rate schedule '" + text + "': warmup cannot be nested");
                }
                yield new Warmup(epochs, parse(rest));
            }
            default -> throw new IllegalArgumentException("learning-rate schedule '" + text + "': unknown kind '"
                    + parts[0] + "'; " + FORMS);
        };
    }

    /** The accepted forms, for error messages. */
    String FORMS = "expected const, step:<epochs>:<gamma>, exp:<gamma>, cos:<T_max>[:<eta_min>], poly:<total>[:<power>],"
            + " linear or warmup:<epochs>:<schedule>";

    private static void arity(String text, String[] parts, int min, int max) {
        if (parts.length < min || parts.length > max) {
            throw new IllegalArgumentException("learning-rate schedule '" + text + "': '" + parts[0] + "' takes "
                    + (min == max ? String.valueOf(min - 1) : (min - 1) + " or " + (max - 1)) + " value(s) after it, got "
                    + (parts.length - 1) + "; " + FORMS);
        }
    }

    private static int integer(String text, String field, String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("learning-rate schedule '" + text + "': " + field + " '" + s
                    + "' is not a whole number; " + FORMS);
        }
    }

    private static double number(String text, String field, String s) {
        try {
            double v = Double.parseDouble(s.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("learning-rate schedule '" + text + "': " + field + " '" + s
                + "' is not a finite number; " + FORMS);
    }

    private static void checkGamma(String kind, double gamma) {
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException(kind + " schedule: gamma must be a finite number > 0, got " + gamma);
        }
    }

    private static void checkEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("learning-rate schedule: epoch must be >= 0, got " + epoch);
        }
    }
}
