package org.latent4j.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Autograd;
import org.latent4j.tensor.GradientCheck;
import org.latent4j.tensor.Tensor;

/** DiagonalNormal, UnitVarianceNormal and their KL divergences against closed forms and Monte Carlo. */
class NormalDistributionsTest {
    static final double LOG_2PI = Math.log(2 * Math.PI);

    @Test
    void logProbAndEntropyMatchTheDensity() {
        Tensor mu = Tensor.vector(0f, 1.5f, -2f);
        Tensor logVar = Tensor.vector(0f, -1f, 2f);
        DiagonalNormal q = new DiagonalNormal(mu, logVar);
        Tensor x = Tensor.vector(0.3f, 1f, 1f);
        float[] lp = q.logProb(x).data();
        float[] h = q.entropy().data();
        for (int i = 0; i < 3; i++) {
            double var = Math.exp(logVar.data()[i]);
            double d = x.data()[i] - mu.data()[i];
            double expected = Math.log(Math.exp(-d * d / (2 * var)) / Math.sqrt(2 * Math.PI * var));
            assertEquals(expected, lp[i], 1e-5);
            assertEquals(0.5 * Math.log(2 * Math.PI * Math.E * var), h[i], 1e-5);
        }
        UnitVarianceNormal u = new UnitVarianceNormal(mu);
        assertEquals(-0.5 * 0.09 - 0.5 * LOG_2PI, u.logProb(x).data()[0], 1e-6);
        assertEquals(0.5 * (1 + LOG_2PI), u.entropy().data()[2], 1e-6);
        // logProb broadcasts a stack of samples [2, 3] against parameters [3]
        Tensor xs = Tensor.matrix(new float[][] {{0.3f, 1f, 1f}, {0f, 0f, 0f}});
        assertArrayEquals(lp, q.logProb(xs).slice(0, 0, 1).reshape(3).toArray());
    }

    @Test
    void rsampleIsReparameterizedAndSampleIsDetached() {
        Tensor mu = Tensor.vector(1f, -1f).requiresGrad(true);
        Tensor logVar = Tensor.vector(0.5f, -0.4f).requiresGrad(true);
        DiagonalNormal q = new DiagonalNormal(mu, logVar);
        Tensor z = q.rsample(new RandomSource(3));
        Tensor eps = Tensor.randn(new RandomSource(3), 2);
        for (int i = 0; i < 2; i++) {
            assertEquals(mu.data()[i] + Math.exp(0.5 * logVar.data()[i]) * eps.data()[i], z.data()[i], 1e-6);
        }
        Tensor[] g = Autograd.grad(z.sum(), new Tensor[] {mu, logVar}, false);
        assertArrayEquals(new float[] {1f, 1f}, g[0].data());
        for (int i = 0; i < 2; i++) {
            assertEquals(0.5 * Math.exp(0.5 * logVar.data()[i]) * eps.data()[i], g[1].data()[i], 1e-6);
        }
        Tensor s = q.sample(new RandomSource(3));
        assertFalse(s.requiresGrad());
        assertArrayEquals(z.data(), s.data());
        GradientCheck.assertGradients(in -> new DiagonalNormal(in[0], in[1]).rsample(new RandomSource(5)),
                Tensor.vector(0.2f, -0.7f), Tensor.vector(-0.3f, 0.9f));
        GradientCheck.assertSecondOrder(in -> new DiagonalNormal(in[0], in[1]).logProb(in[2]),
                Tensor.vector(0.2f, -0.7f), Tensor.vector(-0.3f, 0.9f), Tensor.vector(0.5f, 0.1f));
    }

    @Test
    void sampleMomentsMatchTheParameters() {
        DiagonalNormal q = new DiagonalNormal(Tensor.vector(2f, -1f, 0f), Tensor.vector(0f, (float) Math.log(0.25), 1.5f));
        int k = 100_000;
        Tensor z = q.rsample(new RandomSource(11), k);
        assertArrayEquals(new int[] {k, 3}, z.shape());
        for (int j = 0; j < 3; j++) {
            double var = Math.exp(q.logVar().data()[j]);
            double[] m = moments(z.data(), j, 3);
            // 5 standard errors: the mean's is sqrt(var/k), the variance's about var·sqrt(2/k)
            assertEquals(q.mean().data()[j], m[0], 5 * Math.sqrt(var / k), "mean " + j);
            assertEquals(var, m[1], 5 * var * Math.sqrt(2.0 / k), "variance " + j);
        }
        UnitVarianceNormal u = new UnitVarianceNormal(Tensor.full(3f, k));
        double[] m = moments(u.sample(new RandomSource(12)).data(), 0, 1);
        assertEquals(3, m[0], 5 / Math.sqrt(k));
        assertEquals(1, m[1], 5 * Math.sqrt(2.0 / k));
    }

