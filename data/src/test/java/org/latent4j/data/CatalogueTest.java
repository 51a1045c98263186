package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.AtomicFiles;

class CatalogueTest {
    @TempDir Path tmp;

    private Catalogue catalogue(Path userDir, Path systemDir, Remote remote) {
        Catalogue.Config.Builder b = Catalogue.Config.builder(tmp.resolve("cache"))
                .userDir(userDir)
                .systemDirs(e -> e.name().equals("fashion-mnist") && systemDir != null ? List.of(systemDir) : List.of())
                .timeout(Duration.ofSeconds(10));
        if (remote != null) {
            b.download(true).remote("fashion-mnist", remote);
        }
        return new Catalogue(b.build());
    }

    private static int marker(Dataset d) {
        return d.labels()[0];
    }

    private static Remote servedSet(LocalHttpServer server, int marker) throws Exception {
        Map<String, String> md5 = new HashMap<>();
        for (Split s : Split.values()) {
            int n = s == Split.TRAIN ? 3 : 2;
            byte[] img = TinyIdx.images(n, marker);
            byte[] lab = TinyIdx.labels(n, marker);
            server.files.put(CatalogueEntry.imagesFile(s), img);
            server.files.put(CatalogueEntry.labelsFile(s), lab);
            md5.put(CatalogueEntry.imagesFile(s), DownloaderTest.md5(img));
            md5.put(CatalogueEntry.labelsFile(s), DownloaderTest.md5(lab));
        }
        return new Remote(server.baseUrl(), md5);
    }

    @Test
    void looksInUserFolderThenCacheThenSystemThenDownloads() throws Exception {
        Path user = tmp.resolve("user");
        Path system = tmp.resolve("usr-share");
        Path cache = tmp.resolve("cache/fashion-mnist");
        TinyIdx.writeSet(user.resolve("fashion-mnist"), 1);
        TinyIdx.writeSet(cache, 2);
        TinyIdx.writeSet(system, 3);
        try (LocalHttpServer server = new LocalHttpServer()) {
            Catalogue c = catalogue(user, system, servedSet(server, 4));
            Dataset d = c.load("fashion-mnist", Split.TRAIN);
            assertEquals(1, marker(d));
            assertEquals("fashion-mnist/train", d.name());
            assertTrue(d.source().startsWith("data folder " + user.resolve("fashion-mnist")), d.source());
            assertEquals(3, d.rows());
            assertEquals(2, c.load("fashion-mnist", Split.TEST).rows());

            AtomicFiles.deleteTree(user.resolve("fashion-mnist"));
            TinyIdx.writeSet(user, 5); // files directly in DIR/ count too
            assertEquals(5, marker(c.load("fashion-mnist", Split.TRAIN)));

            AtomicFiles.deleteTree(user);
            d = c.load("fashion-mnist", Split.TRAIN);
            assertEquals(2, marker(d));
            assertTrue(d.source().startsWith("cache " + cache), d.source());

            AtomicFiles.deleteTree(cache);
            d = c.load("fashion-mnist", Split.TRAIN);
            assertEquals(3, marker(d));
            assertTrue(d.source().contains("system package dataset-fashion-mnist"), d.source());
            assertEquals(0, server.requests.get());

            AtomicFiles.deleteTree(system);
            d = c.load("fashion-mnist", Split.TRAIN);
            assertEquals(4, marker(d));
            assertTrue(d.source().startsWith("downloaded from " + server.baseUrl()), d.source());
            assertEquals(2, server.requests.get());
            assertEquals(List.of(cache.resolve("train-images-idx3-ubyte.gz"), cache.resolve("train-labels-idx1-ubyte.gz")),
                    DownloaderTest.list(cache));
        }
        // the server is gone: the cached download is used
        Catalogue offline = catalogue(null, null, null);
        assertEquals(4, marker(offline.load("fashion-mnist", Split.TRAIN)));
    }

    @Test
    void acceptsUncompressedFiles() throws Exception {
        Path user = tmp.resolve("user/mnist");
        Files.createDirectories(user);
        byte[] px = new byte[784];
        IdxWriter.writeImages(user.resolve("train-images-idx3-ubyte"), 1, 28, 28, px, false);
        IdxWriter.writeLabels(user.resolve("train-labels-idx1-ubyte"), new byte[] {9}, false);
        Dataset d = catalogue(tmp.resolve("user"), null, null).load("mnist", Split.TRAIN);
        assertEquals(9, marker(d));
        assertEquals("mnist/train", d.name());
    }

