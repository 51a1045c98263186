package org.latent4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.SafeTensors;
import org.latent4j.nn.Activation;
import org.latent4j.nn.Mlp;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/** End to end with nn: Adam trains an MLP, and a checkpoint through safetensors resumes the run exactly. */
class TrainingCheckpointTest {
    @TempDir
    Path dir;

    /** y = sin(2x₀) + x₁², a smooth target an MLP fits easily. */
    static Tensor[] data() {
        RandomSource rng = new RandomSource(1);
        Tensor x = Tensor.rand(rng, -1f, 1f, 64, 2);
        float[] y = new float[64];
        for (int i = 0; i < 64; i++) {
            y[i] = (float) (Math.sin(2 * x.get(i, 0)) + x.get(i, 1) * x.get(i, 1));
        }
        return new Tensor[] {x, Tensor.of(y, 64, 1)};
    }

    static float trainStep(Mlp net, Optimizer opt, Tensor[] d) {
        opt.zeroGrad();
        Tensor loss = net.forward(d[0]).sub(d[1]).square().mean();
        loss.backward();
        GradientClipping.clipByGlobalNorm(net.namedParameters(), 1.0);
        opt.step();
        return loss.item();
    }

    @Test
    void adamFitsAnMlpAndResumesFromACheckpointBitIdentically() throws IOException {
        Tensor[] d = data();
        Mlp net = new Mlp(new int[] {2, 16, 1}, Activation.TANH, Activation.IDENTITY, new RandomSource(2));
        Optimizer opt = Optimizers.create("adam", 0.02, net.namedParameters());
        LearningRateSchedule schedule = LearningRateSchedule.parse("warmup:2:cos:40");
        float first = trainStep(net, opt, d);
        for (int epoch = 0; epoch < 20; epoch++) {
            schedule.apply(opt, 0.02, epoch);
            for (int s = 0; s < 10; s++) {
                trainStep(net, opt, d);
            }
        }
        SafeTensors.write(dir.resolve("model.safetensors"), net.stateArrays(), Map.of());
        SafeTensors.write(dir.resolve("optimizer.safetensors"), opt.exportState(), Map.of());

        Mlp resumed = new Mlp(new int[] {2, 16, 1}, Activation.TANH, Activation.IDENTITY, new RandomSource(99));
        resumed.loadStateArrays(SafeTensors.read(dir.resolve("model.safetensors")).arrays());
        Optimizer resumedOpt = Optimizers.create("adam", 0.5, resumed.namedParameters());
        resumedOpt.importState(SafeTensors.read(dir.resolve("optimizer.safetensors")).arrays());

        float last = 0;
        for (int s = 0; s < 30; s++) {
            last = trainStep(net, opt, d);
            trainStep(resumed, resumedOpt, d);
        }
        assertTrue(last < first / 20, "loss went from " + first + " to " + last);
        for (Map.Entry<String, Tensor> e : net.namedParameters().entrySet()) {
            assertArrayEquals(e.getValue().data(), resumed.namedParameters().get(e.getKey()).data(), e.getKey());
        }
    }
}
