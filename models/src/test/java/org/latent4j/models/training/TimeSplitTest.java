package org.latent4j.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latent4j.io.ArrayData;
import org.latent4j.nn.Linear;
import org.latent4j.nn.Module;
import org.latent4j.random.RandomSource;
import org.latent4j.runtime.LoopTotals;
import org.latent4j.tensor.Tensor;

/** The trainer's time split: one per epoch, the phases of a step in order, adding up to the epoch's time. */
class TimeSplitTest {

    private static List<Object[]> fitAndCollect(Trainer trainer, java.util.function.Consumer<Trainer> fit) {
        List<Object[]> seen = new ArrayList<>();
        trainer.listener(new TrainingListener() {
            TimeSplit split;

            @Override
            public void onTimeSplit(int epoch, TimeSplit s) {
                split = s;
            }

            @Override
            public void onEpoch(EpochResult result) {
                seen.add(new Object[] {result, split});
                split = null;
            }
        });
        fit.accept(trainer);
        return seen;
    }

    private static void assertAddsUp(EpochResult r, TimeSplit split) {
        split.phases().forEach((phase, s) -> assertTrue(s >= 0, phase + " " + s));
        // The laps cover the whole epoch but for a few clock readings outside them.
        assertEquals(r.seconds(), split.totalSeconds(), 0.02 * r.seconds() + 0.005, split.toString());
        assertTrue(split.parallelSeconds() >= 0 && split.waitingSeconds() >= 0 && split.aloneSeconds() >= 0, split.toString());
        assertTrue(split.parallelSeconds() + split.waitingSeconds() <= split.totalSeconds() + 1e-3, split.toString());
    }

    @Test
    void gradientStepsSplitIntoTheirPhases() {
        Trainer trainer = new Trainer(TrainingConfig.builder().epochs(3).batchSize(10).learningRate(0.05).build());
        List<Object[]> seen = fitAndCollect(trainer,
                t -> t.fit(new TrainerTest.Regression(), TrainerTest.data(200, 1), TrainerTest.data(50, 2)));
        assertEquals(3, seen.size());
        for (Object[] e : seen) {
            TimeSplit split = (TimeSplit) e[1];
            assertEquals(List.of("batches", "forward", "backward", "gradient check", "update", "other"),
                    List.copyOf(split.phases().keySet()));
            assertAddsUp((EpochResult) e[0], split);
        }
    }

    /** An objective that performs its steps itself, as a WGAN's does: one phase "step". */
    private static final class OwnSteps implements SteppedObjective {
        final Linear linear = new Linear(2, 1, new RandomSource(1));
        double rate = 0.01;

        @Override
        public Module module() {
            return linear;
        }

        @Override
        public int rowsPerStep(int batchSize) {
            return batchSize;
        }

        @Override
        public Step step(Tensor batch, int epoch, int batchIndex, double position, RandomSource noise) {
            double sum = linear.forward(batch.slice(1, 0, 2)).sum().item();
            return new Step(sum, Map.of(), batch.dim(0));
        }

        @Override
        public Map<String, Double> evaluate(DataMatrix data, RandomSource rng) {
            return Map.of("loss", 0.0);
        }

        @Override
        public Map<String, ArrayData> exportState() {
            return Map.of();
        }

        @Override
        public void importState(Map<String, ArrayData> state) {}

        @Override
        public void setLearningRate(double rate) {
            this.rate = rate;
        }

        @Override
        public double learningRate() {
            return rate;
        }
    }

    @Test
    void anObjectiveWithItsOwnStepsIsOnePhase() {
        List<Object[]> seen = fitAndCollect(new Trainer(TrainingConfig.builder().epochs(2).batchSize(16).build()),
                t -> t.fit(new OwnSteps(), TrainerTest.data(200, 1), TrainerTest.data(50, 2)));
        assertEquals(2, seen.size());
        for (Object[] e : seen) {
            TimeSplit split = (TimeSplit) e[1];
            assertEquals(List.of("batches", "step", "other"), List.copyOf(split.phases().keySet()));
            assertAddsUp((EpochResult) e[0], split);
        }
    }

    @Test
    void aloneIsWhatTheLoopsLeave() {
        TimeSplit split = new TimeSplit(Map.of("forward", 0.5, "backward", 0.25),
                new LoopTotals(7, 300_000_000L, 100_000_000L));
        assertEquals(0.75, split.totalSeconds(), 1e-12);
        assertEquals(0.3, split.parallelSeconds(), 1e-12);
        assertEquals(0.1, split.waitingSeconds(), 1e-12);
        assertEquals(0.35, split.aloneSeconds(), 1e-12);
    }
}
