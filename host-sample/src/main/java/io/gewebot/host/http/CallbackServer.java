package io.gewebot.host.http;

import io.gewebot.host.callback.CallbackDecoder;
import io.gewebot.host.callback.CallbackEvent;
import io.gewebot.host.metrics.PrometheusMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The HTTP endpoint GeWe posts callbacks to, {@code GET /health} and, when started with metrics,
 * {@code GET /metrics} (the Prometheus text format), on Netty.
 *
 * <p>A callback is read (up to the size limit), decoded and handed to the {@link Intake}, then answered
 * as soon as the intake says: 200 once taken (recorded, where the intake records it), 400 with a short
 * reason when it cannot be read, 413 when too large (before reading a body declared too large), 503
 * when the intake is full or cannot record it (GeWe pushes again later). The work it triggers runs
 * after the answer. No network thread waits for the intake meanwhile.
 *
 * <p>With a callback secret the endpoint is {@code /gewe/callback/<secret>}, compared in constant time;
 * any other path answers 404. With an {@linkplain EndpointAccess#callbackAllow() allow-list}, a request
 * to the callback path from a peer outside it answers 403 before the secret is looked at. {@code /health}
 * answers everyone on its fixed path, as a load balancer expects; {@code /metrics} answers the bearer of
 * the metrics token or, without one, loopback peers only (401 and 403 otherwise). Neither tells a secret.
 *
 * <p>Slow senders: from the moment a connection opens, or its previous answer is written, the whole
 * next request must arrive within {@link Limits#requestTimeout()}, or the connection is closed; a
 * connection trickling its headers or body, or sending nothing, holds no thread meanwhile. Connections
 * over {@link Limits#maxConnections()} in all, or over {@link Limits#maxConnectionsPerAddress()}
 * from one address, are closed as soon as they are accepted.
 */
public final class CallbackServer implements AutoCloseable {

    /**
     * What the server answers and where it hands callbacks.
     *
     * @param bind the address to listen on, such as {@code 0.0.0.0} (every interface) or {@code 127.0.0.1}
     * @param port the port; 0 picks a free one
     * @param callbackSecret empty for none
     * @param maxBodyBytes the largest body read
     * @param decoder decodes callbacks
     * @param intake takes a decoded callback, without blocking, and says how to answer it
     * @param health builds the {@code /health} document (may block: it runs off the network threads)
     * @param limits the limits on slow and numerous connections
     * @param access who may send callbacks and read {@code /metrics}
     */
    public record Settings(String bind, int port, String callbackSecret, int maxBodyBytes, CallbackDecoder decoder,
            Intake intake, Supplier<Map<String, Object>> health, Limits limits, EndpointAccess access) {

        /** Checks the settings. */
        public Settings {
            Objects.requireNonNull(bind, "bind");
            Objects.requireNonNull(callbackSecret, "callbackSecret");
            Objects.requireNonNull(decoder, "decoder");
            Objects.requireNonNull(intake, "intake");
            Objects.requireNonNull(health, "health");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(access, "access");
        }

        /**
         * Settings whose callbacks are taken by a sink that answers at once.
         *
         * @param bind the address to listen on
         * @param port the port; 0 picks a free one
         * @param callbackSecret empty for none
         * @param maxBodyBytes the largest body read
         * @param decoder decodes callbacks
         * @param sink takes a decoded callback, without blocking; throws {@link RejectedExecutionException}
         *     when full
         * @param health builds the {@code /health} document
         * @param limits the limits on slow and numerous connections
         * @param access who may send callbacks and read {@code /metrics}
         */
        public Settings(String bind, int port, String callbackSecret, int maxBodyBytes, CallbackDecoder decoder,
                Consumer<CallbackEvent> sink, Supplier<Map<String, Object>> health, Limits limits,
                EndpointAccess access) {
            this(bind, port, callbackSecret, maxBodyBytes, decoder, Intake.of(sink), health, limits, access);
        }

        /**
         * Settings with the {@linkplain EndpointAccess#DEFAULT default access}.
         *
         * @param bind the address to listen on
         * @param port the port; 0 picks a free one
         * @param callbackSecret empty for none
         * @param maxBodyBytes the largest body read
         * @param decoder decodes callbacks
         * @param sink takes a decoded callback; throws {@link RejectedExecutionException} when full
         * @param health builds the {@code /health} document
         * @param limits the limits on slow and numerous connections
         */
        public Settings(String bind, int port, String callbackSecret, int maxBodyBytes, CallbackDecoder decoder,
                Consumer<CallbackEvent> sink, Supplier<Map<String, Object>> health, Limits limits) {
            this(bind, port, callbackSecret, maxBodyBytes, decoder, sink, health, limits, EndpointAccess.DEFAULT);
        }

        /**
         * Settings that listen on every interface, with the {@linkplain Limits#DEFAULTS default limits}.
         *
         * @param port the port; 0 picks a free one
         * @param callbackSecret empty for none
         * @param maxBodyBytes the largest body read
         * @param decoder decodes callbacks
         * @param sink takes a decoded callback; throws {@link RejectedExecutionException} when full
         * @param health builds the {@code /health} document
         */
        public Settings(int port, String callbackSecret, int maxBodyBytes, CallbackDecoder decoder,
                Consumer<CallbackEvent> sink, Supplier<Map<String, Object>> health) {
            this("0.0.0.0", port, callbackSecret, maxBodyBytes, decoder, sink, health, Limits.DEFAULTS);
        }

        /**
         * Settings with the {@linkplain Limits#DEFAULTS default limits}.
         *
         * @param bind the address to listen on
         * @param port the port; 0 picks a free one
         * @param callbackSecret empty for none
         * @param maxBodyBytes the largest body read
         * @param decoder decodes callbacks
         * @param sink takes a decoded callback; throws {@link RejectedExecutionException} when full
         * @param health builds the {@code /health} document
         */
        public Settings(String bind, int port, String callbackSecret, int maxBodyBytes, CallbackDecoder decoder,
                Consumer<CallbackEvent> sink, Supplier<Map<String, Object>> health) {
            this(bind, port, callbackSecret, maxBodyBytes, decoder, sink, health, Limits.DEFAULTS);
        }
    }

    /** Takes a decoded callback and says, at once or later, how it is answered. */
    @FunctionalInterface
    public interface Intake {

        /** How a callback is answered. */
        enum Verdict {
            /** 200: taken; its work follows. */
            ACCEPTED,
            /** 503: too many wait; GeWe pushes it again later. */
            BUSY,
            /** 503: it could not be recorded (the database is unreachable); GeWe pushes it again later. */
            UNAVAILABLE
        }

        /**
         * Takes a callback, without blocking.
         *
         * @param event the decoded callback
         * @param body the callback as it was posted
         * @return how to answer it, once known
         * @throws RejectedExecutionException when too many wait (answered 503)
         */
        CompletionStage<Verdict> take(CallbackEvent event, byte[] body);

        /**
         * An intake that hands each callback to a sink and answers 200 at once.
         *
         * @param sink takes a callback; throws {@link RejectedExecutionException} when full
         * @return the intake
         */
        static Intake of(Consumer<CallbackEvent> sink) {
            Objects.requireNonNull(sink, "sink");
            CompletionStage<Verdict> accepted = CompletableFuture.completedFuture(Verdict.ACCEPTED);
            return (event, body) -> {
                sink.accept(event);
                return accepted;
            };
        }
    }

    /**
     * Limits that keep slow or numerous connections from holding the endpoint.
     *
     * @param requestTimeout how long a connection may take to send one whole request, counted from
     *     its opening or from the previous answer; also how long an idle keep-alive connection stays open
     * @param maxConnections connections open at once, from everyone
     * @param maxConnectionsPerAddress connections open at once from one IP address
     */
    public record Limits(Duration requestTimeout, int maxConnections, int maxConnectionsPerAddress) {

        /**
         * 10 s for a request (a callback is a few kilobytes: GeWe sends it in milliseconds); 64
         * connections from one address (GeWe pushes from a few addresses over a few connections, the
         * health checks of a load balancer add some) and 512 in all.
         */
        public static final Limits DEFAULTS = new Limits(Duration.ofSeconds(10), 512, 64);

        /** Checks the limits. */
        public Limits {
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive");
            }
            if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
                throw new IllegalArgumentException("connection limits must be at least 1");
            }
        }
    }

    private final Settings settings;
    private final EventLoopGroup loops;
    private final ThreadPoolExecutor healthThread;
    private final Channel listener;

    private CallbackServer(Settings settings, EventLoopGroup loops, ThreadPoolExecutor healthThread,
            Channel listener) {
        this.settings = settings;
        this.loops = loops;
        this.healthThread = healthThread;
        this.listener = listener;
    }

    /**
     * Starts listening on all interfaces (GeWe's server must reach it).
     *
     * @param settings what to answer
     * @return the running server
     * @throws IOException when the port cannot be bound
     */
    public static CallbackServer start(Settings settings) throws IOException {
        return start(settings, Optional.empty());
    }

    /**
     * Starts listening, with {@code GET /metrics} from the given registry, which also counts the callbacks
     * the endpoint refuses; without one, {@code /metrics} answers 404.
     *
     * @param settings what to answer
     * @param metrics the host's registry
     * @return the running server
     * @throws IOException when the port cannot be bound
     */
    public static CallbackServer start(Settings settings, Optional<PrometheusMetrics> metrics) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(metrics, "metrics");
        InetSocketAddress address = new InetSocketAddress(settings.bind(), settings.port());
        if (address.isUnresolved()) {
            throw new java.net.UnknownHostException("unknown address " + settings.bind());
        }
        // One event loop per core: requests are read, decoded and queued on them without blocking.
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("http", true), NioIoHandler.newFactory());
        // /health may wait on a GeWe call, and /metrics reads the database: both are built here, never
        // on an event loop.
        ThreadPoolExecutor healthThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(64), new DefaultThreadFactory("http-health", true),
                new ThreadPoolExecutor.AbortPolicy());
        Exchange.Shared shared = new Exchange.Shared(settings, healthThread, metrics);
        ConnectionLimit limit = new ConnectionLimit(settings.limits());
        try {
            Channel listener = new ServerBootstrap()
                    .group(loops)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 256)
                    // An answer is one small write: sent at once, not held for the client's delayed ACK.
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // On the accepting loop, in the order connections arrive: counted before they are served.
                    .handler(limit)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpServerCodec(), new Exchange(shared));
                        }
                    })
                    .bind(address)
                    .syncUninterruptibly()
                    .channel();
            return new CallbackServer(settings, loops, healthThread, listener);
        } catch (Exception e) {
            // Netty rethrows the bind's BindException as it is, undeclared.
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            healthThread.shutdownNow();
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot listen on port " + settings.port() + ": " + e.getMessage(), e);
        }
    }

    /** @return the port listened on */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** @return the path callbacks are accepted at */
    public String callbackPath() {
        return Exchange.callbackPath(settings.callbackSecret());
    }

    /** Stops accepting connections, letting requests under way finish for up to a second. */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        loops.shutdownGracefully(100, 1_000, TimeUnit.MILLISECONDS).syncUninterruptibly();
        healthThread.shutdown();
        try {
            healthThread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
