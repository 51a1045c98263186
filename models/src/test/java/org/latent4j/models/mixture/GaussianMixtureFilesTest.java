package org.latent4j.models.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.ModelFiles;
import org.latent4j.models.gaussian.CovarianceType;
import org.latent4j.models.pca.Pca;

class GaussianMixtureFilesTest {
    @Test
    void roundTripForEveryCovarianceType(@TempDir Path dir) throws IOException {
        for (CovarianceType type : CovarianceType.values()) {
            MixtureParameters truth = MixtureFixtures.threeComponents(type);
            double[] x = MixtureFixtures.sample(truth, 600, 3);
            GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(3).covarianceType(type).seed(2).build()).fit(x, 3);
            Path out = dir.resolve(type.label());
            GaussianMixtureFiles.save(out, g, null, null);
            GaussianMixtureFiles.Stored back = GaussianMixtureFiles.load(out);
            assertNull(back.pca());
            assertArrayEquals(g.parameters().weights(), back.mixture().parameters().weights());
            assertArrayEquals(g.parameters().means(), back.mixture().parameters().means());
            assertArrayEquals(g.parameters().covariances(), back.mixture().parameters().covariances());
            assertEquals(type, back.mixture().parameters().type());
            assertArrayEquals(g.scoreSamples(x), back.mixture().scoreSamples(x));
            // The init-file format round-trips as well.
            Path json = dir.resolve(type.label() + ".json");
            ParameterJson.write(json, g.parameters());
            assertArrayEquals(g.parameters().covariances(), ParameterJson.read(json, type).covariances());
        }
    }

    @Test
    void shortSaveWritesWhatTheFullOneWrites(@TempDir Path dir) throws IOException {
        double[] x = MixtureFixtures.sample(MixtureFixtures.threeComponents(CovarianceType.DIAG), 300, 5);
        GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(3)
                .covarianceType(CovarianceType.DIAG).seed(4).build()).fit(x, 3);
        GaussianMixtureFiles.save(dir.resolve("short"), g);
        GaussianMixtureFiles.save(dir.resolve("full"), g, null, null);
        for (String file : new String[] {ModelFiles.WEIGHTS, ModelFiles.CONFIG}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("full").resolve(file)),
                    Files.readAllBytes(dir.resolve("short").resolve(file)), file);
        }
        GaussianMixtureFiles.Stored back = GaussianMixtureFiles.load(dir.resolve("short"));
        assertNull(back.pca());
        assertArrayEquals(g.scoreSamples(x), back.mixture().scoreSamples(x));
    }

    @Test
    void projectionIsStoredWithTheMixture(@TempDir Path dir) throws IOException {
        double[] raw = MixtureFixtures.sample(MixtureFixtures.threeComponents(CovarianceType.FULL), 500, 8);
        Pca pca = Pca.fit(raw, 3, 2);
        double[] z = pca.transform(raw);
        GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(3).build()).fit(z, 2);
        GaussianMixtureFiles.save(dir.resolve("m"), g, pca, null);
        GaussianMixtureFiles.Stored back = GaussianMixtureFiles.load(dir.resolve("m"));
        assertEquals(3, back.inputColumns());
        assertArrayEquals(g.predict(z), back.mixture().predict(back.prepare(raw)));
        assertEquals(g.score(z), back.mixture().score(back.prepare(raw)), 1e-12);
    }

    @Test
    void damagedFilesAreNamed(@TempDir Path dir) throws IOException {
        GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(2).build())
                .fit(MixtureFixtures.sample(MixtureFixtures.threeComponents(CovarianceType.FULL), 100, 1), 3);
        Path m = dir.resolve("m");
        GaussianMixtureFiles.save(m, g, null, null);
        String config = Files.readString(m.resolve(ModelFiles.CONFIG));
        Files.writeString(m.resolve(ModelFiles.CONFIG), config.replace("\"k\" : 2", "\"k\" : 3"));
        var ex = assertThrows(IOException.class, () -> GaussianMixtureFiles.load(m));
        assertTrue(ex.getMessage().contains("model.safetensors"), ex.getMessage());
        Files.writeString(m.resolve(ModelFiles.CONFIG), config.replace("\"full\"", "\"fool\""));
        ex = assertThrows(IOException.class, () -> GaussianMixtureFiles.load(m));
        assertTrue(ex.getMessage().contains("config.json") && ex.getMessage().contains("fool"), ex.getMessage());
        assertThrows(IOException.class, () -> GaussianMixtureFiles.load(dir.resolve("missing")));
    }
}
