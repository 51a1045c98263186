package org.latent4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.latent4j.nn.NormTorchReference.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.latent4j.tensor.Tensor;

/**
 * Each normalization layer against PyTorch's outputs, gradients and running statistics
 * ({@link NormTorchReference}), on the inputs of torch_norm_reference.py, repeated here.
 */
class NormalizationReferenceTest {
    /** float32 results of a few dozen operations: agreement to about 1e-6 relative, allowed 1e-5. */
    private static final double TOL = 1e-5;

    static float[] pattern(int n, int seed) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (((i * 37 + seed * 11) % 29) - 14) / 8f;
        }
        return v;
    }

    static Tensor weights(int... shape) {
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (((i * 13 + 5) % 17) - 8) / 4f;
        }
        return Tensor.of(v, shape);
    }

    /** The script's affine(): weight 1 + pattern/4, bias pattern/2. */
    static void affine(Tensor weight, Tensor bias, int seed) {
        float[] w = pattern(weight.numel(), seed);
        float[] b = pattern(bias.numel(), seed + 1);
        for (int i = 0; i < w.length; i++) {
            weight.data()[i] = 1 + 0.25f * w[i];
            bias.data()[i] = 0.5f * b[i];
        }
    }

    static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOL * (1 + Math.abs(expected[i])), what + " at " + i);
        }
    }

    private static void batchNormCase(BatchNorm layer, int[] shape, int steps, float[] trainY, float[] trainDx,
                                      float[] trainDw, float[] trainDb, float[] runningMean, float[] runningVar,
                                      float[] evalY, float[] evalDx) {
        affine(layer.weight(), layer.bias(), 7);
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        Tensor first = null;
        for (int s = 1; s <= steps; s++) {
            float[] v = pattern(n, s);
            for (int i = 0; i < n; i++) {
                v[i] = v[i] * (1 + s / 2f) + s / 4f;
            }
            Tensor x = Tensor.of(v, shape).requiresGrad(true);
            Tensor y = layer.forward(x);
            if (s == 1) {
                first = x;
                y.mul(weights(shape)).sum().backward();
                assertClose(trainY, y.data(), "training output");
                assertClose(trainDx, x.grad().data(), "training d/dx");
                assertClose(trainDw, layer.weight().grad().data(), "training d/dweight");
                assertClose(trainDb, layer.bias().grad().data(), "training d/dbias");
            }
        }
        assertClose(runningMean, layer.runningMean().data(), "running_mean");
        assertClose(runningVar, layer.runningVar().data(), "running_var");
        assertEquals(steps, layer.numBatchesTracked());

        layer.train(false);
        layer.zeroGrad();
        Tensor x = first.detach().requiresGrad(true);
        Tensor y = layer.forward(x);
        y.mul(weights(shape)).sum().backward();
        assertClose(evalY, y.data(), "evaluation output");
        assertClose(evalDx, x.grad().data(), "evaluation d/dx");
        assertEquals(steps, layer.numBatchesTracked(), "evaluation mode does not count batches");
    }

    @Test
    void batchNorm2dMatchesPyTorch() {
        batchNormCase(new BatchNorm2d(3), new int[] {4, 3, 2, 2}, 3, BN2D_TRAIN_Y, BN2D_TRAIN_DX, BN2D_TRAIN_DW,
                BN2D_TRAIN_DB, BN2D_RUNNING_MEAN, BN2D_RUNNING_VAR, BN2D_EVAL_Y, BN2D_EVAL_DX);
    }

    @Test
    void batchNorm1dOnFeaturesMatchesPyTorch() {
        batchNormCase(new BatchNorm1d(3), new int[] {5, 3}, 2, BN1D_TRAIN_Y, BN1D_TRAIN_DX, BN1D_TRAIN_DW,
                BN1D_TRAIN_DB, BN1D_RUNNING_MEAN, BN1D_RUNNING_VAR, BN1D_EVAL_Y, BN1D_EVAL_DX);
    }

    @Test
    void batchNorm1dOnSequencesMatchesPyTorch() {
        batchNormCase(new BatchNorm1d(2), new int[] {3, 2, 4}, 2, BN1D_SEQ_TRAIN_Y, BN1D_SEQ_TRAIN_DX,
                BN1D_SEQ_TRAIN_DW, BN1D_SEQ_TRAIN_DB, BN1D_SEQ_RUNNING_MEAN, BN1D_SEQ_RUNNING_VAR, BN1D_SEQ_EVAL_Y,
                BN1D_SEQ_EVAL_DX);
    }

    private static void plainCase(Layer layer, Tensor weight, Tensor bias, int[] shape, float[] expectedY,
                                  float[] dx, float[] dw, float[] db) {
        affine(weight, bias, 3);
        int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        Tensor x = Tensor.of(pattern(n, 5), shape).requiresGrad(true);
        Tensor y = layer.forward(x);
        y.mul(weights(shape)).sum().backward();
        assertClose(expectedY, y.data(), "output");
        assertClose(dx, x.grad().data(), "d/dx");
        assertClose(dw, weight.grad().data(), "d/dweight");
        assertClose(db, bias.grad().data(), "d/dbias");
    }

    @Test
    void groupNormMatchesPyTorch() {
        GroupNorm gn = new GroupNorm(2, 4);
        plainCase(gn, gn.weight(), gn.bias(), new int[] {2, 4, 3}, GN_Y, GN_DX, GN_DW, GN_DB);
    }

    @Test
    void layerNormMatchesPyTorch() {
        LayerNorm ln = new LayerNorm(2, 3);
        plainCase(ln, ln.weight(), ln.bias(), new int[] {2, 2, 2, 3}, LN_Y, LN_DX, LN_DW, LN_DB);
    }
}
