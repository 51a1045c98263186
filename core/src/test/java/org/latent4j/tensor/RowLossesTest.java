package org.latent4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;

class RowLossesTest {

    @Test
    void matchesElementwiseLossSummedOverRows() {
        RandomSource rng = new RandomSource(3);
        Tensor l = Tensor.randn(rng, 5, 7).mul(4f);
        Tensor t = Tensor.rand(rng, 0f, 1f, 5, 7);
        float[] fused = RowLosses.bernoulliNll(l, t).toArray();
        float[] plain = Losses.binaryCrossEntropyWithLogits(l, t).sum(1).toArray();
        assertArrayEquals(plain, fused, 1e-4f);
    }

    @Test
    void finiteForExtremeLogits() {
        Tensor l = Tensor.vector(-1e4f, 1e4f, 0f, 80f, -80f).reshape(1, 5);
        Tensor t = Tensor.vector(0f, 1f, 0.5f, 0f, 1f).reshape(1, 5);
        float v = RowLosses.bernoulliNll(l, t).item();
        assertEquals(Math.log(2) + 160, v, 1e-3);
    }

    @Test
    void gradientsFirstAndSecondOrder() {
        RandomSource rng = new RandomSource(5);
        Tensor l = Tensor.randn(rng, 3, 4);
        Tensor t = Tensor.rand(rng, 0.1f, 0.9f, 3, 4);
        GradientCheck.assertGradients(x -> RowLosses.bernoulliNll(x[0], x[1]), l, t);
        GradientCheck.assertSecondOrder(x -> RowLosses.bernoulliNll(x[0], x[1]), l.detach().copy(), t.detach().copy());
    }

    @Test
    void fusedBackwardEqualsComposedBackward() {
        RandomSource rng = new RandomSource(7);
        Tensor l = Tensor.randn(rng, 300, 200).mul(3f).requiresGrad(true);
        Tensor t = Tensor.rand(rng, 0f, 1f, 300, 200);
        Tensor w = Tensor.randn(rng, 300);
        RowLosses.bernoulliNll(l, t).mul(w).sum().backward();
        float[] fused = l.grad().toArray();
        float[] composed = w.reshape(300, 1).mul(l.detach().sigmoid().sub(t)).toArray();
        assertArrayEquals(composed, fused, 1e-5f);
    }

    @Test
    void scalarRowKernelsUsedWithoutTheVectorApiAgreeWithTheSimdOnes() {
        RandomSource rng = new RandomSource(11);
        int rows = 6, d = 787; // not a multiple of any vector length: the SIMD path has a tail too
        float[] l = Tensor.randn(rng, rows, d).mul(5f).toArray();
        float[] t = Tensor.rand(rng, 0f, 1f, rows, d).toArray();
        float[] cacheSimd = new float[l.length], cacheScalar = new float[l.length];
        float[] gradSimd = new float[l.length], gradScalar = new float[l.length];
        for (int r = 0; r < rows; r++) {
            double simd = RowKernels.bceRow(l, t, cacheSimd, r * d, d);
            double scalar = ScalarRowKernels.bceRow(l, t, cacheScalar, r * d, d);
            assertEquals(simd, scalar, 1e-5 * Math.abs(simd), "row " + r);
            RowKernels.bceGradRow(0.75f, l, t, cacheSimd, gradSimd, r * d, d);
            ScalarRowKernels.bceGradRow(0.75f, l, t, cacheScalar, gradScalar, r * d, d);
        }
        // element by element the same operations: bit-identical caches and gradients
        assertArrayEquals(cacheSimd, cacheScalar, 0f);
        assertArrayEquals(gradSimd, gradScalar, 0f);
        double plain = 0;
        for (int i = 0; i < d; i++) {
            plain += Math.max(l[i], 0) - (double) l[i] * t[i] + Math.log1p(Math.exp(-Math.abs(l[i])));
        }
        assertEquals(plain, ScalarRowKernels.bceRow(l, t, null, 0, d), 1e-5 * plain);
    }

    @Test
    void expAndLog1pKernelsAreAccurateAndTheirVectorAndScalarFormsAgreeToTheBit() {
        var species = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
        int n = 200_000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -90f * i / (n - 1);
        }
        float[] ev = new float[n];
        float[] lv = new float[n];
        for (int i = 0; i + species.length() <= n; i += species.length()) {
            var e = RowKernels.exp(jdk.incubator.vector.FloatVector.fromArray(species, x, i));
            e.intoArray(ev, i);
            RowKernels.log1pUnit(e).intoArray(lv, i);
        }
        double worstExp = 0, worstLog = 0;
        for (int i = 0; i + species.length() <= n; i++) {
            float e = RowKernels.exp(x[i]);
            assertEquals(Float.floatToIntBits(e), Float.floatToIntBits(ev[i]), "exp at " + x[i]);
            assertEquals(Float.floatToIntBits(RowKernels.log1pUnit(e)), Float.floatToIntBits(lv[i]), "log1p at " + e);
            if (x[i] > -87f) {
                worstExp = Math.max(worstExp, Math.abs(e - Math.exp(x[i])) / Math.exp(x[i]));
            }
            worstLog = Math.max(worstLog, Math.abs(lv[i] - Math.log1p(e)) / Math.max(Math.log1p(e), 1e-38));
        }
        assertEquals(0, worstExp, 4e-7);
        assertEquals(0, worstLog, 4e-7);
        assertEquals(1f, RowKernels.exp(0f));
        assertEquals((float) Math.log(2), RowKernels.log1pUnit(1f), 1e-7f);
    }

    @Test
    void rejectsMismatchedShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RowLosses.bernoulliNll(Tensor.zeros(2, 3), Tensor.zeros(3, 2)));
        assertEquals(true, e.getMessage().contains("[2, 3]"));
    }
}
