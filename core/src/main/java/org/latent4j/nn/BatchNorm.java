package org.latent4j.nn;

import java.util.Arrays;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.Tensor;

/**
 * Batch normalization (Ioffe and Szegedy, ICML 2015) over the channel axis 1 of [N, C, ...] inputs, with
 * PyTorch's semantics and state names.
 *
 * <p>In training mode each channel c is normalized with the mean μ_c and the biased variance σ²_c of
 * its values over the batch (and the spatial positions), y = (x − μ_c) / √(σ²_c + ε) · γ_c + β_c, and
 * the running statistics move towards the batch's: {@code running_mean ← (1 − m)·running_mean + m·μ_c},
 * {@code running_var ← (1 − m)·running_var + m·σ²_c·n/(n − 1)} (the unbiased variance of the n values),
 * and {@code num_batches_tracked} counts the updates. In evaluation mode ({@code train(false)}) the
 * running statistics take the place of the batch's, so an example's output does not depend on the others.
 *
 * <p>State: parameters {@code weight} (γ, ones) and {@code bias} (β, zeros); buffers
 * {@code running_mean} (zeros), {@code running_var} (ones) and {@code num_batches_tracked} (I64), as
 * PyTorch's {@code nn.BatchNorm1d}/{@code nn.BatchNorm2d} save them.
 */
public abstract sealed class BatchNorm extends Layer permits BatchNorm1d, BatchNorm2d {
    /** PyTorch's defaults. */
    public static final double EPS = 1e-5;
    public static final double MOMENTUM = 0.1;

    private final int features;
    private final double eps;
    private final double momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final IntegerBuffer numBatchesTracked;

    BatchNorm(int features, double eps, double momentum) {
        if (features < 1) {
            throw new IllegalArgumentException(name() + ": the number of features must be >= 1, got " + features);
        }
        if (!(eps > 0 && eps < 1)) {
            throw new IllegalArgumentException(name() + ": eps must be in (0, 1), got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(name() + ": momentum must be in [0, 1], got " + momentum);
        }
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = parameter("weight", Tensor.ones(features));
        this.bias = parameter("bias", Tensor.zeros(features));
        this.runningMean = buffer("running_mean", Tensor.zeros(features));
        this.runningVar = buffer("running_var", Tensor.ones(features));
        this.numBatchesTracked = buffer("num_batches_tracked", IntegerBuffer.scalar(0));
    }

    /** The class name, for messages. */
    private String name() {
        return getClass().getSimpleName();
    }

    /** Whether this layer takes inputs of {@code rank}. */
    abstract boolean acceptsRank(int rank);

    /** The accepted input layouts, for messages, e.g. "[N, C, H, W]". */
    abstract String layouts();

    @Override
    public Tensor forward(Tensor x) {
        int[] shape = x.shape();
        if (!acceptsRank(shape.length) || shape[1] != features) {
            throw new IllegalArgumentException(name() + ": expected input " + layouts() + " with C = " + features
                    + ", got shape " + Arrays.toString(shape));
        }
        int[] axes = new int[shape.length - 1];
        int[] perChannel = new int[shape.length];
        Arrays.fill(perChannel, 1);
        perChannel[1] = features;
        for (int d = 0, k = 0; d < shape.length; d++) {
            if (d != 1) {
                axes[k++] = d;
            }
        }
        Tensor gamma = weight.reshape(perChannel);
        Tensor beta = bias.reshape(perChannel);
        if (!isTraining()) {
            // y = x·s + (β − μ·s) with s = γ / √(running_var + ε), the running statistics being constants
            Tensor scale = gamma.mul(runningVar.reshape(perChannel).add((float) eps).pow(-0.5f));
            return x.mul(scale).add(beta.sub(runningMean.reshape(perChannel).mul(scale)));
        }
        int count = x.numel() / features;
        if (count < 2) {
            throw new IllegalArgumentException(name() + ": training mode needs more than one value per channel to"
                    + " estimate a variance, got input shape " + Arrays.toString(shape)
                    + " (use evaluation mode, train(false), for a single example)");
        }
        Moments m = Moments.of(x, axes);
        updateRunningStatistics(m);
        // γ folded into the per-channel 1/√(σ² + ε) first: one full-size multiplication instead of two
        return m.centered().mul(m.inverseStd((float) eps).mul(gamma)).add(beta);
    }

    private void updateRunningStatistics(Moments m) {
        try (var ignored = Autograd.noGrad()) {
            float[] mean = m.mean().data();
            float[] var = m.variance().data();
            float[] rm = runningMean.data();
            float[] rv = runningVar.data();
            double unbiased = (double) m.count() / (m.count() - 1);
            for (int c = 0; c < features; c++) {
                rm[c] = (float) ((1 - momentum) * rm[c] + momentum * mean[c]);
                rv[c] = (float) ((1 - momentum) * rv[c] + momentum * var[c] * unbiased);
            }
        }
        numBatchesTracked.data()[0]++;
    }

    /** The number of features (channels) C. */
    public int features() {
        return features;
    }

    public double eps() {
        return eps;
    }

    public double momentum() {
        return momentum;
    }

    /** γ, the per-channel scale (a parameter). */
    public Tensor weight() {
        return weight;
    }

    /** β, the per-channel shift (a parameter). */
    public Tensor bias() {
        return bias;
    }

    /** The running mean per channel (a live buffer). */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running unbiased variance per channel (a live buffer). */
    public Tensor runningVar() {
        return runningVar;
    }

    /** How many training-mode batches have updated the running statistics. */
    public long numBatchesTracked() {
        return numBatchesTracked.data()[0];
    }
}
