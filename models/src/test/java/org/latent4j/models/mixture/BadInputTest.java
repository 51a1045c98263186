package org.latent4j.models.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.models.gaussian.CovarianceType;

class BadInputTest {
    private static final double[] X = MixtureFixtures.sample(MixtureFixtures.threeComponents(CovarianceType.FULL), 300, 1);

    private static GaussianMixture gmm(int k, CovarianceType type) {
        return new GaussianMixture(GaussianMixtureConfig.builder().k(k).covarianceType(type).build());
    }

    @Test
    void moreComponentsThanRows() {
        var ex = assertThrows(IllegalArgumentException.class, () -> gmm(5, CovarianceType.FULL).fit(new double[] {1, 2, 3, 4}, 2));
        assertEquals("k = 5 is larger than the number of rows (2)", ex.getMessage());
    }

    @Test
    void nanAndInfinityAreNamed() {
        double[] x = X.clone();
        x[7 * 3 + 2] = Double.NaN;
        var ex = assertThrows(IllegalArgumentException.class, () -> gmm(2, CovarianceType.FULL).fit(x, 3));
        assertTrue(ex.getMessage().contains("row 7, column 2 is NaN"), ex.getMessage());
        x[7 * 3 + 2] = Double.NEGATIVE_INFINITY;
        ex = assertThrows(IllegalArgumentException.class, () -> gmm(2, CovarianceType.FULL).fit(x, 3));
        assertTrue(ex.getMessage().contains("row 7, column 2 is -Infinity"), ex.getMessage());
        GaussianMixture fitted = gmm(2, CovarianceType.FULL).fit(X, 3);
        ex = assertThrows(IllegalArgumentException.class, () -> fitted.score(new double[] {1, Double.NaN, 2}));
        assertTrue(ex.getMessage().contains("row 0, column 1"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> fitted.predict(new double[] {1, 2}));
        assertTrue(ex.getMessage().contains("do not make whole rows of 3 columns"), ex.getMessage());
    }

    @Test
    void emptyDataAreRefusedAsEmpty() {
        var ex = assertThrows(IllegalArgumentException.class, () -> gmm(1, CovarianceType.FULL).fit(new double[0], 3));
        assertEquals("data: no rows (an empty data set); at least one row is needed", ex.getMessage());
    }

    @Test
    void constantDuplicateAndSingularDataGiveRegularizedFiniteModels() {
        int n = 300;
        double[] x = new double[n * 3];
        for (int i = 0; i < n; i++) {
            x[i * 3] = X[i * 3];
            x[i * 3 + 1] = 4.0;            // constant column
            x[i * 3 + 2] = X[i * 3];        // duplicate of column 0
        }
        double[] same = new double[50 * 2];
        java.util.Arrays.fill(same, 1.5);  // every row identical: singular data
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixture g = gmm(2, type).fit(x, 3);
            assertFinite(g.parameters(), type + " constant/duplicate");
            assertTrue(Double.isFinite(g.score(x)));
            // The constant column gets exactly the regularization as its variance (full and diag).
            if (type == CovarianceType.FULL || type == CovarianceType.DIAG) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(1e-6, g.parameters().covarianceMatrix(j)[4], 1e-12);
                }
            }
            GaussianMixture s = gmm(1, type).fit(same, 2);
            assertFinite(s.parameters(), type + " identical rows");
            assertEquals(1.5, s.parameters().means()[0], 1e-12);
        }
        // Two components on identical rows: one takes everything, the other collapses to weight 0.
        GaussianMixture two = gmm(2, CovarianceType.FULL).fit(same, 2);
        assertFinite(two.parameters(), "collapsed");
        assertEquals(1, two.fitResult().collapsedComponents());
        assertTrue(Double.isFinite(two.score(same)));
    }

    @Test
    void hugeValuesBeyondTheRegularizationFailClearly() {
        double[] x = new double[200];
        for (int i = 0; i < 100; i++) {
            x[2 * i] = 1e12 + i;
            x[2 * i + 1] = 2e12 + i;  // perfectly collinear at a scale where 1e-6 is lost
        }
        var ex = assertThrows(NonPositiveDefiniteException.class,
                () -> new GaussianMixture(GaussianMixtureConfig.builder().k(1).regCovar(0).build()).fit(x, 2));
        assertTrue(ex.getMessage().contains("increase the regularization"), ex.getMessage());
    }

    @Test
    void badHyperparameters() {
        assertThrows(IllegalArgumentException.class, () -> GaussianMixtureConfig.builder().k(0).build());
        assertThrows(IllegalArgumentException.class, () -> GaussianMixtureConfig.builder().tol(-1).build());
        assertThrows(IllegalArgumentException.class, () -> GaussianMixtureConfig.builder().regCovar(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> GaussianMixtureConfig.builder().nInit(0).build());
        var ex = assertThrows(IllegalArgumentException.class, () -> CovarianceType.parse("ful"));
        assertEquals("covariance type: expected full, tied, diag or spherical, got 'ful'", ex.getMessage());
        MixtureParameters p = MixtureFixtures.threeComponents(CovarianceType.FULL);
        var dim = assertThrows(IllegalArgumentException.class,
                () -> new GaussianMixture(GaussianMixtureConfig.builder().initialParameters(p).build()).fit(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 2));
        assertTrue(dim.getMessage().contains("initial parameters have 3 dimensions but the data have 2 columns"), dim.getMessage());
        assertThrows(IllegalArgumentException.class, () -> gmm(2, CovarianceType.FULL).fit(X, 3, new double[] {1, 2}));
    }

    @Test
    void malformedInitFilesAreNamed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("init.json");
        String[][] cases = {
                {"{\"weights\":[0.5,0.5],\"means\":[[0,0],[1,1]]}", "missing field 'covariances'"},
                {"{\"weights\":[0.5,0.5],\"means\":[[0,0],[1]],\"covariances\":[[[1,0],[0,1]],[[1,0],[0,1]]]}", "means[1]: expected an array of 2 numbers"},
                {"{\"weights\":[0.5,0.5],\"means\":[[0,0],[1,1]],\"covariances\":[[[1,0],[0,1]]]}", "covariances: expected 2 matrices"},
                {"{\"weights\":[0.5,0.6],\"means\":[[0,0],[1,1]],\"covariances\":[[[1,0],[0,1]],[[1,0],[0,1]]]}", "weights sum to 1.1"},
                {"{\"weights\":[0.5,0.5],\"means\":[[0,0],[1,\"a\"]],\"covariances\":[[[1,0],[0,1]],[[1,0],[0,1]]]}", "means[1][1]: expected a number"},
                {"{\"weights\":[0.5,0.5],\"means\":[[0,0],[1,1]],\"covariances\":[[[1,0.5],[0,1]],[[1,0],[0,1]]]}", "not symmetric"},
                {"{\"weights\":[0.5,0.5", "init.json"},
        };
        for (String[] c : cases) {
            Files.writeString(f, c[0]);
            Exception ex = assertThrows(Exception.class, () -> ParameterJson.read(f, CovarianceType.FULL));
            assertTrue(ex.getMessage().contains(c[1]), c[0] + " -> " + ex.getMessage());
            assertTrue(ex.getMessage().contains("init.json"), ex.getMessage());
        }
        // Not positive definite: refused when EM starts, naming the component.
        Files.writeString(f, "{\"weights\":[0.5,0.5],\"means\":[[0,0],[1,1]],\"covariances\":[[[1,0],[0,1]],[[1,2],[2,1]]]}");
        MixtureParameters p = ParameterJson.read(f, CovarianceType.FULL);
        var ex = assertThrows(NonPositiveDefiniteException.class,
                () -> new GaussianMixture(GaussianMixtureConfig.builder().initialParameters(p).build()).fit(new double[] {0, 0, 1, 1, 2, 2}, 2));
        assertTrue(ex.getMessage().contains("component 1"), ex.getMessage());
    }

    static void assertFinite(MixtureParameters p, String what) {
        for (double v : p.weights()) {
            assertTrue(Double.isFinite(v), what);
        }
        for (double v : p.means()) {
            assertTrue(Double.isFinite(v), what);
        }
        for (double v : p.covariances()) {
            assertTrue(Double.isFinite(v), what);
        }
    }
}
