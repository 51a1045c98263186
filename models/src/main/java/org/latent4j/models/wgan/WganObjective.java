package org.latent4j.models.wgan;

import java.util.LinkedHashMap;
import java.util.Map;
import org.latent4j.io.ArrayData;
import org.latent4j.models.quality.ModeCoverage;
import org.latent4j.models.training.DataMatrix;
import org.latent4j.models.training.FiniteCheck;
import org.latent4j.models.training.NonFiniteLossException;
import org.latent4j.models.training.SteppedObjective;
import org.latent4j.nn.Module;
import org.latent4j.optim.Adam;
import org.latent4j.optim.Optimizer;
import org.latent4j.optim.RmsProp;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * The training step of a {@link Wgan} (Arjovsky et al. 2017, Algorithm 1; Gulrajani et al. 2017,
 * Algorithm 1): n critic steps, each on its own slice of the step's rows and fresh generated points,
 * descending E[D(G(z))] − E[D(x)] (+ the gradient penalty), then one generator step descending
 * −E[D(G(z))], with one optimizer per network: RMSprop for weight clipping, Adam(β₁, β₂) otherwise.
 * Under spectral normalization each critic step begins with one power iteration of every critic layer.
 *
 * <p>Each step reports the critic loss (the mean over its critic steps) and the parts
 * {@code wasserstein} (E[D(x)] − E[D(G(z))] on the critic's batches), {@code penalty} (gp) and
 * {@code generator_loss}. Evaluation reports on held-out data {@code wasserstein} and {@code loss}
 * (its negative, the critic loss without penalty), {@code grad_norm_mean} and {@code grad_norm_max} of
 * ‖∇D‖ on interpolates, and, given a {@link ModeCoverage}, {@code modes}, {@code high_quality} and
 * {@code reverse_kl} on {@link ModeCoverage#SAMPLES} samples.
 */
public final class WganObjective implements SteppedObjective {
    private final Wgan model;
    private final ModeCoverage coverage;
    private final Module critic;
    private final Map<String, Tensor> criticParams;
    private final Optimizer criticOpt;
    private final Optimizer generatorOpt;

    /**
     * @param learningRate the base learning rate of both optimizers
     * @param coverage     the mode measures of the data, or null when it is no known mixture
     */
    public WganObjective(Wgan model, double learningRate, ModeCoverage coverage) {
        this.model = model;
        this.coverage = coverage;
        this.critic = model.critic();
        this.criticParams = critic.namedParameters();
        Map<String, Tensor> generatorParams = model.generator().namedParameters();
        WganConfig c = model.config();
        if (c.lipschitz() == Lipschitz.CLIP) {
            criticOpt = new RmsProp(criticParams, RmsProp.Config.builder().lr(learningRate).build());
            generatorOpt = new RmsProp(generatorParams, RmsProp.Config.builder().lr(learningRate).build());
        } else {
            criticOpt = new Adam(criticParams, Adam.Config.builder().lr(learningRate).betas(c.beta1(), c.beta2()).build());
            generatorOpt = new Adam(generatorParams, Adam.Config.builder().lr(learningRate).betas(c.beta1(), c.beta2()).build());
        }
    }

    /** The default learning rate of a constraint: 5e-5 for clipping (RMSprop), 1e-4 otherwise (Adam). */
    public static double defaultLearningRate(Lipschitz l) {
        return l == Lipschitz.CLIP ? 5e-5 : 1e-4;
    }

    /** The name of the optimizer a constraint trains with, as {@link org.latent4j.optim.Optimizers} names it. */
    public static String optimizerName(Lipschitz l) {
        return l == Lipschitz.CLIP ? "rmsprop" : "adam";
    }

    @Override
    public Module module() {
        return model;
    }

    @Override
    public int rowsPerStep(int batchSize) {
        return Math.multiplyExact(batchSize, model.config().criticSteps());
    }

    /**
     * Nothing of a step outlives it: the spectral layers' vectors, the generator's average and the optimizers'
     * moments are updated in their own arrays, and everything else is figures.
     */
    @Override
    public boolean keepsNoStepTensors() {
        return true;
    }

    @Override
    public Step step(Tensor batch, int epoch, int batchIndex, double position, RandomSource noise) {
        WganConfig c = model.config();
        int rows = batch.dim(0);
        int steps = Math.min(c.criticSteps(), rows);
        double criticLoss = 0, wasserstein = 0, penalty = 0;
        for (int k = 0; k < steps; k++) {
            Tensor real = batch.slice(0, k * rows / steps, (k + 1) * rows / steps);
            int n = real.dim(0);
            for (SpectralLayer l : model.spectralLayers()) {
                l.powerIteration();
            }
            Tensor fake = model.sampleTrained(n, noise);
            Tensor meanReal = model.criticScore(real).mean();
            Tensor meanFake = model.criticScore(fake).mean();
            Tensor loss = meanFake.sub(meanReal);
            double gp = 0;
            if (c.lipschitz() == Lipschitz.GP) {
                Tensor eps = Tensor.rand(noise, 0f, 1f, n, 1);
                Tensor p = GradientPenalty.of(model::criticScore, real, fake, eps, c.gpWeight()).penalty();
                loss = loss.add(p);
                gp = p.item();
            }
            double value = loss.item();
            if (!Double.isFinite(value)) {
                throw new NonFiniteLossException(epoch, batchIndex, "the critic loss", value);
            }
            criticOpt.zeroGrad();
            loss.backward();
            if (!FiniteCheck.gradientsFinite(criticParams.values())) {
                throw new NonFiniteLossException(epoch, batchIndex, "the critic's gradient", Double.NaN);
            }
            criticOpt.step();
            if (c.lipschitz() == Lipschitz.CLIP) {
                WeightClipping.clip(critic, c.clipValue());
            }
            criticLoss += value;
            wasserstein += meanReal.item() - meanFake.item();
            penalty += gp;
        }
        double generatorLoss = generatorStep(rows / steps, epoch, batchIndex, noise);
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("wasserstein", wasserstein / steps);
        if (c.lipschitz() == Lipschitz.GP) {
            parts.put("penalty", penalty / steps);
        }
        parts.put("generator_loss", generatorLoss);
        return new Step(criticLoss / steps, parts, 1);
    }

    /**
     * One generator step on n fresh codes. The critic's weights stop asking for gradients meanwhile, so
     * that the backward pass computes only what the generator's update needs.
     */
    private double generatorStep(int n, int epoch, int batchIndex, RandomSource noise) {
        for (Tensor p : criticParams.values()) {
            p.requiresGrad(false);
        }
        try {
            Tensor loss = model.criticScore(model.generate(model.prior(n, noise))).mean().neg();
            double value = loss.item();
            if (!Double.isFinite(value)) {
                throw new NonFiniteLossException(epoch, batchIndex, "the generator loss", value);
            }
            generatorOpt.zeroGrad();
            loss.backward();
            if (!FiniteCheck.gradientsFinite(model.generator().namedParameters().values())) {
                throw new NonFiniteLossException(epoch, batchIndex, "the generator's gradient", Double.NaN);
            }
            generatorOpt.step();
            model.updateAverage();
            return value;
        } finally {
            for (Tensor p : criticParams.values()) {
                p.requiresGrad(true);
            }
        }
    }

    @Override
    public Map<String, Double> evaluate(DataMatrix data, RandomSource rng) {
        int rows = data.rows();
        int chunk = 1000;
        double sumReal = 0, sumFake = 0;
        try (Autograd.Scope ignored = Autograd.noGrad()) {
            for (int start = 0; start < rows; start += chunk) {
                int end = Math.min(rows, start + chunk);
                sumReal += model.criticScore(data.slice(start, end)).sum().item();
                sumFake += model.criticScore(model.sample(end - start, rng)).sum().item();
            }
        }
        double w = (sumReal - sumFake) / rows;
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", -w);
        out.put("wasserstein", w);
        int n = Math.min(rows, chunk);
        Tensor real = data.slice(0, n);
        Tensor fake = model.sample(n, rng);
        Tensor eps = Tensor.rand(rng, 0f, 1f, n, 1);
        Tensor mixed = GradientPenalty.interpolate(real, fake, eps).requiresGrad(true);
        Tensor grad = Autograd.grad(model.criticScore(mixed).sum(), new Tensor[] {mixed}, false)[0];
        float[] norms = grad.square().sum(1).sqrt().toArray();
        double mean = 0, max = 0;
        for (float f : norms) {
            mean += f;
            max = Math.max(max, f);
        }
        out.put("grad_norm_mean", mean / n);
        out.put("grad_norm_max", max);
        if (coverage != null) {
            Tensor s = model.sample(ModeCoverage.SAMPLES, rng);
            out.putAll(coverage.measure(s.data(), ModeCoverage.SAMPLES).toMap());
        }
        return out;
    }

    @Override
    public Map<String, ArrayData> exportState() {
        Map<String, ArrayData> out = new LinkedHashMap<>();
        criticOpt.exportState().forEach((k, v) -> out.put("critic." + k, v));
        generatorOpt.exportState().forEach((k, v) -> out.put("generator." + k, v));
        return out;
    }

    @Override
    public void importState(Map<String, ArrayData> state) {
        Map<String, ArrayData> c = new LinkedHashMap<>();
        Map<String, ArrayData> g = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            if (k.startsWith("critic.")) {
                c.put(k.substring(7), v);
            } else if (k.startsWith("generator.")) {
                g.put(k.substring(10), v);
            } else {
                throw new IllegalArgumentException("WGAN optimizer state: unexpected key '" + k
                        + "' (expected critic.* and generator.*)");
            }
        });
        criticOpt.importState(c);
        generatorOpt.importState(g);
    }

    @Override
    public void setLearningRate(double rate) {
        criticOpt.setLearningRate(rate);
        generatorOpt.setLearningRate(rate);
    }

    @Override
    public double learningRate() {
        return criticOpt.learningRate();
    }
}
