package org.latent4j.nn;

import java.util.Arrays;
import org.latent4j.tensor.Tensor;

/**
 * Group normalization (Wu and He, ECCV 2018) of [N, C, ...] inputs, as PyTorch's {@code nn.GroupNorm}:
 * the C channels are split into G groups of C/G consecutive channels, and each example's group is
 * normalized by its own mean and biased variance over its channels and positions,
 * y = (x − μ) / √(σ² + ε) · γ_c + β_c. The statistics never mix examples, so training and evaluation
 * mode compute the same thing and a batch of one is fine. Parameters {@code weight} (γ, ones) and
 * {@code bias} (β, zeros), one per channel; eps 1e-5.
 */
public final class GroupNorm extends Layer {
    public static final double EPS = 1e-5;

    private final int groups;
    private final int channels;
    private final double eps;
    private final Tensor weight;
    private final Tensor bias;

    /** G groups over C channels with PyTorch's default eps 1e-5. */
    public GroupNorm(int groups, int channels) {
        this(groups, channels, EPS);
    }

    public GroupNorm(int groups, int channels, double eps) {
        if (groups < 1 || channels < 1 || channels % groups != 0) {
            throw new IllegalArgumentException("GroupNorm: the channels must split into equal groups (groups >= 1,"
                    + " channels a multiple of groups), got groups=" + groups + " channels=" + channels);
        }
        if (!(eps > 0 && eps < 1)) {
            throw new IllegalArgumentException("GroupNorm: eps must be in (0, 1), got " + eps);
        }
        this.groups = groups;
        this.channels = channels;
        this.eps = eps;
        this.weight = parameter("weight", Tensor.ones(channels));
        this.bias = parameter("bias", Tensor.zeros(channels));
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] shape = x.shape();
        if (shape.length < 2 || shape[1] != channels) {
            throw new IllegalArgumentException("GroupNorm: expected input [N, C, ...] with C = " + channels
                    + ", got shape " + Arrays.toString(shape));
        }
        int n = shape[0];
        Tensor standardized = Moments.of(x.reshape(n, groups, -1), new int[] {2}).standardized((float) eps)
                .reshape(shape);
        int[] perChannel = new int[shape.length];
        Arrays.fill(perChannel, 1);
        perChannel[1] = channels;
        return standardized.mul(weight.reshape(perChannel)).add(bias.reshape(perChannel));
    }

    public int groups() {
        return groups;
    }

    public int channels() {
        return channels;
    }

    /** γ, the per-channel scale (a parameter). */
    public Tensor weight() {
        return weight;
    }

    /** β, the per-channel shift (a parameter). */
    public Tensor bias() {
        return bias;
    }
}
