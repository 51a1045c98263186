package org.latent4j.models.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.latent4j.models.gaussian.CovarianceType;

class EmListenerTest {
    @Test
    void listenerSeesEveryIterationOfEveryInitAndChangesNothing() {
        double[] x = MixtureFixtures.sample(MixtureFixtures.threeComponents(CovarianceType.FULL), 600, 3);
        GaussianMixtureConfig cfg = GaussianMixtureConfig.builder().k(3).nInit(2).seed(5).build();
        List<double[]> seen = new ArrayList<>();
        List<int[]> starts = new ArrayList<>();
        GaussianMixture watched = new GaussianMixture(cfg).listener(new EmListener() {
            @Override
            public void onIteration(int init, int iteration, double meanLogLikelihood) {
                seen.add(new double[] {init, iteration, meanLogLikelihood});
            }

            @Override
            public void onStart(int k, int init, int inits, int maxIter) {
                starts.add(new int[] {k, init, inits, maxIter});
            }
        }).fit(x, 3);
        GaussianMixture plain = new GaussianMixture(cfg).fit(x, 3);

        assertArrayEquals(plain.parameters().means(), watched.parameters().means());
        assertEquals(plain.fitResult().meanLogLikelihood(), watched.fitResult().meanLogLikelihood());
        assertEquals(2, starts.size());
        assertArrayEquals(new int[] {3, 1, 2, 100}, starts.get(1));
        // The best init's trace is exactly what the listener heard for that init, in order.
        int best = watched.fitResult().initialization();
        double[] heard = seen.stream().filter(e -> e[0] == best).mapToDouble(e -> e[2]).toArray();
        assertArrayEquals(watched.fitResult().trace(), heard);
        for (int i = 0, it = 0; i < seen.size(); i++) {
            it = i > 0 && seen.get(i)[0] == seen.get(i - 1)[0] ? it + 1 : 1;
            assertEquals(it, (int) seen.get(i)[1], "iterations count from 1 within each init");
        }
    }
}
