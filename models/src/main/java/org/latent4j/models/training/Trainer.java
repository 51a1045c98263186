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
import org.latent4j.tensor.ArrayRecycler;
import org.latent4j.tensor.Tensor;

/**
 * Mini-batch training shared by the VAE, the autoencoder and the WGAN: each epoch shuffles the training
 * rows with a seeded permutation, takes one step per batch, then evaluates on held-out data. A step is one
 * optimizer step on a {@link TrainingObjective}'s loss, or whatever a {@link SteppedObjective} does with
 * its rows (a WGAN: n critic steps and a generator step); the loop around it is the same.
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
 *
 * <p>Memory: after each optimizer step of a {@link TrainingObjective} the parameters' gradients are
 * released (a listener sees none), and the arrays of the step's tensors (the batch, activations, gradients)
 * become those of the next step's ({@link org.latent4j.tensor.ArrayRecycler}), so an objective must not keep
 * a tensor it computed in {@link TrainingObjective#loss} beyond the step; a {@link SteppedObjective} opts in
 * with {@link SteppedObjective#keepsNoStepTensors()}. A trainer runs one fit at a time, on the thread that
 * calls it.
 */
public final class Trainer {
    private final TrainingConfig config;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final PhaseClock clock = new PhaseClock();
    /** Open while {@link #run} trains, on its thread. */
    private ArrayRecycler recycler;

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
        return run(new GradientSteps(objective), train, test, null);
    }

    /** Trains an objective that takes its own steps; {@code test} may be null. */
    public TrainingHistory fit(SteppedObjective objective, DataMatrix train, DataMatrix test) {
        return run(objective, train, test, null);
    }

    /**
     * Continues the run saved in a checkpoint directory: loads the model, optimizer and random states and
     * trains the remaining epochs. The training settings must be those the checkpoint was made with
     * (the epoch count may be raised), and the training and held-out data the same (rows, columns and
     * {@link DataMatrix#fingerprint()}); a mismatch fails naming both.
     */
    public TrainingHistory resume(TrainingObjective objective, DataMatrix train, DataMatrix test, Path checkpointDir)
            throws IOException {
        return resume(new GradientSteps(objective), train, test, checkpointDir);
    }

    /** As {@link #resume(TrainingObjective, DataMatrix, DataMatrix, Path)} for an objective that takes its own steps. */
    public TrainingHistory resume(SteppedObjective objective, DataMatrix train, DataMatrix test, Path checkpointDir)
            throws IOException {
        Checkpoint cp = Checkpoint.read(checkpointDir);
        var saved = cp.training().deepCopy();
        var now = config.toJson();
        saved.remove("epochs");
        now.remove("epochs");
        // Compared as text: a number read back from the file may be another node type (int for a long seed).
        if (!saved.toString().equals(now.toString())) {
            StringBuilder differences = new StringBuilder();
            java.util.Set<String> names = new java.util.TreeSet<>();
            saved.fieldNames().forEachRemaining(names::add);
            now.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!String.valueOf(saved.get(name)).equals(String.valueOf(now.get(name)))) {
                    differences.append(differences.isEmpty() ? "" : ", ").append(name).append(' ').append(saved.get(name))
                            .append(" there, ").append(now.get(name)).append(" now");
                }
            }
            throw new IllegalArgumentException("checkpoint " + checkpointDir + " was made with other training settings ("
                    + differences + "); resume with the settings the run started with (only the epochs may be raised)");
        }
        requireSameData(checkpointDir, "training", cp.train(), Checkpoint.DataIdentity.of(train));
        requireSameData(checkpointDir, "held-out", cp.test(), Checkpoint.DataIdentity.of(test));
        return run(objective, train, test, cp);
    }

    private static void requireSameData(Path checkpointDir, String role, Checkpoint.DataIdentity saved,
                                        Checkpoint.DataIdentity now) {
        boolean same = saved == null ? now == null : saved.sameData(now);
        if (!same) {
            throw new IllegalArgumentException("checkpoint " + checkpointDir + " was made on the " + role + " data "
                    + (saved == null ? "(none)" : saved) + ", not " + (now == null ? "(none)" : now)
                    + "; resume with the data the run started with");
        }
    }

    private TrainingHistory run(SteppedObjective objective, DataMatrix train, DataMatrix test, Checkpoint from) {
        // The tensors of one step are dead once the optimizer has used their gradients: the next step's
        // ops write into their arrays (see trainEpoch).
        try (ArrayRecycler recycled = ArrayRecycler.open()) {
            recycler = recycled;
            return runEpochs(objective, train, test, from);
        } finally {
            recycler = null;
        }
    }

    private TrainingHistory runEpochs(SteppedObjective objective, DataMatrix train, DataMatrix test, Checkpoint from) {
        train.requireRows("training");
        if (test != null) {
            test.requireRows("the held-out evaluation (give no test data to skip it)");
        }
        Module module = objective.module();
        LearningRateSchedule schedule = config.parsedSchedule();
        RandomSource root = new RandomSource(config.seed());
        RandomSource shuffle = root.split();
        RandomSource noise = root.split();
        Run state = new Run();
        if (from != null) {
            module.loadStateArrays(from.model());
            objective.importState(from.optimizer());
            shuffle = RandomSource.fromState(from.shuffleRng());
            noise = RandomSource.fromState(from.noiseRng());
            state.restore(from);
        }
        int rowsPerStep = objective.rowsPerStep(config.batchSize());
        int batches = (train.rows() + rowsPerStep - 1) / rowsPerStep;
        Checkpoint.DataIdentity trainIdentity = config.checkpointDir() == null ? null : Checkpoint.DataIdentity.of(train);
        Checkpoint.DataIdentity testIdentity = config.checkpointDir() == null ? null : Checkpoint.DataIdentity.of(test);
        listeners.forEach(l -> l.onStart(state.epoch + 1, config.epochs(), batches));
        boolean stopped = false;
        module.train(true);
        while (state.epoch < config.epochs() && !stopped) {
            int epoch = state.epoch + 1;
            objective.setLearningRate(schedule.rate(config.learningRate(), epoch - 1, config.epochs()));
            long t0 = System.nanoTime();
            Map<String, double[]> partSums = new LinkedHashMap<>();
            double[] weight = new double[1];
            double total = trainEpoch(objective, train, epoch, shuffle, noise, partSums, weight);
            double seconds = (System.nanoTime() - t0) / 1e9;
            TimeSplit split = clock.split();
            listeners.forEach(l -> l.onTimeSplit(epoch, split));
            Map<String, Double> figures = test == null ? Map.of() : evaluate(objective, test, epoch);
            figures.forEach((name, value) -> {
                if (!Double.isFinite(value)) {
                    throw new ArithmeticException("epoch " + epoch + ": the held-out " + name + " on " + test.name()
                            + " is " + value + ", not a finite number; it is not reported (try a lower learning rate"
                            + " or gradient clipping)");
                }
            });
            Map<String, Double> parts = new LinkedHashMap<>();
            partSums.forEach((k, v) -> parts.put(k, v[0] / weight[0]));
            EpochResult result = new EpochResult(epoch, seconds, total / weight[0], parts, figures, objective.learningRate());
            state.epoch = epoch;
            state.history.add(result);
            stopped = state.track(result, config, module);
            listeners.forEach(l -> l.beforeCheckpoint(result));
            if (config.checkpointDir() != null) {
                writeCheckpoint(trainIdentity, testIdentity, state, module, objective, shuffle, noise);
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

    /**
     * One epoch of steps; returns the summed reported loss, adds each named part's sum to {@code partSums}
     * and the steps' summed weight to {@code weight[0]}.
     */
    private double trainEpoch(SteppedObjective objective, DataMatrix train, int epoch, RandomSource shuffle,
                              RandomSource noise, Map<String, double[]> partSums, double[] weight) {
        clock.startEpoch();
        int n = train.rows();
        int[] order = shuffle.permutation(n);
        int bs = objective.rowsPerStep(config.batchSize());
        double total = 0;
        for (int b = 0, start = 0; start < n; b++, start += bs) {
            int end = Math.min(n, start + bs);
            recycler.beginStep();
            Tensor batch = train.gather(order, start, end);
            clock.lap("batches");
            double position = epoch - 1 + (double) start / n;
            int batchIndex = b + 1;
            int laps = clock.laps();
            SteppedObjective.Step step = objective.step(batch, epoch, batchIndex, position, noise);
            if (objective.keepsNoStepTensors()) {
                recycler.endStep(); // the step's arrays, the batch's among them, go to the next step's ops
            } else {
                recycler.dropStep();
            }
            // An objective that timed its own phases (GradientSteps) leaves only bookkeeping to "other".
            clock.lap(clock.laps() == laps ? "step" : "other");
            total += step.reported();
            weight[0] += step.weight();
            step.parts().forEach((k, v) -> partSums.computeIfAbsent(k, key -> new double[1])[0] += v);
            double mean = step.reported() / step.weight();
            for (TrainingListener l : listeners) {
                l.onBatch(epoch, batchIndex, mean);
            }
            clock.lap("other");
        }
        return total;
    }

    /** A {@link TrainingObjective} as a {@link SteppedObjective}: one optimizer step on its loss per batch. */
    private final class GradientSteps implements SteppedObjective {
        private final TrainingObjective objective;
        private final Map<String, Tensor> params;
        private final Optimizer opt;

        GradientSteps(TrainingObjective objective) {
            this.objective = objective;
            this.params = objective.module().namedParameters();
            this.opt = Optimizers.create(config.optimizer(), config.learningRate(), params);
        }

        @Override
        public Module module() {
            return objective.module();
        }

        @Override
        public int rowsPerStep(int batchSize) {
            return batchSize;
        }

        @Override
        public Step step(Tensor batch, int epoch, int batchIndex, double position, RandomSource noise) {
            TrainingObjective.BatchLoss loss = objective.loss(batch, position, noise);
            double objectiveValue = loss.objective().item();
            clock.lap("forward");
            if (!Double.isFinite(objectiveValue) || !Double.isFinite(loss.reported())) {
                throw new NonFiniteLossException(epoch, batchIndex, "the loss",
                        Double.isFinite(objectiveValue) ? loss.reported() : objectiveValue);
            }
            opt.zeroGrad();
            loss.objective().backward();
            clock.lap("backward");
            if (!FiniteCheck.gradientsFinite(params.values())) {
                throw new NonFiniteLossException(epoch, batchIndex, "the gradient", Double.NaN);
            }
            if (config.clipNorm() > 0) {
                GradientClipping.clipByGlobalNorm(params, config.clipNorm());
            }
            clock.lap("gradient check");
            opt.step();
            // The parameters let go of their gradients: with them, nothing of this step is read any more.
            opt.zeroGrad();
            clock.lap("update");
            return new Step(loss.reported(), loss.parts(), batch.dim(0));
        }

        /** A {@link TrainingObjective} keeps no tensor of its loss, and the gradients go with the update. */
        @Override
        public boolean keepsNoStepTensors() {
            return true;
        }

        @Override
        public Map<String, Double> evaluate(DataMatrix data, RandomSource rng) {
            return objective.evaluate(data, rng);
        }

        @Override
        public Map<String, ArrayData> exportState() {
            return opt.exportState();
        }

        @Override
        public void importState(Map<String, ArrayData> state) {
            opt.importState(state);
        }

        @Override
        public void setLearningRate(double rate) {
            opt.setLearningRate(rate);
        }

        @Override
        public double learningRate() {
            return opt.learningRate();
        }
    }

    private Map<String, Double> evaluate(SteppedObjective objective, DataMatrix test, int epoch) {
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

    private void writeCheckpoint(Checkpoint.DataIdentity trainIdentity, Checkpoint.DataIdentity testIdentity, Run state, Module module, SteppedObjective objective, RandomSource shuffle, RandomSource noise) {
        Checkpoint cp = new Checkpoint(state.epoch, module.stateArrays(), objective.exportState(), state.best,
                shuffle.state(), noise.state(), state.bestLoss, state.bestEpoch, state.badEpochs, state.history,
                config.toJson(), trainIdentity, testIdentity);
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
