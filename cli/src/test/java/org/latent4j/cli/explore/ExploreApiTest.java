package org.latent4j.cli.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.data.Catalogue;
import org.latent4j.data.Dataset;
import org.latent4j.io.Json;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeFiles;
import org.latent4j.random.RandomSource;
import org.latent4j.tensor.Tensor;

/** The explorer's JSON API on a tiny VAE: right answers, and clear refusals of malformed and hostile requests. */
class ExploreApiTest {
    @TempDir
    static Path dir;
    static Vae vae;
    static Dataset test;
    static ExploreServer server;
    static ApiClient api;

    @BeforeAll
    static void start() throws IOException {
        Path run = TinyRuns.vae(dir, 2);
        vae = VaeFiles.load(run.resolve("model")).vae();
        test = Catalogue.standard().loadSplits(TinyRuns.DATA, org.latent4j.data.Fallback.SUBSET).test();
        server = ExploreServer.start(RunLoader.load(run, null, "test", 300), "127.0.0.1", 0);
        api = new ApiClient(server.address());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The grey levels latent4j's own decoder gives for z, computed here without the server. */
    static int[] expectedGrey(float[] z) {
        float[] x = vae.decode(Tensor.of(z, 1, z.length)).data();
        int[] g = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = Images.grey(x[i]);
        }
        return g;
    }

