package org.latent4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Downloads a file over HTTP(S) into a folder, verifying its MD5 checksum. The bytes go to a hidden
 * temporary file next to the target, which is renamed to the target only once the checksum matches;
 * after any failure nothing is left behind, so a cache never holds a partial or wrong file.
 */
public final class Downloader {
    private final HttpClient client;
    private final Duration timeout;

    public Downloader(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout)
                .build();
    }

    /** Raised when the server answers but the file is not there or not the expected one. */
    public static final class DownloadException extends IOException {
        private static final long serialVersionUID = 1L;

        public DownloadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Downloads url to target and checks that its MD5 is md5Hex (lower-case hex).
     *
     * @throws DownloadException on an HTTP error status, a checksum mismatch or a network failure
     */
    public void download(URI url, Path target, String md5Hex) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16));
        boolean done = false;
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (ConnectException | UnknownHostException | HttpTimeoutException e) {
                throw new DownloadException("cannot reach " + url + " (" + e + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException("interrupted while downloading " + url, e);
            }
            String actual;
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new DownloadException("HTTP " + response.statusCode() + " from " + url, null);
                }
                actual = copyWithMd5(body, tmp);
            } catch (DownloadException e) {
                throw e;
            } catch (IOException e) {
                throw new DownloadException("download of " + url + " broke off (" + e + ")", e);
            }
            if (!actual.equalsIgnoreCase(md5Hex)) {
                throw new DownloadException("checksum mismatch for " + url + ": MD5 " + actual + ", expected " + md5Hex
                        + " (the file was discarded; a damaged download or a changed file on the server)", null);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static String copyWithMd5(InputStream in, Path tmp) throws IOException {
        MessageDigest md5 = md5();
        byte[] buf = new byte[1 << 16];
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md5.update(buf, 0, n);
                out.write(buf, 0, n);
            }
            ch.force(true);
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** The MD5 of a file, lower-case hex. */
    public static String md5(Path file) throws IOException {
        MessageDigest md5 = md5();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md5.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }
}
