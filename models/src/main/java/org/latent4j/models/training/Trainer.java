package org.latent4j.models.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.latent4j.io.ArrayData;
import org.latent4j.nn.Module;
import org.latent4j.optim.GradientClipping;
import org.latent4j.optim.LearningRateSchedule;
import org.latent4j.optim.Optimizer;
import org.latent4j.optim.Optimizers;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/**
 * Mini-batch training shared by the VAE and the autoencoder: each epoch shuffles the training rows with
 * a seeded permutation, takes one optimizer step per batch, then evaluates on held-out data.
 *
 * <p>Determinism: shuffling and sampling noise come from two random sources split from the seed, and
 * the evaluation of epoch e uses a source derived from (seed, e) alone; with a checkpoint after every
 * epoch, a resumed run therefore takes exactly the steps of an uninterrupted one.
 *
 * <p>Modes: the module trains in training mode and is evaluated, and left when training ends, in
 * evaluation mode ({@code Module.train(false)}), so that sampling or encoding afterwards uses batch
 * normalization's running statistics and no dropout.
 *
 * <p>Safety: a NaN or infinite loss or gradient stops training with a {@link NonFiniteLossException}
 * naming the epoch and batch, before any step with it: the parameters stay those of the last step
 * taken with a finite loss and gradient.
 */
public final class Trainer {
    private final TrainingConfig config;
    private final List<TrainingListener> listeners = new ArrayList<>();

    public Trainer(TrainingConfig config) {
        this.config = config;
    }

    /** The training settings. */
    public TrainingConfig config() {
        return config;
    }

    /** Adds a listener; returns this. */
    public Trainer listener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /** Trains from the model's current parameters. {@code test} may be null (no evaluation, no early stopping). */
    public TrainingHistory fit(TrainingObjective objective, DataMatrix train, DataMatrix test) {
        return run(objective, train, test, null);
    }

    /**
     * Continues the run saved in a checkpoint directory: loads the model, optimizer and random states and
     * trains the remaining epochs. The training settings must be those the checkpoint was made with
     * (the epoch count may be raised).
     */
    public TrainingHistory resume(TrainingObjective objective, DataMatrix train, DataMatrix test, Path checkpointDir)
            throws IOException {
        Checkpoint cp = Checkpoint.read(checkpointDir);
        var saved = cp.training().deepCopy();
        var now = config.toJson();
        saved.remove("epochs");
        now.remove("epochs");
        if (!saved.toString().equals(now.toString())) {
            throw new IllegalArgumentException("checkpoint " + checkpointDir + " was made with training settings " + saved
                    + ", not " + now);
        }
        return run(objective, train, test, cp);
    }

    private TrainingHistory run(TrainingObjective objective, DataMatrix train, DataMatrix test, Checkpoint from) {
        Module module = objective.module();
        Map<String, Tensor> params = module.namedParameters();
        Optimizer opt = Optimizers.create(config.optimizer(), config.learningRate(), params);
        LearningRateSchedule schedule = config.parsedSchedule();
        RandomSource root = new RandomSource(config.seed());
        RandomSource shuffle = root.split();
        RandomSource noise = root.split();
        Run state = new Run();
        if (from != null) {
            module.loadStateArrays(from.model());
            opt.importState(from.optimizer());
            shuffle = RandomSource.fromState(from.shuffleRng());
            noise = RandomSource.fromState(from.noiseRng());
            state.restore(from);
        }
        int batches = (train.rows() + config.batchSize() - 1) / config.batchSize();
        listeners.forEach(l -> l.onStart(state.epoch + 1, config.epochs(), batches));
        boolean stopped = false;
        module.train(true);
        while (state.epoch < config.epochs() && !stopped) {
            int epoch = state.epoch + 1;
            opt.setLearningRate(schedule.rate(config.learningRate(), epoch - 1));
            long t0 = System.nanoTime();
            Map<String, double[]> partSums = new LinkedHashMap<>();
            double total = trainEpoch(objective, opt, train, epoch, shuffle, noise, params, partSums);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> figures = test == null ? Map.of() : evaluate(objective, test, epoch);
            Map<String, Double> parts = new LinkedHashMap<>();
            partSums.forEach((k, v) -> parts.put(k, v[0] / train.rows()));
            EpochResult result = new EpochResult(epoch, seconds, total / train.rows(), parts, figures, opt.learningRate());
            state.epoch = epoch;
            state.history.add(result);
            stopped = state.track(result, config, module);
            if (config.checkpointDir() != null) {
                writeCheckpoint(state, module, opt, shuffle, noise);
            }
            listeners.forEach(l -> l.onEpoch(result));
        }
        if (stopped && state.best != null) {
            module.loadStateArrays(state.best);
        }
        // what follows training is inference: batch normalization on its running statistics, no dropout
        module.train(false);
        return new TrainingHistory(state.history, stopped, state.bestEpoch);
    }

