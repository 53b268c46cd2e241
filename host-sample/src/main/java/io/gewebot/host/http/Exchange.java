package io.gewebot.host.http;

import io.gewebot.host.callback.CallbackEvent;
import io.gewebot.host.callback.MalformedCallbackException;
import io.gewebot.host.http.CallbackServer.Intake.Verdict;
import io.gewebot.host.json.HostJson;
import io.gewebot.host.metrics.PrometheusMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's requests, one at a time, on its event loop: routes each, reads a callback's body
 * up to the limit, answers, and closes the connection when its next request does not arrive in time.
 */
final class Exchange extends SimpleChannelInboundHandler<HttpObject> {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackServer.class);
    private static final String CALLBACK_PATH = "/gewe/callback";
    /** The answer to every accepted callback, written once: most answers are this one. */
    private static final byte[] ACCEPTED = HostJson.bytes(Map.of("ok", true));
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final String BEARER = "Bearer ";
    /** Headers a proxy adds to say whom it relays. */
    private static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP");
    /** The most of a body read (and dropped) on a path other than the callback's before the connection is closed. */
    private static final int DISCARDED_BODY_LIMIT = 64 * 1024;

    /** What every connection of one server shares. */
    static final class Shared {
        final CallbackServer.Settings settings;
        final byte[] secret;
        final ThreadPoolExecutor healthThread;
        final long requestTimeoutNanos;
        final AtomicInteger rejectedFull = new AtomicInteger();
        final Optional<PrometheusMetrics> metrics;
        /** The metrics token; empty when /metrics answers loopback peers instead. */
        final byte[] metricsToken;

        Shared(CallbackServer.Settings settings, ThreadPoolExecutor healthThread, Optional<PrometheusMetrics> metrics) {
            this.settings = settings;
            this.metrics = metrics;
            this.secret = settings.callbackSecret().getBytes(StandardCharsets.UTF_8);
            this.metricsToken = settings.access().metricsToken().getBytes(StandardCharsets.UTF_8);
            this.healthThread = healthThread;
            this.requestTimeoutNanos = settings.limits().requestTimeout().toNanos();
        }
    }

    private enum Route { CALLBACK, HEALTH, METRICS, REFUSED }

    private final Shared shared;
    /** Whether the peer is one callbacks are taken from; known once the connection is active. */
    private boolean callbackPeer;
    /** Whether the peer is on loopback, for /metrics without a token. */
    private boolean loopbackPeer;
    /** Closes the connection unless the request under way (or the next one) has arrived by then. */
    private ScheduledFuture<?> deadline;
    /** The request being read; null between requests. */
    private Route route;
    private boolean keepAlive;
    private boolean http10;
    private int refusalStatus;
    private String refusal;
    private byte[] body;
    private int size;
    /** Set once an answer went out before its request was read to the end: the connection is closing. */
    private boolean closing;

    Exchange(Shared shared) {
        this.shared = shared;
    }

    static String callbackPath(String secret) {
        return secret.isEmpty() ? CALLBACK_PATH : CALLBACK_PATH + "/" + secret;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        // The TCP peer, once per connection: a forwarding header is the client's own word, so it never
        // lets anyone in.
        Optional<InetAddress> peer = ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? Optional.ofNullable(a.getAddress()) : Optional.empty();
        List<AddressRange> allow = shared.settings.access().callbackAllow();
        callbackPeer = allow.isEmpty() || peer.filter(p -> allow.stream().anyMatch(r -> r.contains(p))).isPresent();
        loopbackPeer = peer.filter(AddressRange::isLoopback).isPresent();
        armDeadline(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarmDeadline();
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (closing) {
            return;
        }
        if (msg.decoderResult().isFailure()) {
            answerAndClose(ctx, 400, "malformed HTTP request");
            return;
        }
        if (msg instanceof HttpRequest request) {
            begin(ctx, request);
            if (closing) {
                return;
            }
        }
        if (msg instanceof HttpContent content && route != null) {
            take(ctx, content.content());
            if (!closing && msg instanceof LastHttpContent) {
                disarmDeadline();
                complete(ctx);
            }
        }
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest request) {
        keepAlive = HttpUtil.isKeepAlive(request);
        http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        size = 0;
        body = null;
        String path;
        try {
            path = URI.create(request.uri()).getRawPath();
        } catch (IllegalArgumentException e) {
            answerAndClose(ctx, 400, "bad request target");
            return;
        }
        path = path == null ? "" : path;
        HttpMethod method = request.method();
        if (path.equals("/health")) {
            route = method.equals(HttpMethod.GET) ? Route.HEALTH : refuse(405, "use GET");
        } else if (path.equals("/metrics") && shared.metrics.isPresent()) {
            route = !method.equals(HttpMethod.GET) ? refuse(405, "use GET") : metricsRoute(request);
        } else if (!callbackPeer && (path.equals(CALLBACK_PATH) || path.startsWith(CALLBACK_PATH + "/"))) {
            // Before the secret is compared: an address not listed learns nothing about it.
            refusedCallback(403);
            route = refuse(403, "address not allowed");
        } else if (!isCallbackPath(path)) {
            route = refuse(404, "not found");
        } else if (!method.equals(HttpMethod.POST)) {
            route = refuse(405, "use POST");
        } else {
            route = Route.CALLBACK;
            int limit = shared.settings.maxBodyBytes();
            long declared = HttpUtil.getContentLength(request, -1L);
            if (declared > limit) {
                // Answered before the body: nothing of it is waited for.
                refusedCallback(413);
                answerAndClose(ctx, 413, tooLarge());
                return;
            }
            // A callback is a kilobyte or two: a buffer of the declared size spares the heap (and the
            // young collections that pause answers) 16 KB per callback.
            body = new byte[Math.max(1, (int) Math.min(limit + 1L, declared < 0 ? 16 * 1024 : declared + 1))];
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            if (route == Route.REFUSED) {
                // The client waits for a word before it sends the body; the refusal is that word.
                answerAndClose(ctx, refusalStatus, refusal);
            } else {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                        Unpooled.EMPTY_BUFFER));
            }
        }
    }

    /**
     * {@code /metrics} for the bearer of the metrics token or, without one, for a loopback peer whose
     * request does not say it was forwarded: a proxy on the same machine relays others' requests.
     */
    private Route metricsRoute(HttpRequest request) {
        if (shared.metricsToken.length > 0) {
            String given = request.headers().get(HttpHeaderNames.AUTHORIZATION, "");
            boolean bearer = given.regionMatches(true, 0, BEARER, 0, BEARER.length());
            byte[] token = (bearer ? given.substring(BEARER.length()).strip() : "").getBytes(StandardCharsets.UTF_8);
            // MessageDigest.isEqual takes the same time whatever the position of the first difference.
            return bearer && MessageDigest.isEqual(token, shared.metricsToken) ? Route.METRICS
                    : refuse(401, "a bearer token is required");
        }
        boolean forwarded = FORWARDING_HEADERS.stream().anyMatch(h -> request.headers().contains(h));
        return loopbackPeer && !forwarded ? Route.METRICS
                : refuse(403, "only loopback addresses, unless a metrics token is set");
    }

    private Route refuse(int status, String reason) {
        refusalStatus = status;
        refusal = reason;
        return Route.REFUSED;
    }

    private boolean isCallbackPath(String path) {
        if (shared.secret.length == 0) {
            return path.equals(CALLBACK_PATH) || path.equals(CALLBACK_PATH + "/");
        }
        if (!path.startsWith(CALLBACK_PATH + "/")) {
            return false;
        }
        byte[] given = path.substring(CALLBACK_PATH.length() + 1).getBytes(StandardCharsets.UTF_8);
        // MessageDigest.isEqual takes the same time whatever the position of the first difference.
        return MessageDigest.isEqual(given, shared.secret);
    }

    private void take(ChannelHandlerContext ctx, ByteBuf chunk) {
        int n = chunk.readableBytes();
        if (n == 0) {
            return;
        }
        if (route != Route.CALLBACK) {
            size += n;
            if (size > DISCARDED_BODY_LIMIT) {
                if (route == Route.HEALTH || route == Route.METRICS) {
                    answerAndClose(ctx, 413, "request larger than " + DISCARDED_BODY_LIMIT + " bytes");
                } else {
                    answerAndClose(ctx, refusalStatus, refusal);
                }
            }
            return;
        }
        int limit = shared.settings.maxBodyBytes();
        if ((long) size + n > limit) {
            refusedCallback(413);
            answerAndClose(ctx, 413, tooLarge());
            return;
        }
        if (size + n > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(limit + 1L, Math.max(body.length * 2L, (long) size + n)));
        }
        chunk.readBytes(body, size, n);
        size += n;
    }

    private String tooLarge() {
        return "callback larger than " + shared.settings.maxBodyBytes() + " bytes";
    }

    private void complete(ChannelHandlerContext ctx) {
        Route done = route;
        route = null;
        switch (done) {
            case REFUSED -> answer(ctx, refusalStatus, error(refusal), false);
            case HEALTH -> offLoop(ctx, () -> HostJson.bytes(shared.settings.health().get()), CONTENT_TYPE);
            case METRICS -> offLoop(ctx, shared.metrics.orElseThrow()::scrape, PrometheusMetrics.CONTENT_TYPE);
            case CALLBACK -> receive(ctx, Arrays.copyOf(body, size));
            default -> throw new IllegalStateException(done.toString());
        }
        body = null;
    }

    private void receive(ChannelHandlerContext ctx, byte[] bytes) {
        CallbackEvent event;
        try {
            event = shared.settings.decoder().decode(bytes);
        } catch (MalformedCallbackException e) {
            LOG.warn("Rejected a callback: {}", e.getMessage());
            refusedCallback(400);
            answer(ctx, 400, error(e.getMessage()), true);
            return;
        } catch (RuntimeException e) {
            failed(ctx, e);
            return;
        }
        CompletableFuture<Verdict> verdict;
        try {
            verdict = shared.settings.intake().take(event, bytes).toCompletableFuture();
        } catch (RejectedExecutionException e) {
            answerCallback(ctx, Verdict.BUSY);
            return;
        } catch (RuntimeException e) {
            failed(ctx, e);
            return;
        }
        if (verdict.isDone()) {
            answerCallback(ctx, verdict.getNow(Verdict.BUSY));
            return;
        }
        // No other request of this connection is read meanwhile, so that answers keep their order.
        ctx.channel().config().setAutoRead(false);
        verdict.whenComplete((v, failure) -> ctx.executor().execute(() -> {
            answerCallback(ctx, failure == null ? v : Verdict.BUSY);
            ctx.channel().config().setAutoRead(true);
        }));
    }

    private void answerCallback(ChannelHandlerContext ctx, Verdict verdict) {
        switch (verdict) {
            case ACCEPTED -> answer(ctx, 200, ACCEPTED, false);
            case BUSY -> {
                if (shared.rejectedFull.getAndIncrement() % 100 == 0) {
                    LOG.warn("Callback queue full: answering 503 so that GeWe pushes again later");
                }
                refusedCallback(503);
                answer(ctx, 503, error("busy, retry later"), false);
            }
            case UNAVAILABLE -> {
                refusedCallback(503);
                answer(ctx, 503, error("cannot record the callback now, retry later"), false);
            }
        }
    }

    private void refusedCallback(int status) {
        shared.metrics.ifPresent(m -> m.host().callbackRefused(status));
    }

    /** Builds a document that may block (/health, /metrics) on the health thread, and answers it on the loop. */
    private void offLoop(ChannelHandlerContext ctx, Supplier<byte[]> build, String contentType) {
        // No other request of this connection is read meanwhile, so that answers keep their order.
        ctx.channel().config().setAutoRead(false);
        try {
            shared.healthThread.execute(() -> {
                byte[] document;
                int status = 200;
                String type = contentType;
                try {
                    document = build.get();
                } catch (RuntimeException e) {
                    LOG.error("HTTP request failed inside the host: {}", e.toString());
                    status = 500;
                    document = error("internal error");
                    type = CONTENT_TYPE;
                }
                byte[] answer = document;
                int code = status;
                String answerType = type;
                ctx.executor().execute(() -> {
                    answer(ctx, code, answer, answerType, false);
                    ctx.channel().config().setAutoRead(true);
                });
            });
        } catch (RejectedExecutionException e) {
            answer(ctx, 503, error("busy, retry later"), false);
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void failed(ChannelHandlerContext ctx, RuntimeException e) {
        LOG.error("HTTP request failed inside the host: {}", e.toString());
        answer(ctx, 500, error("internal error"), true);
    }

    private static byte[] error(String reason) {
        return HostJson.bytes(Map.of("error", reason));
    }

    /** Answers before the request was read to the end, and closes: the rest of it is never read. */
    private void answerAndClose(ChannelHandlerContext ctx, int status, String reason) {
        disarmDeadline();
        closing = true;
        route = null;
        body = null;
        answer(ctx, status, error(reason), true);
    }

    private void answer(ChannelHandlerContext ctx, int status, byte[] bytes, boolean close) {
        answer(ctx, status, bytes, CONTENT_TYPE, close);
    }

    private void answer(ChannelHandlerContext ctx, int status, byte[] bytes, String contentType, boolean close) {
        boolean last = close || !keepAlive;
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        if (status == 401) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        if (last) {
            // The rest of a refused body is not read; don't let the client send it on this connection.
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            closing = true;
            return;
        }
        if (http10) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        // The next request's time starts once this answer is out.
        ctx.writeAndFlush(response).addListener(written -> {
            if (written.isSuccess() && !closing) {
                armDeadline(ctx);
            }
        });
    }

    private void armDeadline(ChannelHandlerContext ctx) {
        disarmDeadline();
        deadline = ctx.executor().schedule(() -> {
            LOG.debug("Closed a connection from {}: no whole request within the request timeout",
                    ctx.channel().remoteAddress());
            ctx.close();
        }, shared.requestTimeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void disarmDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A connection reset by its client, mostly: nothing the host can do but close its end.
        LOG.debug("HTTP connection failed: {}", cause.toString());
        ctx.close();
    }
}