    static String zJson(float... z) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < z.length; i++) {
            sb.append(i == 0 ? "" : ",").append(z[i]);
        }
        return sb.append(']').toString();
    }

    @Test
    void metaAndPointsDescribeTheRun() throws Exception {
        ApiClient.Answer meta = api.get("/api/meta");
        assertEquals(200, meta.status());
        assertEquals("vae", meta.json().path("kind").asText());
        assertEquals(2, meta.json().path("latent_dim").asInt());
        assertEquals("identity", meta.json().path("projection").path("kind").asText());
        assertEquals(28, meta.json().path("image").path("width").asInt());
        JsonNode dims = meta.json().path("dimensions");
        assertEquals(2, dims.size());
        assertTrue(dims.get(0).path("kl").asDouble() >= dims.get(1).path("kl").asDouble(), "ordered by KL: " + dims);
        assertEquals(300, meta.json().path("data").path("rows").asInt());
        assertTrue(meta.json().path("run").path("summary").isObject(), "the run's summary.json is shown");

        ApiClient.Answer points = api.get("/api/points");
        assertEquals(300, points.json().path("count").asInt());
        assertEquals(300, points.json().path("x").size());
        assertEquals(300, points.json().path("label").size());
        // the points are the encoder means of the first 300 test rows (2-D latent: drawn as they are)
        float[] mu = vae.encode(Tensor.of(test.first(300).x(), 300, 784)).mu().data();
        for (int i : new int[] {0, 17, 299}) {
            assertEquals(mu[2 * i], points.json().path("x").get(i).floatValue(), 0f);
            assertEquals(mu[2 * i + 1], points.json().path("y").get(i).floatValue(), 0f);
            assertEquals(test.labels()[i], points.json().path("label").get(i).asInt());
        }
    }

    @Test
    void decodeAnswersWhatTheModelDecodes() throws Exception {
        ApiClient.Answer r = api.post("/api/decode", "{\"z\": [[0.5, -1.25], [2, 0]]}");
        assertEquals(200, r.status(), r.error());
        assertEquals(2, r.json().path("items").size());
        assertArrayEquals(expectedGrey(new float[] {0.5f, -1.25f}), ApiClient.pixels(r.json().path("items").get(0).path("image").asText()));
        assertArrayEquals(expectedGrey(new float[] {2f, 0f}), ApiClient.pixels(r.json().path("items").get(1).path("image").asText()));
        assertFalse(java.util.Arrays.equals(expectedGrey(new float[] {0.5f, -1.25f}), expectedGrey(new float[] {2f, 0f})),
                "two far codes decode to different images");
    }

    @Test
    void encodeGivesMeanOriginalAndReconstruction() throws Exception {
        ApiClient.Answer r = api.post("/api/encode", "{\"indices\": [5]}");
        assertEquals(200, r.status(), r.error());
        JsonNode item = r.json().path("items").get(0);
        float[] mu = vae.encode(Tensor.of(test.row(5), 1, 784)).mu().data();
        assertEquals(mu[0], item.path("z").get(0).floatValue(), 0f);
        int[] original = ApiClient.pixels(item.path("original").asText());
        float[] row = test.row(5);
        for (int i = 0; i < row.length; i++) {
            assertEquals(Images.grey(row[i]), original[i], "pixel " + i);
        }
        assertArrayEquals(expectedGrey(mu), ApiClient.pixels(item.path("reconstruction").asText()));
    }

    @Test
    void traverseInterpolateAndSample() throws Exception {
        ApiClient.Answer t = api.post("/api/traverse", "{\"z\": [0.1, 0.2], \"dim\": 1, \"steps\": 5, \"span\": 2}");
        assertEquals(200, t.status(), t.error());
        JsonNode items = t.json().path("items");
        assertEquals(5, items.size());
        for (int s = 0; s < 5; s++) {
            assertEquals(0.1f, items.get(s).path("z").get(0).floatValue(), 0f, "the other dimension stays");
            assertEquals(0.2f - 2 + s, items.get(s).path("z").get(1).floatValue(), 1e-6f);
        }

        ApiClient.Answer i = api.post("/api/interpolate", "{\"from\": [-1, 0], \"to\": [1, 2], \"steps\": 3}");
        assertEquals(200, i.status(), i.error());
        assertEquals(3, i.json().path("items").size());
        assertEquals(0f, i.json().path("items").get(1).path("z").get(0).floatValue(), 0f);
        assertArrayEquals(expectedGrey(new float[] {1f, 2f}), ApiClient.pixels(i.json().path("items").get(2).path("image").asText()));

        ApiClient.Answer s1 = api.post("/api/sample", "{\"n\": 4, \"seed\": 9}");
        ApiClient.Answer s2 = api.post("/api/sample", "{\"n\": 4, \"seed\": 9, \"sampler\": \"prior\"}");
        assertEquals(200, s1.status(), s1.error());
        assertEquals(s1.json(), s2.json(), "same seed, same samples");
        float[] z = Tensor.randn(new RandomSource(9), 4, 2).data();
        assertEquals(z[6], s1.json().path("items").get(3).path("z").get(0).floatValue(), 0f, "z ~ N(0, I) from the seed");
    }

    /** Each hostile or malformed request, and a word its 4xx message must contain. */
    @Test
    void malformedAndHostileRequestsGetAClear4xx() throws Exception {
        String[][] cases = {
                {"/api/decode", "{\"z\": [[0, 0]", "not valid JSON"},
                {"/api/decode", "[1, 2]", "JSON object"},
                {"/api/decode", "{\"z\": [[0, 0]]} {\"z\": [[1, 1]]}", "not valid JSON"},
                {"/api/decode", "{\"z\": [[0, 0]], \"z\": [[1, 1]]}", "not valid JSON"},
                {"/api/decode", "", "JSON object"},
                {"/api/decode", "{\"z\": [[0, 0, 0]]}", "array of 2 numbers"},
                {"/api/decode", "{\"z\": [[0]]}", "array of 2 numbers"},
                {"/api/decode", "{\"z\": [[NaN, 0]]}", "not valid JSON"},
                {"/api/decode", "{\"z\": [[null, 0]]}", "z[0][0] must be a finite number"},
                {"/api/decode", "{\"z\": [[\"1\", 0]]}", "z[0][0] must be a finite number"},
                {"/api/decode", "{\"z\": [[1e999, 0]]}", "finite number"},
                {"/api/decode", "{\"z\": [[5000, 0]]}", "from -1000.0 to 1000.0"},
                {"/api/decode", "{\"z\": []}", "non-empty"},
                {"/api/decode", "{\"z\": [[0, 0]], \"path\": \"../../etc/passwd\"}", "unknown field 'path'"},
                {"/api/decode", "{}", "'z' is missing"},
                {"/api/sample", "{\"n\": 1000000}", "n must be an integer from 1 to 64"},
                {"/api/sample", "{\"n\": 2.5}", "n must be an integer"},
                {"/api/sample", "{\"sampler\": \"mixture\"}", "sampler must be one of"},
                {"/api/traverse", "{\"z\": [0, 0], \"dim\": 2}", "dim must be an integer from 0 to 1"},
                {"/api/traverse", "{\"z\": [0, 0], \"dim\": 0, \"steps\": 100000}", "steps must be an integer from 2 to 32"},
                {"/api/interpolate", "{\"from\": [0, 0], \"to\": [0, NaN]}", "not valid JSON"},
                {"/api/encode", "{\"indices\": [300]}", "row index from 0 to 299"},
                {"/api/encode", "{\"indices\": [-1]}", "row index"},
                {"/api/encode", "{\"x\": [[0.5]]}", "array of 784 numbers"},
                {"/api/encode", "{\"indices\": [1], \"x\": [[0.5]]}", "either 'indices'"},
                {"/api/lift", "{\"x\": 1}", "both 'x' and 'y'"},
        };
        for (String[] c : cases) {
            ApiClient.Answer r = api.post(c[0], c[1]);
            assertEquals(400, r.status(), c[0] + " " + c[1] + " → " + r.json());
            assertTrue(r.error().contains(c[2]), c[0] + " " + c[1] + ": the message '" + r.error() + "' should say " + c[2]);
        }
        StringBuilder many = new StringBuilder("{\"z\": [");
        for (int i = 0; i < 65; i++) {
            many.append(i == 0 ? "" : ",").append("[0,0]");
        }
        ApiClient.Answer tooMany = api.post("/api/decode", many.append("]}").toString());
        assertEquals(400, tooMany.status());
        assertTrue(tooMany.error().contains("65 rows; at most 64"), tooMany.error());

        ApiClient.Answer huge = api.post("/api/decode", "{\"z\": [[0, 0]], \"pad\": \"" + "x".repeat(ExploreServer.MAX_BODY) + "\"}");
        assertEquals(413, huge.status(), huge.error());

        assertEquals(404, api.post("/api/rm-rf", "{}").status());
        assertEquals(405, api.get("/api/decode").status());
        assertEquals(405, api.post("/api/meta", "{}").status());
        assertEquals(404, api.get("/model/model.safetensors").status(), "no file is served by its path");
    }

    @Test
    void pathsWithDotsAndForeignHostsAreRefused() throws Exception {
        int port = api.base.getPort();
        for (String path : new String[] {"/../model/config.json", "/%2e%2e/%2e%2e/etc/passwd", "/api/..%2f..%2fetc/passwd",
                "/explore.js/../../../../etc/passwd"}) {
            String answer = api.raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), path + " → " + answer.lines().findFirst().orElse(""));
            assertTrue(answer.contains("paths with '..'"), answer);
            assertFalse(answer.contains("root:"), "nothing of /etc/passwd");
        }
        // a backslash is not even a URI: the JDK's server refuses it before latent4j sees it
        String backslash = api.raw("GET /..\\..\\etc\\passwd HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
        assertTrue(backslash.startsWith("HTTP/1.1 400") && !backslash.contains("root:"), backslash);
        String rebinding = api.raw("GET /api/meta HTTP/1.1\r\nHost: evil.example:" + port + "\r\nConnection: close\r\n\r\n");
        assertTrue(rebinding.startsWith("HTTP/1.1 403"), rebinding);
        assertTrue(rebinding.contains("Host header"), rebinding);
        String page = api.raw("GET / HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n");
        assertTrue(page.startsWith("HTTP/1.1 200") && page.contains("<canvas id=\"plane\""), page);
        assertTrue(page.toLowerCase(Locale.ROOT).contains("content-security-policy: default-src 'self'"), "only latent4j's own files");
        assertFalse(page.contains("http://") || page.contains("https://"), "the page loads nothing from elsewhere");
    }

    /** 200 decodes at once: every answer is the decode of its own z (no mix-up, no failure), and the server stays up. */
    @Test
    void twoHundredConcurrentDecodesAreEachAnsweredCorrectly() throws Exception {
        int n = 200;
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        float[][] zs = new float[n][];
        for (int i = 0; i < n; i++) {
            zs[i] = new float[] {-3 + 6f * i / n, (float) Math.sin(i)};
            HttpRequest r = HttpRequest.newBuilder(api.base.resolve("/api/decode")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"z\": [" + zJson(zs[i]) + "]}")).build();
            pending.add(api.http.sendAsync(r, HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < n; i++) {
            HttpResponse<String> resp = pending.get(i).get();
            assertEquals(200, resp.statusCode(), resp.body());
            JsonNode item = Json.mapper().readTree(resp.body()).path("items").get(0);
            assertEquals(zs[i][0], item.path("z").get(0).floatValue(), 0f, "answer " + i + " is about its own z");
            assertArrayEquals(expectedGrey(zs[i]), ApiClient.pixels(item.path("image").asText()), "answer " + i);
        }
        assertEquals(200, api.get("/api/meta").status(), "still up");
    }
}
