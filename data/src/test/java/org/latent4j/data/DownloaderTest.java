package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
    @TempDir Path cache;
    private LocalHttpServer server;
    private final Downloader downloader = new Downloader(Duration.ofSeconds(10));

    @BeforeEach
    void start() throws IOException {
        server = new LocalHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    @Test
    void downloadsAndVerifies() throws Exception {
        byte[] body = TinyIdx.images(3, 1);
        server.files.put("a.gz", body);
        Path target = cache.resolve("sub/a.gz");
        downloader.download(URI.create(server.baseUrl() + "a.gz"), target, md5(body));
        assertArrayEquals(body, Files.readAllBytes(target));
        assertEquals(md5(body), Downloader.md5(target));
        assertEquals(List.of(target), list(target.getParent()));
    }

    @Test
    void checksumMismatchKeepsNothing() throws Exception {
        server.files.put("a.gz", TinyIdx.images(3, 1));
        Path target = cache.resolve("a.gz");
        String url = server.baseUrl() + "a.gz";
        var e = assertThrows(Downloader.DownloadException.class,
                () -> downloader.download(URI.create(url), target, "00000000000000000000000000000000"));
        assertTrue(e.getMessage().contains("checksum mismatch for " + url) && e.getMessage().contains("expected 0000"), e.getMessage());
        assertEquals(List.of(), list(cache));
    }

    @Test
    void notFoundKeepsNothing() throws Exception {
        Path target = cache.resolve("a.gz");
        String url = server.baseUrl() + "missing.gz";
        var e = assertThrows(Downloader.DownloadException.class, () -> downloader.download(URI.create(url), target, "x"));
        assertEquals("HTTP 404 from " + url, e.getMessage());
        assertEquals(List.of(), list(cache));
    }

    @Test
    void unreachableServer() throws Exception {
        String url = server.baseUrl() + "a.gz";
        server.close(); // nothing listens on the port any more
        var e = assertThrows(Downloader.DownloadException.class,
                () -> downloader.download(URI.create(url), cache.resolve("a.gz"), "x"));
        assertTrue(e.getMessage().startsWith("cannot reach " + url), e.getMessage());
        assertEquals(List.of(), list(cache));
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
