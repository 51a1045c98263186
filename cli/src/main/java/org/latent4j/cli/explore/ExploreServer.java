package org.latent4j.cli.explore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.latent4j.io.Json;

/**
 * The explorer's HTTP server: the JDK's own {@code com.sun.net.httpserver} (no dependency; the page needs a
 * handful of routes and nothing a framework would add), serving the page's three files from the jar's resources
 * and the JSON API of an {@link ExploredRun}.
 *
 * <p>What it refuses: a path outside the fixed list (no file is ever looked up by a request's path, so {@code ..}
 * reaches nothing and is refused outright), a body over {@value #MAX_BODY} bytes (413), a wrong method (405), and,
 * when bound to loopback, a {@code Host} header naming another host (403: a web page elsewhere cannot reach the
 * server through DNS rebinding). Requests run on a fixed pool of {@value #WORKERS} threads behind a queue of
 * {@value #QUEUE} requests; beyond that the accepting thread runs the request itself, which slows new connections
 * down instead of dropping them or growing without bound.
 */
final class ExploreServer implements AutoCloseable {
    /** Largest request body, in bytes: 64 codes of a 1,000-dimensional latent space fit many times over. */
    static final int MAX_BODY = 1 << 20;
    static final int WORKERS = 4;
    static final int QUEUE = 1024;
    private static final Logger LOG = Logger.getLogger(ExploreServer.class.getName());
    private static final String RESOURCES = "/org/latent4j/cli/explore/";
    /** Every file the server can send: a name in the URL, a resource in the jar and its type. */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/explore.js", new String[] {"explore.js", "text/javascript; charset=utf-8"},
            "/explore.css", new String[] {"explore.css", "text/css; charset=utf-8"});

    private final ExploredRun run;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final boolean loopback;

    private ExploreServer(ExploredRun run, HttpServer server, ThreadPoolExecutor executor, boolean loopback) {
        this.run = run;
        this.server = server;
        this.executor = executor;
        this.loopback = loopback;
    }

    /** Binds {@code host:port} (port 0: any free one) and starts serving. */
    static ExploreServer start(ExploredRun run, String host, int port) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 256);
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "latent4j-explore-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        ExploreServer s = new ExploreServer(run, server, executor, address.isLoopbackAddress());
        server.createContext("/", s::handle);
        server.setExecutor(executor);
        server.start();
        return s;
    }

    /** The address to open, e.g. {@code http://127.0.0.1:8765/}. */
    URI address() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                route(ex);
            } catch (ApiException e) {
                error(ex, e.status(), e.getMessage());
            } catch (RuntimeException | OutOfMemoryError e) {
                LOG.log(Level.WARNING, "explore: " + ex.getRequestMethod() + " " + ex.getRequestURI() + " failed", e);
                error(ex, 500, "the server failed on this request: " + e);
            }
        } catch (IOException e) {
            // the client went away mid-answer: nothing to tell it
            LOG.log(Level.FINE, "explore: connection closed", e);
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String raw = ex.getRequestURI().getRawPath();
        String path = ex.getRequestURI().getPath();
        if (raw == null || path == null || raw.contains("..") || path.contains("..") || path.contains("\\")
                || raw.toLowerCase(Locale.ROOT).contains("%2e") || raw.contains("%00")) {
            throw ApiException.badRequest("paths with '..' (or encoded dots, backslashes, NUL) are refused: the explorer"
                    + " serves its page and its API, no files");
        }
        checkHost(ex);
        String method = ex.getRequestMethod();
        if (FILES.containsKey(path)) {
            requireMethod(method, "GET");
            String[] f = FILES.get(path);
            byte[] body;
            try (InputStream in = ExploreServer.class.getResourceAsStream(RESOURCES + f[0])) {
                if (in == null) {
                    throw new IllegalStateException("the page's resource " + f[0] + " is missing from latent4j's jar");
                }
                body = in.readAllBytes();
            }
            send(ex, 200, f[1], body);
            return;
        }
        if (path.equals("/api/meta") || path.equals("/api/points")) {
            requireMethod(method, "GET");
            sendJson(ex, 200, path.equals("/api/meta") ? run.meta() : run.points());
            return;
        }
        if (path.startsWith("/api/") && path.indexOf('/', 5) < 0 && path.length() > 5) {
            requireMethod(method, "POST");
            sendJson(ex, 200, run.call(path.substring(5), readBody(ex)));
            return;
        }
        throw new ApiException(404, "nothing at " + shorten(path) + ": the explorer serves /, /explore.js, /explore.css"
                + " and /api/...");
    }

    private void checkHost(HttpExchange ex) {
        if (!loopback) {
            return;
        }
        String host = ex.getRequestHeaders().getFirst("Host");
        String name = host == null ? "" : host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
        if (!name.equals("127.0.0.1") && !name.equals("localhost") && !name.equals("[::1]")) {
            throw new ApiException(403, "the Host header must name this machine (127.0.0.1, localhost or [::1]), got '"
                    + shorten(String.valueOf(host)) + "'");
        }
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new ApiException(405, "use " + expected + " here, not " + shorten(method));
        }
    }

    private static byte[] readBody(HttpExchange ex) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Content-Length is not a number: " + shorten(length));
            }
            if (n > MAX_BODY) {
                throw new ApiException(413, "the body has " + n + " bytes; at most " + MAX_BODY + " are read");
            }
        }
        InputStream in = ex.getRequestBody();
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new ApiException(413, "the body is longer than " + MAX_BODY + " bytes");
        }
        return body;
    }

    private static void sendJson(HttpExchange ex, int status, ObjectNode body) throws IOException {
        send(ex, status, "application/json; charset=utf-8", Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        ObjectNode o = Json.mapper().createObjectNode().put("error", message).put("status", status);
        // the body of a refused request is left unread: the connection closes after the answer
        ex.getResponseHeaders().set("Connection", "close");
        sendJson(ex, status, o);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        // Everything the page uses comes from here: no script, style, font or image from anywhere else.
        h.set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                + " connect-src 'self'; frame-ancestors 'none'");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
