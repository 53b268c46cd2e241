package io.gewebot.host.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gewebot.host.callback.CallbackDecoder;
import io.gewebot.host.callback.CallbackEvent;
import io.gewebot.host.callback.MalformedCallbackException;
import io.gewebot.host.json.HostJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint GeWe posts callbacks to, and {@code GET /health}.
 *
 * <p>A callback is read (up to the size limit), decoded and queued, then answered at once: 200 when
 * queued, 400 with a short reason when it cannot be read, 413 when too large, 503 when the queue is
 * full (GeWe pushes again later). The work it triggers runs after the answer.
 *
 * <p>With a callback secret the endpoint is {@code /gewe/callback/<secret>}, compared in constant time;
 * any other path answers 404.
 */
public final class CallbackServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackServer.class);
    private static final String CALLBACK_PATH = "/gewe/callback";
    /** The answer to every accepted callback, written once: most answers are this one. */
    private static final byte[] ACCEPTED = HostJson.bytes(Map.of("ok", true));

    /**
     * What the server answers and where it hands callbacks.
     *
     * @param bind the address to listen on, such as {@code 0.0.0.0} (every interface) or {@code 127.0.0.1}
     * @param port the port; 0 picks a free one
     * @param callbackSecret empty for none
     * @param maxBodyBytes the largest body read
     * @param decoder decodes callbacks
     * @param sink takes a decoded callback; throws {@link RejectedExecutionException} when full
     * @param health builds the {@code /health} document
     */
    public record Settings(String bind, int port, String callbackSecret, int maxBodyBytes, CallbackDecoder decoder,
            Consumer<CallbackEvent> sink, Supplier<Map<String, Object>> health) {

        /**
         * Settings that listen on every interface.
         *
         * @param port the port; 0 picks a free one
         * @param callbackSecret empty for none
         * @param maxBodyBytes the largest body read
         * @param decoder decodes callbacks
         * @param sink takes a decoded callback
         * @param health builds the {@code /health} document
         */
        public Settings(int port, String callbackSecret, int maxBodyBytes, CallbackDecoder decoder,
                Consumer<CallbackEvent> sink, Supplier<Map<String, Object>> health) {
            this("0.0.0.0", port, callbackSecret, maxBodyBytes, decoder, sink, health);
        }
    }

    private final Settings settings;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final byte[] secret;
    private final AtomicInteger rejectedFull = new AtomicInteger();

    private CallbackServer(Settings settings, HttpServer server, ExecutorService handlers) {
        this.settings = settings;
        this.server = server;
        this.handlers = handlers;
        this.secret = settings.callbackSecret().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Starts listening on the settings' address.
     *
     * @param settings what to answer
     * @return the running server
     * @throws IOException when the port cannot be bound, or the address is not one of this machine
     */
    public static CallbackServer start(Settings settings) throws IOException {
        Objects.requireNonNull(settings, "settings");
        InetSocketAddress address = new InetSocketAddress(settings.bind(), settings.port());
        if (address.isUnresolved()) {
            throw new java.net.UnknownHostException("unknown address " + settings.bind());
        }
        HttpServer server = HttpServer.create(address, 256);
        AtomicInteger n = new AtomicInteger();
        ExecutorService handlers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(handlers);
        CallbackServer cs = new CallbackServer(settings, server, handlers);
        server.createContext("/", cs::handle);
        server.start();
        return cs;
    }

    /** @return the port listened on */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return the path callbacks are accepted at */
    public String callbackPath() {
        return settings.callbackSecret().isEmpty() ? CALLBACK_PATH : CALLBACK_PATH + "/" + settings.callbackSecret();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/health")) {
                if (!method.equals("GET")) {
                    answer(exchange, 405, Map.of("error", "use GET"));
                    return;
                }
                answer(exchange, 200, settings.health().get());
                return;
            }
            if (!isCallbackPath(path)) {
                drain(exchange);
                answer(exchange, 404, Map.of("error", "not found"));
                return;
            }
            if (!method.equals("POST")) {
                answer(exchange, 405, Map.of("error", "use POST"));
                return;
            }
            receive(exchange);
        } catch (RuntimeException e) {
            LOG.error("HTTP request failed inside the host: {}", e.toString());
        }
    }

    private boolean isCallbackPath(String path) {
        if (secret.length == 0) {
            return path.equals(CALLBACK_PATH) || path.equals(CALLBACK_PATH + "/");
        }
        if (!path.startsWith(CALLBACK_PATH + "/")) {
            return false;
        }
        byte[] given = path.substring(CALLBACK_PATH.length() + 1).getBytes(StandardCharsets.UTF_8);
        // MessageDigest.isEqual takes the same time whatever the position of the first difference.
        return MessageDigest.isEqual(given, secret);
    }

    private void receive(HttpExchange exchange) throws IOException {
        int limit = settings.maxBodyBytes();
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                answer(exchange, 400, Map.of("error", "bad Content-Length"));
                return;
            }
            if (declared > limit) {
                answer(exchange, 413, Map.of("error", "callback larger than " + limit + " bytes"));
                return;
            }
        }
        // A callback is a kilobyte or two: a buffer of the declared size spares the heap (and the
        // young collections that pause answers) 16 KB per callback.
        byte[] body = readAtMost(exchange.getRequestBody(), limit, declared < 0 ? 16 * 1024 : (int) declared + 1);
        if (body == null) {
            answer(exchange, 413, Map.of("error", "callback larger than " + limit + " bytes"));
            return;
        }
        CallbackEvent event;
        try {
            event = settings.decoder().decode(body);
        } catch (MalformedCallbackException e) {
            LOG.warn("Rejected a callback: {}", e.getMessage());
            answer(exchange, 400, Map.of("error", e.getMessage()));
            return;
        }
        try {
            settings.sink().accept(event);
        } catch (RejectedExecutionException e) {
            if (rejectedFull.getAndIncrement() % 100 == 0) {
                LOG.warn("Callback queue full: answering 503 so that GeWe pushes again later");
            }
            answer(exchange, 503, Map.of("error", "busy, retry later"));
            return;
        }
        answer(exchange, 200, ACCEPTED);
    }

    /** Reads a body, or returns {@code null} as soon as it proves longer than the limit. */
    private static byte[] readAtMost(InputStream in, int limit, int expected) throws IOException {
        byte[] buffer = new byte[Math.max(1, Math.min(limit + 1, expected))];
        int size = 0;
        while (true) {
            if (size == buffer.length) {
                if (buffer.length > limit) {
                    return null;
                }
                buffer = java.util.Arrays.copyOf(buffer, Math.min(limit + 1, buffer.length * 2));
            }
            int n = in.read(buffer, size, buffer.length - size);
            if (n < 0) {
                return java.util.Arrays.copyOf(buffer, size);
            }
            size += n;
            if (size > limit) {
                return null;
            }
        }
    }

    private static void drain(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            // read, never skip: the JDK's request stream does not override skip, which then goes
            // around the body's length to the socket and waits for bytes the client never sends.
            byte[] buffer = new byte[8 * 1024];
            long left = 64 * 1024;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException ignored) {
            // The answer does not depend on the body.
        }
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        answer(exchange, status, HostJson.bytes(body));
    }

    private static void answer(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (status == 413 || status == 400) {
            // The rest of the body is not read; don't let the client send it on this connection.
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops accepting connections, letting requests under way finish for up to a second. */
    @Override
    public void close() {
        server.stop(1);
        handlers.shutdown();
        try {
            handlers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
