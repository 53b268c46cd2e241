package io.gewebot.sandbox.embedded;

import io.gewebot.host.spi.EmbeddedGewe;
import io.gewebot.sandbox.GeweSandbox;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EmbeddedGewe} over a {@link GeweSandbox} with its defaults: 127.0.0.1, a free port, the
 * demo people. Made by {@link java.util.ServiceLoader}; one instance serves one run.
 */
public final class SandboxGewe implements EmbeddedGewe {

    private GeweSandbox sandbox;
    private ScheduledExecutorService later;
    private boolean closed;

    /** Made by {@link java.util.ServiceLoader}; nothing runs until {@link #start()}. */
    public SandboxGewe() {
    }

    @Override
    public synchronized void start() {
        if (sandbox != null || closed) {
            throw new IllegalStateException("already started");
        }
        sandbox = GeweSandbox.start();
        later = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gewe-sandbox-demo");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String baseUrl() {
        return running().baseUrl();
    }

    @Override
    public String token() {
        return running().token();
    }

    @Override
    public String appId() {
        return running().appId();
    }

    @Override
    public void deliverCallbacksTo(String url) {
        running().setCallbackUrl(Objects.requireNonNull(url, "url"));
    }

    /** {@inheritDoc} A friend of the account among the demo people: {@value GeweSandbox#DEMO_FRIEND}. */
    @Override
    public String demoAdmin() {
        running();
        return GeweSandbox.DEMO_FRIEND;
    }

    @Override
    public String demoTextCallbackCommand(String callbackUrl, String fromWxid, String text) {
        return running().callbacks().textCommand(Objects.requireNonNull(callbackUrl, "callbackUrl"),
                Objects.requireNonNull(fromWxid, "fromWxid"), Objects.requireNonNull(text, "text"));
    }

    /** {@inheritDoc} The request comes from {@value GeweSandbox#DEMO_ASKER}. */
    @Override
    public void pushDemoFriendRequest(Duration delay) {
        GeweSandbox gewe = running();
        ScheduledExecutorService scheduler;
        synchronized (this) {
            scheduler = later;
        }
        try {
            scheduler.schedule(() -> {
                try {
                    gewe.pushDemoFriendRequest();
                } catch (RuntimeException e) {
                    // No callback URL yet, or the host is gone: dropped, as GeWe drops a push nobody takes.
                }
            }, Objects.requireNonNull(delay, "delay").toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile: nothing more is pushed.
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (later != null) {
            later.shutdownNow();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** @return the running sandbox (this package's tests drive it directly) */
    synchronized GeweSandbox running() {
        if (sandbox == null) {
            throw new IllegalStateException("not started");
        }
        return sandbox;
    }
}
