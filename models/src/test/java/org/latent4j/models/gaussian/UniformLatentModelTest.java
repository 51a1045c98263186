package org.latent4j.models.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.latent4j.random.RandomSource;

class UniformLatentModelTest {
    @Test
    void generatorDrawsLatentsUniformlyAndNoiseAroundThem() {
        UniformLatentModel m = new UniformLatentModel(-5, 10, 1.5);
        double[] z = new double[100_000];
        double[] x = m.sample(z.length, new RandomSource(3), z);
        double zMean = 0;
        double noise = 0;
        for (int i = 0; i < z.length; i++) {
            assertTrue(z[i] >= -5 && z[i] < 10);
            zMean += z[i];
            noise += (x[i] - z[i]) * (x[i] - z[i]);
        }
        assertEquals(2.5, zMean / z.length, 0.05);
        assertEquals(2.25, noise / z.length, 0.05);
    }

    @Test
    void densityIntegratesToOne() {
        UniformLatentModel m = new UniformLatentModel(-5, 10, 1.0);
        double h = 1e-3;
        double s = 0;
        for (double x = -15; x <= 20; x += h) {
            s += Math.exp(m.logDensity(x)) * h;
        }
        assertEquals(1.0, s, 1e-6);
    }

    @Test
    void emFindsTheMaximumLikelihoodVarianceFromXAlone() {
        for (double sigma : new double[] {0.7, 2.0}) {
            UniformLatentModel truth = new UniformLatentModel(-5, 10, sigma);
            double[] x = truth.sample(10_000, new RandomSource(11), null);
            UniformLatentModel.VarianceFit fit = UniformLatentModel.fitVariance(x, -5, 10, 1e-12, 100_000);
            assertTrue(fit.converged());
            // EM lands on the maximizer of the exact marginal likelihood (found here by golden section) …
            assertEquals(goldenSectionArgmax(x, 0.05 * sigma * sigma, 5 * sigma * sigma), fit.variance(),
                    1e-4 * sigma * sigma);
            // … which, only the ends of the interval telling σ apart from the uniform spread, is near the truth.
            assertEquals(sigma * sigma, fit.variance(), 0.15 * sigma * sigma);
        }
    }

    private static double goldenSectionArgmax(double[] x, double lo, double hi) {
        double g = (Math.sqrt(5) - 1) / 2;
        double a = lo;
        double b = hi;
        for (int it = 0; it < 50; it++) {
            double c = b - g * (b - a);
            double d = a + g * (b - a);
            double fc = new UniformLatentModel(-5, 10, Math.sqrt(c)).meanLogLikelihood(x);
            double fd = new UniformLatentModel(-5, 10, Math.sqrt(d)).meanLogLikelihood(x);
            if (fc > fd) {
                b = d;
            } else {
                a = c;
            }
        }
        return 0.5 * (a + b);
    }
}
