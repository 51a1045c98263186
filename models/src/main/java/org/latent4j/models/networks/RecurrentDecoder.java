package org.latent4j.models.networks;

import java.util.function.UnaryOperator;
import org.latent4j.nn.Layer;
import org.latent4j.nn.Linear;
import org.latent4j.nn.Recurrent;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * The decoder of a sequence VAE ({@link RecurrentArchitecture}): h0 = tanh(init(z)) for every layer (child
 * {@code init}, Linear(latent → L·H), layer l taking outputs l·H to (l+1)·H), c0 = 0 for an LSTM; stacked
 * recurrent layers (child {@code rnn}) reading z at every step, and when autoregressive the previous
 * observation x_{t−1} after it (x_0 = 0); a Linear(H → F) per step (child {@code out}) giving the likelihood's
 * parameters (logits or means), [N, T·F] time-major. With one layer, not autoregressive, this is the decoder
 * of bench/torch_seq_vae.py ({@code init}, {@code dec}, {@code out} there).
 *
 * <p>An autoregressive decoder needs the observations: {@link #forward(Tensor, Tensor, RandomSource)}
 * (teacher forcing: the decoder's output for step t depends on z and x_{<t} only, so p(x|z) = Π_t p(x_t | x_{<t}, z)
 * is exact) or {@link #generate} (ancestral sampling, one step at a time).
 */
public final class RecurrentDecoder extends Layer {
    private final RecurrentArchitecture arch;
    private final int latent;
    private final Linear init;
    private final Recurrent rnn;
    private final Linear out;

    public RecurrentDecoder(RecurrentArchitecture arch, int latent, RandomSource rng) {
        this.arch = arch;
        this.latent = latent;
        this.init = child("init", new Linear(latent, arch.layers() * arch.hidden(), rng));
        int in = latent + (arch.autoregressive() ? arch.features() : 0);
        this.rnn = child("rnn", RecurrentLayers.create(arch.cell(), in, arch.hidden(), arch.layers(), false, rng));
        this.out = child("out", new Linear(arch.hidden(), arch.features(), rng));
    }

    public RecurrentArchitecture architecture() {
        return arch;
    }

    /** Whether the decoder reads the previous observation (then {@link #forward(Tensor)} cannot be used). */
    public boolean autoregressive() {
        return arch.autoregressive();
    }

    /** The decoder outputs for z [N, latent] of a non-autoregressive decoder, [N, T·F]. */
    @Override
    public Tensor forward(Tensor z) {
        if (arch.autoregressive()) {
            throw new IllegalStateException("an autoregressive decoder needs the observations: use forward(z, x, noise)"
                    + " for teacher forcing or generate(z, feedback) to sample");
        }
        return forward(z, null, null);
    }

    /**
     * The decoder outputs for z [N, latent], [N, T·F]. An autoregressive decoder reads the observations x [N, T·F]
     * shifted by one step (teacher forcing); in training mode each previous observation is replaced by zeros with
     * the architecture's input dropout probability, drawn from {@code noise}. A non-autoregressive decoder ignores x.
     */
    public Tensor forward(Tensor z, Tensor x, RandomSource noise) {
        int n = z.dim(0);
        int steps = arch.steps();
        Tensor zs = z.reshape(n, 1, latent).broadcastTo(n, steps, latent);
        Tensor input = zs;
        if (arch.autoregressive()) {
            if (x == null) {
                throw new IllegalArgumentException("an autoregressive decoder needs the observations x");
            }
            input = Tensor.concat(2, zs, previousObservations(x, n, noise));
        }
        Tensor y = rnn.forward(input, initialState(z), null, null).output();
        return out.forward(y).reshape(n, steps * arch.features());
    }

    /**
     * Ancestral sampling for an autoregressive decoder (also valid for a non-autoregressive one): step by step,
     * the step's decoder output o_t [N, F] goes to {@code feedback}, whose result (e.g. the likelihood's mean or a
     * draw from it) is the next step's previous observation. Returns the decoder outputs [N, T·F]. Not for gradients.
     */
    public Tensor generate(Tensor z, UnaryOperator<Tensor> feedback) {
        int n = z.dim(0);
        int f = arch.features();
        if (!arch.autoregressive()) {
            return forward(z, null, null);
        }
        Tensor zs = z.reshape(n, 1, latent);
        Tensor h = initialState(z);
        Tensor c = null;
        Tensor previous = Tensor.zeros(n, 1, f);
        Tensor[] outputs = new Tensor[arch.steps()];
        for (int t = 0; t < arch.steps(); t++) {
            Recurrent.Output step = rnn.forward(Tensor.concat(2, zs, previous), h, c, null);
            h = step.hN();
            c = step.cN();
            Tensor o = out.forward(step.output()).reshape(n, f);
            outputs[t] = o;
            previous = feedback.apply(o).detach().reshape(n, 1, f);
        }
        return Tensor.concat(1, outputs);
    }

    /** h0 = tanh(init(z)) as [L, N, H]. */
    private Tensor initialState(Tensor z) {
        int n = z.dim(0);
        int layers = arch.layers();
        int hidden = arch.hidden();
        Tensor h = init.forward(z).tanh();
        return layers == 1 ? h.reshape(1, n, hidden) : h.reshape(n, layers, hidden).permute(1, 0, 2);
    }

    /** [0, x_1, ..., x_{T−1}] per row as [N, T, F] (a constant), with training-mode input dropout per step. */
    private Tensor previousObservations(Tensor x, int n, RandomSource noise) {
        int steps = arch.steps();
        int f = arch.features();
        if (x.dim(0) != n || x.numel() != (long) n * steps * f) {
            throw new IllegalArgumentException("autoregressive decoder: expected observations of shape [" + n + ", "
                    + steps * f + "], got " + java.util.Arrays.toString(x.shape()));
        }
        float[] src = x.data();
        float[] prev = new float[n * steps * f];
        double p = isTraining() && noise != null ? arch.inputDropout() : 0;
        for (int i = 0; i < n; i++) {
            int row = i * steps * f;
            for (int t = 1; t < steps; t++) {
                if (p > 0 && noise.nextDouble() < p) {
                    continue; // dropped: the step sees zeros, as Bowman et al.'s decoder sees <unk>
                }
                System.arraycopy(src, row + (t - 1) * f, prev, row + t * f, f);
            }
        }
        return Tensor.of(prev, n, steps, f);
    }
}
