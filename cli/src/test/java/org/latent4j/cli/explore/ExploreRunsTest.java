package org.latent4j.cli.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.cli.Main;
import org.latent4j.data.Catalogue;
import org.latent4j.data.Dataset;
import org.latent4j.data.Fallback;
import org.latent4j.models.autoencoder.Autoencoder;
import org.latent4j.models.mixture.GaussianMixture;
import org.latent4j.models.mixture.GaussianMixtureConfig;
import org.latent4j.models.mixture.GaussianMixtureFiles;
import org.latent4j.random.RandomSource;
import org.latent4j.models.pca.Pca;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.report.mixture.RunData;
import org.latent4j.tensor.Tensor;

/** The explorer on each kind of run: a VAE drawn through a PCA, an autoencoder, a Gaussian mixture; and the command's errors. */
class ExploreRunsTest {
    @TempDir
    static Path dir;

    static Dataset testSplit() throws Exception {
        return Catalogue.standard().loadSplits(TinyRuns.DATA, Fallback.SUBSET).test();
    }

    @Test
    void aVaeWithThreeLatentDimensionsIsDrawnOnItsPrincipalPlaneAndClicksLiftBackOntoIt() throws Exception {
        Path run = TinyRuns.vae(dir, 3);
        Vae vae = VaeFiles.load(run.resolve("model")).vae();
        try (ExploreServer server = ExploreServer.start(RunLoader.load(run, null, "test", 200), "127.0.0.1", 0)) {
            ApiClient api = new ApiClient(server.address());
            JsonNode projection = api.get("/api/meta").json().path("projection");
            assertEquals("pca", projection.path("kind").asText());
            assertTrue(projection.path("x_label").asText().startsWith("principal axis 1 of z ("), projection.toString());
            // the points are the PCA projection of the encoder means
            float[] mu = vae.encode(Tensor.of(testSplit().first(200).x(), 200, 784)).mu().data();
            double[] wide = new double[mu.length];
            for (int i = 0; i < mu.length; i++) {
                wide[i] = mu[i];
            }
            double[] plane = Pca.fit(wide, 3, 2).transform(wide);
            JsonNode points = api.get("/api/points").json();
            for (int i : new int[] {0, 99, 199}) {
                assertEquals(Math.abs(plane[2 * i]), Math.abs(points.path("x").get(i).doubleValue()), 1e-4, "point " + i);
                assertEquals(Math.abs(plane[2 * i + 1]), Math.abs(points.path("y").get(i).doubleValue()), 1e-4, "point " + i);
            }
            // a point of the plane lifts to a z on the PCA plane through the data mean that projects back onto it
            JsonNode z = api.post("/api/lift", "{\"x\": 0.75, \"y\": -0.5}").json().path("z");
            assertEquals(3, z.size());
            double[] mean = new double[3];
            for (int j = 0; j < 3; j++) {
                mean[j] = projection.path("mean").get(j).asDouble();
            }
            for (int axis = 0; axis < 2; axis++) {
                double p = 0;
                for (int j = 0; j < 3; j++) {
                    p += (z.get(j).asDouble() - mean[j]) * projection.path("axes").get(axis).get(j).asDouble();
                }
                assertEquals(axis == 0 ? 0.75 : -0.5, p, 1e-5, "projected back, axis " + axis);
            }
            // the residual from the mean lies in the plane of the two axes: nothing along their normal
            double[] r = new double[3];
            double[] a = new double[3];
            double[] b = new double[3];
            for (int j = 0; j < 3; j++) {
                r[j] = z.get(j).asDouble() - mean[j];
                a[j] = projection.path("axes").get(0).get(j).asDouble();
                b[j] = projection.path("axes").get(1).get(j).asDouble();
            }
            double[] normal = {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
            assertEquals(0, r[0] * normal[0] + r[1] * normal[1] + r[2] * normal[2], 1e-5);
        }
    }

    @Test
    void aMixtureFittedToTheLatentCodesIsOfferedAsASampler() throws Exception {
        Path run = TinyRuns.vae(Files.createDirectories(dir.resolve("with-mixture")), 2);
        Vae vae = VaeFiles.load(run.resolve("model")).vae();
        float[] mu = vae.encode(Tensor.of(testSplit().first(300).x(), 300, 784)).mu().data();
        double[] codes = new double[mu.length];
        for (int i = 0; i < mu.length; i++) {
            codes[i] = mu[i];
        }
        GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(3).seed(1).build()).fit(codes, 2);
        GaussianMixtureFiles.save(run.resolve("latent-gmm"), g);
        try (ExploreServer server = ExploreServer.start(RunLoader.load(run, null, "test", 100), "127.0.0.1", 0)) {
            ApiClient api = new ApiClient(server.address());
            assertEquals("[\"prior\",\"mixture\"]", api.get("/api/meta").json().path("samplers").toString());
            ApiClient.Answer s = api.post("/api/sample", "{\"n\": 5, \"seed\": 4, \"sampler\": \"mixture\"}");
            assertEquals(200, s.status(), s.error());
            double[] expected = g.sample(5, new RandomSource(4)).x();
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals((float) expected[i * 2 + j], s.json().path("items").get(i).path("z").get(j).floatValue(), 0f);
                }
            }
            ApiClient.Answer prior = api.post("/api/sample", "{\"n\": 5, \"seed\": 4}");
            assertTrue(Math.abs(prior.json().path("items").get(0).path("z").get(0).floatValue() - (float) expected[0]) > 1e-6,
                    "the prior is the default and draws other codes");
        }
    }

    @Test
    void anAutoencoderHasCodesAndADecoderButNoPrior() throws Exception {
        Path run = TinyRuns.autoencoder(dir);
        Autoencoder ae = Autoencoder.load(run.resolve("model"));
        try (ExploreServer server = ExploreServer.start(RunLoader.load(run, null, "test", 100), "127.0.0.1", 0)) {
            ApiClient api = new ApiClient(server.address());
            JsonNode meta = api.get("/api/meta").json();
            assertEquals("autoencoder", meta.path("kind").asText());
            assertEquals("variance", meta.path("dimension_measure").asText());
            assertEquals(0, meta.path("samplers").size());
            assertEquals("Trouser", meta.path("data").path("label_names").get(1).asText());
            ApiClient.Answer sample = api.post("/api/sample", "{\"n\": 2}");
            assertEquals(400, sample.status());
            assertTrue(sample.error().contains("no prior"), sample.error());
            ApiClient.Answer decoded = api.post("/api/decode", "{\"z\": [[0.5, 0, -0.5]]}");
            assertEquals(200, decoded.status(), decoded.error());
            float[] x = ae.decode(Tensor.of(new float[] {0.5f, 0f, -0.5f}, 1, 3)).data();
            int[] expected = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                expected[i] = Images.grey(x[i]);
            }
            assertArrayEquals(expected, ApiClient.pixels(decoded.json().path("items").get(0).path("image").asText()));
        }
    }

    @Test
    void aGaussianMixtureShowsItsComponentsAndRefusesToDecode() throws Exception {
        Path run = TinyRuns.gmm(dir);
        GaussianMixtureFiles.Stored stored = GaussianMixtureFiles.load(run.resolve("model"));
        try (ExploreServer server = ExploreServer.start(RunLoader.load(run, null, "test", 1000), "127.0.0.1", 0)) {
            ApiClient api = new ApiClient(server.address());
            JsonNode meta = api.get("/api/meta").json();
            assertEquals("gmm", meta.path("kind").asText());
            assertEquals(3, meta.path("components").size());
            double w = 0;
            for (JsonNode c : meta.path("components")) {
                w += c.path("weight").asDouble();
                assertEquals(4, c.path("covariance").size());
                double det = c.path("covariance").get(0).asDouble() * c.path("covariance").get(3).asDouble()
                        - c.path("covariance").get(1).asDouble() * c.path("covariance").get(2).asDouble();
                assertTrue(det > 0, "a projected covariance is positive definite: " + c);
            }
            assertEquals(1, w, 1e-9);
            JsonNode points = api.get("/api/points").json();
            assertEquals(150, points.path("count").asInt());
            RunData iris = RunData.of(org.latent4j.data.DataSpec.parse("iris"));
            int[] predicted = stored.mixture().predict(stored.prepare(iris.x()));
            for (int i = 0; i < 150; i++) {
                assertEquals(predicted[i], points.path("component").get(i).asInt(), "row " + i);
            }
            ApiClient.Answer decode = api.post("/api/decode", "{\"z\": [[0, 0]]}");
            assertEquals(400, decode.status());
            assertTrue(decode.error().contains("no decoder"), decode.error());
        }
    }

    record Run(int code, String err) {}

    static synchronized Run cli(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void theCommandRefusesBadOptionsAndFoldersWithoutAModel() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run r = cli("explore", empty.toString(), "--port", "0");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("no model here"), r.err());
        r = cli("explore", dir.resolve("missing").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("no such run folder"), r.err());
        r = cli("explore", empty.toString(), "--points", "0");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--points"), r.err());
        r = cli("explore", empty.toString(), "--port", "70000");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--port must be from 0 to 65535"), r.err());
        r = cli("explore", empty.toString(), "--split", "validation");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--split must be train or test"), r.err());
    }
}
