package io.gewebot.sandbox;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntSupplier;

/**
 * Pushes the callbacks a request triggers after its answer went out, on one background thread shared
 * by every account (so they arrive in the order they were triggered). A push nobody takes is lost, as
 * with GeWe.
 */
final class LaterPushes implements AutoCloseable {

    private final CallbackSender sender;
    private final ExecutorService pushes;
    private volatile boolean closed;

    LaterPushes(CallbackSender sender, ThreadFactory threads) {
        this.sender = sender;
        this.pushes = Executors.newSingleThreadExecutor(threads);
    }

    /** Pushes later when a callback URL is set; does nothing otherwise. */
    void push(String typeName, String wxid, IntSupplier push) {
        if (sender.callbackUrl() == null) {
            return;
        }
        try {
            pushes.execute(() -> {
                try {
                    int status = push.getAsInt();
                    if (status != 200 && !closed) {
                        System.err.println("gewe-sandbox: " + typeName + " push for " + wxid + " answered HTTP " + status);
                    }
                } catch (RuntimeException e) {
                    // A receiver that is down loses this push, as it would with GeWe; closing cuts pushes short quietly.
                    if (!closed) {
                        System.err.println("gewe-sandbox: " + typeName + " push for " + wxid + " failed: " + e.getMessage());
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // Closing; nothing more is pushed.
        }
    }

    @Override
    public void close() {
        closed = true;
        pushes.shutdownNow();
    }
}