    @Test
    void failedDownloadLeavesTheCacheCleanAndExplainsHowToProvideTheFiles() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer()) {
            Remote good = servedSet(server, 4);
            Map<String, String> wrong = new HashMap<>(good.md5());
            wrong.put("train-labels-idx1-ubyte.gz", "0123456789abcdef0123456789abcdef");
            Catalogue c = catalogue(null, null, new Remote(server.baseUrl(), wrong));
            var e = assertThrows(DataNotFoundException.class, () -> c.load("fashion-mnist", Split.TRAIN));
            String m = e.getMessage();
            assertTrue(m.contains("checksum mismatch") && m.contains(server.baseUrl() + "train-labels-idx1-ubyte.gz")
                    && m.contains("put them in " + tmp.resolve("cache/fashion-mnist")) && m.contains("LATENT4J_DATA")
                    && m.contains("dataset-fashion-mnist"), m);
            // the images file verified and was kept; the bad labels file left nothing behind
            assertEquals(List.of(tmp.resolve("cache/fashion-mnist/train-images-idx3-ubyte.gz")),
                    DownloaderTest.list(tmp.resolve("cache/fashion-mnist")));

            server.files.clear();
            Catalogue c404 = catalogue(null, null, good);
            var e404 = assertThrows(DataNotFoundException.class, () -> c404.load("fashion-mnist", Split.TEST));
            assertTrue(e404.getMessage().contains("HTTP 404"), e404.getMessage());
            assertEquals(1, DownloaderTest.list(tmp.resolve("cache/fashion-mnist")).size());
        }
    }

    @Test
    void offlineWithoutFallbackFailsAndWithFallbackUsesTheShippedSubset() throws IOException {
        Catalogue c = catalogue(null, null, null);
        var e = assertThrows(DataNotFoundException.class, () -> c.load("fashion-mnist", Split.TRAIN));
        assertTrue(e.getMessage().contains("downloads are switched off")
                && e.getMessage().contains("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz"),
                e.getMessage());
        Dataset d = c.load("fashion-mnist", Split.TRAIN, Fallback.SUBSET);
        assertEquals(5000, d.rows());
        assertEquals("fashion-mnist-small/train", d.name());
        assertTrue(d.source().contains("fallback: fashion-mnist not found"), d.source());
        Splits s = c.loadSplits("fashion-mnist", Fallback.SUBSET);
        assertEquals(1000, s.test().rows());
        assertThrows(DataNotFoundException.class, () -> c.load("mnist", Split.TRAIN, Fallback.SUBSET)); // mnist has no subset
    }

    @Test
    void damagedFilesAreAnErrorNotAReasonToFallBack() throws IOException {
        Path user = TinyIdx.writeSet(tmp.resolve("user/fashion-mnist"), 1);
        Path labels = user.resolve("train-labels-idx1-ubyte.gz");
        byte[] b = Files.readAllBytes(labels);
        Files.write(labels, java.util.Arrays.copyOf(b, b.length - 12));
        Catalogue c = catalogue(tmp.resolve("user"), null, null);
        var e = assertThrows(BadDataException.class, () -> c.load("fashion-mnist", Split.TRAIN, Fallback.SUBSET));
        assertTrue(e.getMessage().startsWith(labels.toString()), e.getMessage());
    }

    @Test
    void wrongImageSizeUnderAKnownName() throws IOException {
        Path user = tmp.resolve("user/mnist");
        IdxWriter.writeImages(user.resolve("train-images-idx3-ubyte.gz"), 1, 2, 2, new byte[4], true);
        IdxWriter.writeLabels(user.resolve("train-labels-idx1-ubyte.gz"), new byte[1], true);
        var e = assertThrows(BadDataException.class, () -> catalogue(tmp.resolve("user"), null, null).load("mnist", Split.TRAIN));
        assertTrue(e.getMessage().contains("28x28") && e.getMessage().contains("2x2"), e.getMessage());
    }

    @Test
    void unknownName() {
        var e = assertThrows(IllegalArgumentException.class, () -> catalogue(null, null, null).load("cifar", Split.TRAIN));
        assertTrue(e.getMessage().contains("fashion-mnist, mnist, fashion-mnist-small"), e.getMessage());
    }

    @Test
    void configFromEnvironment() {
        Properties p = new Properties();
        p.setProperty("user.home", "/home/u");
        Catalogue.Config plain = Catalogue.Config.fromEnvironment(Map.of(), p);
        assertEquals(Path.of("/home/u/.cache/latent4j"), plain.cacheRoot());
        assertNull(plain.userDir());
        assertTrue(plain.download());
        assertTrue(plain.remotes().isEmpty());

        Catalogue.Config env = Catalogue.Config.fromEnvironment(
                Map.of("XDG_CACHE_HOME", "/xdg", "LATENT4J_DATA", "/env-data", "LATENT4J_OFFLINE", "1"), p);
        assertEquals(Path.of("/xdg/latent4j"), env.cacheRoot());
        assertEquals(Path.of("/env-data"), env.userDir());
        assertFalse(env.download());

        Catalogue.Config relativeXdg = Catalogue.Config.fromEnvironment(Map.of("XDG_CACHE_HOME", "rel"), p);
        assertEquals(Path.of("/home/u/.cache/latent4j"), relativeXdg.cacheRoot()); // the XDG spec ignores relative paths

        p.setProperty("latent4j.data", "/prop-data"); // the property wins over the environment
        p.setProperty("latent4j.download", "false");
        p.setProperty("latent4j.data.url.mnist", "http://mirror.example/mnist");
        Catalogue.Config props = Catalogue.Config.fromEnvironment(Map.of("LATENT4J_DATA", "/env-data"), p);
        assertEquals(Path.of("/prop-data"), props.userDir());
        assertFalse(props.download());
        assertEquals("http://mirror.example/mnist/", props.remotes().get("mnist").baseUrl());
        assertEquals(CatalogueEntry.MNIST_REMOTE.md5(), props.remotes().get("mnist").md5());
    }

    @Test
    void searchPathListsThePlacesInOrder() {
        Path user = tmp.resolve("user");
        Catalogue c = catalogue(user, tmp.resolve("sys"), null);
        assertEquals(List.of(user.resolve("fashion-mnist"), user, tmp.resolve("cache/fashion-mnist"), tmp.resolve("sys")),
                List.copyOf(c.searchPath("fashion-mnist").keySet()));
    }
}