    /** One epoch of steps; returns the summed reported loss and adds each named part's sum to {@code partSums}. */
    private double trainEpoch(TrainingObjective objective, Optimizer opt, DataMatrix train, int epoch,
                              RandomSource shuffle, RandomSource noise, Map<String, Tensor> params,
                              Map<String, double[]> partSums) {
        int n = train.rows();
        int[] order = shuffle.permutation(n);
        int bs = config.batchSize();
        double total = 0;
        for (int b = 0, start = 0; start < n; b++, start += bs) {
            int end = Math.min(n, start + bs);
            Tensor batch = train.gather(order, start, end);
            double position = epoch - 1 + (double) start / n;
            TrainingObjective.BatchLoss loss = objective.loss(batch, position, noise);
            double objectiveValue = loss.objective().item();
            if (!Double.isFinite(objectiveValue) || !Double.isFinite(loss.reported())) {
                throw new NonFiniteLossException(epoch, b + 1, "the loss",
                        Double.isFinite(objectiveValue) ? loss.reported() : objectiveValue);
            }
            opt.zeroGrad();
            loss.objective().backward();
            if (!FiniteCheck.gradientsFinite(params.values())) {
                throw new NonFiniteLossException(epoch, b + 1, "the gradient", Double.NaN);
            }
            if (config.clipNorm() > 0) {
                GradientClipping.clipByGlobalNorm(params, config.clipNorm());
            }
            opt.step();
            total += loss.reported();
            loss.parts().forEach((k, v) -> partSums.computeIfAbsent(k, key -> new double[1])[0] += v);
            int batchIndex = b + 1;
            double mean = loss.reported() / (end - start);
            for (TrainingListener l : listeners) {
                l.onBatch(epoch, batchIndex, mean);
            }
        }
        return total;
    }

    private Map<String, Double> evaluate(TrainingObjective objective, DataMatrix test, int epoch) {
        objective.module().train(false);
        try {
            return objective.evaluate(test, evaluationRng(config.seed(), epoch));
        } finally {
            objective.module().train(true);
        }
    }

    /** The random source of the evaluation after {@code epoch}: independent of the training streams. */
    static RandomSource evaluationRng(long seed, int epoch) {
        return new RandomSource(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * epoch);
    }

    private void writeCheckpoint(Run state, Module module, Optimizer opt, RandomSource shuffle, RandomSource noise) {
        Checkpoint cp = new Checkpoint(state.epoch, module.stateArrays(), opt.exportState(), state.best,
                shuffle.state(), noise.state(), state.bestLoss, state.bestEpoch, state.badEpochs, state.history,
                config.toJson());
        try {
            Files.createDirectories(config.checkpointDir().toAbsolutePath().getParent());
            cp.write(config.checkpointDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + config.checkpointDir() + ": " + e.getMessage(), e);
        }
    }

    /** The bookkeeping of a run: epochs done, history and early stopping. */
    private static final class Run {
        int epoch;
        final List<EpochResult> history = new ArrayList<>();
        double bestLoss = Double.NaN;
        int bestEpoch;
        int badEpochs;
        Map<String, ArrayData> best;

        void restore(Checkpoint cp) {
            epoch = cp.epoch();
            history.addAll(cp.history());
            bestLoss = cp.bestLoss();
            bestEpoch = cp.bestEpoch();
            badEpochs = cp.badEpochs();
            best = cp.best() == null ? null : new LinkedHashMap<>(cp.best());
        }

        /** Records the epoch's held-out loss; true when early stopping says stop. */
        boolean track(EpochResult r, TrainingConfig config, Module module) {
            double loss = r.testLoss();
            if (Double.isNaN(loss)) {
                return false;
            }
            if (Double.isNaN(bestLoss) || loss < bestLoss - config.minDelta()) {
                bestLoss = loss;
                bestEpoch = r.epoch();
                badEpochs = 0;
                if (config.patience() > 0) {
                    best = module.stateArrays();
                }
                return false;
            }
            badEpochs++;
            return config.patience() > 0 && badEpochs >= config.patience();
        }
    }
}
