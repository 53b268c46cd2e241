package io.gewebot.sandbox.embedded;

import io.gewebot.host.spi.EmbeddedGewe;
import io.gewebot.sandbox.GeweSandbox;
import java.util.Objects;

/**
 * An {@link EmbeddedGewe} over a {@link GeweSandbox} with its defaults: 127.0.0.1, a free port, the
 * demo people. Made by {@link java.util.ServiceLoader}; one instance serves one run.
 */
public final class SandboxGewe implements EmbeddedGewe {

    private GeweSandbox sandbox;
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

    @Override
    public synchronized void close() {
        closed = true;
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