    static double[] moments(float[] d, int offset, int stride) {
        double s = 0, ss = 0;
        int n = 0;
        for (int i = offset; i < d.length; i += stride, n++) {
            s += d[i];
        }
        double mean = s / n;
        for (int i = offset; i < d.length; i += stride) {
            ss += (d[i] - mean) * (d[i] - mean);
        }
        return new double[] {mean, ss / (n - 1)};
    }

    @Test
    void klToStandardNormalClosedFormAndMonteCarlo() {
        Tensor mu = Tensor.vector(0f, 1f, -0.5f);
        Tensor logVar = Tensor.vector(0f, -1f, 0.7f);
        float[] kl = Kl.toStandardNormal(mu, logVar).data();
        assertEquals(0, kl[0], 0);
        for (int j = 0; j < 3; j++) {
            double m = mu.data()[j], lv = logVar.data()[j];
            assertEquals(-0.5 * (1 + lv - m * m - Math.exp(lv)), kl[j], 1e-6);
        }
        DiagonalNormal q = new DiagonalNormal(mu, logVar);
        assertArrayEquals(kl, Kl.between(q, DiagonalNormal.standard(3)).data(), 1e-6f);
        assertArrayEquals(kl, Kl.toStandardNormal(q).data());
        assertMonteCarlo(q, DiagonalNormal.standard(3), kl);
    }

    @Test
    void klBetweenDiagonalNormalsClosedFormAndMonteCarlo() {
        DiagonalNormal q = new DiagonalNormal(Tensor.vector(0.5f, -1f, 2f), Tensor.vector(-0.5f, 0.3f, 0f));
        DiagonalNormal p = new DiagonalNormal(Tensor.vector(0f, 0.5f, 1.5f), Tensor.vector(0.4f, -0.2f, 1f));
        float[] kl = Kl.between(q, p).data();
        for (int j = 0; j < 3; j++) {
            double sq = Math.exp(0.5 * q.logVar().data()[j]), sp = Math.exp(0.5 * p.logVar().data()[j]);
            double d = q.mean().data()[j] - p.mean().data()[j];
            assertEquals(Math.log(sp / sq) + (sq * sq + d * d) / (2 * sp * sp) - 0.5, kl[j], 1e-6);
        }
        assertArrayEquals(new float[3], Kl.between(q, q).data(), 1e-7f);
        assertMonteCarlo(q, p, kl);
        GradientCheck.assertSecondOrder(in -> Kl.between(new DiagonalNormal(in[0], in[1]), new DiagonalNormal(in[2], in[3])),
                Tensor.vector(0.5f, -1f), Tensor.vector(-0.5f, 0.3f), Tensor.vector(0f, 0.5f), Tensor.vector(0.4f, -0.2f));
    }

    /** E_q[log q(z) − log p(z)] over 200,000 samples agrees with the closed form to 5 standard errors. */
    static void assertMonteCarlo(DiagonalNormal q, DiagonalNormal p, float[] kl) {
        int k = 200_000;
        Tensor z = q.rsample(new RandomSource(21), k);
        float[] diff = q.logProb(z).sub(p.logProb(z)).data();
        for (int j = 0; j < kl.length; j++) {
            double[] m = moments(diff, j, kl.length);
            assertEquals(kl[j], m[0], 5 * Math.sqrt(m[1] / k) + 1e-6, "dimension " + j);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiagonalNormal(Tensor.zeros(2, 3), Tensor.zeros(3)));
        assertEquals("DiagonalNormal: mean shape [2, 3] and logVar shape [3] must be equal", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DiagonalNormal(null, Tensor.zeros(1)));
        assertThrows(IllegalArgumentException.class, () -> DiagonalNormal.standard(2).rsample(new RandomSource(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new UnitVarianceNormal(null));
        assertTrue(DiagonalNormal.standard(4, 2).sample(new RandomSource(1)).shape()[1] == 2);
    }
}
