package io.gewebot.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the sandbox received, in arrival order, each call and posted text with the {@code appId} it
 * named, with waiting for what has not arrived yet. Thread-safe.
 */
final class CallLog {

    /** A call and the {@code appId} its body named, {@code null} when it named none. */
    private record Logged(String appId, RecordedCall call) {
    }

    /** A text an account posted. */
    private record Posted(String appId, PostedText text) {
    }

    private final List<Logged> calls = new ArrayList<>();
    private final List<Posted> texts = new ArrayList<>();
    private final List<ServedCall> served = new ArrayList<>();
    /** Told of each posted text as it is recorded; does nothing unless the standalone sandbox shows them. */
    private volatile BiConsumer<String, PostedText> onText = (appId, text) -> { };

    synchronized void record(RecordedCall call, String appId) {
        calls.add(new Logged(appId, call));
        notifyAll();
    }

    synchronized void record(PostedText text, String appId) {
        texts.add(new Posted(Objects.requireNonNull(appId, "appId"), text));
        notifyAll();
        onText.accept(appId, text);
    }

    void onText(BiConsumer<String, PostedText> listener) {
        onText = Objects.requireNonNull(listener, "listener");
    }

    synchronized void record(ServedCall call) {
        served.add(call);
    }

    synchronized List<RecordedCall> calls() {
        return calls.stream().map(Logged::call).toList();
    }

    /**
     * @param appId the {@code appId} the calls named, {@code null} for every call
     * @param path  the path, {@code null} for every path
     */
    synchronized List<RecordedCall> calls(String appId, String path) {
        return calls.stream()
                .filter(l -> appId == null || appId.equals(l.appId()))
                .filter(l -> path == null || path.equals(l.call().path()))
                .map(Logged::call).toList();
    }

    synchronized List<PostedText> texts(String appId) {
        return texts.stream().filter(p -> p.appId().equals(appId)).map(Posted::text).toList();
    }

    synchronized List<ServedCall> served() {
        return List.copyOf(served);
    }

    synchronized void clear() {
        calls.clear();
        texts.clear();
        served.clear();
    }

    /** Waits until {@code calls(appId, path)} holds at least {@code count} calls, and returns them all. */
    List<RecordedCall> awaitCalls(String appId, String path, int count, Duration timeout) {
        String whose = appId == null ? "" : " for " + appId;
        return await(() -> calls(appId, path), list -> list.size() >= count, timeout,
                () -> "expected at least " + count + " call(s) on " + path + whose + " within " + timeout
                        + " but got " + calls(appId, path).size());
    }

    /** Waits until the account {@code appId} posted at least {@code count} texts, and returns them all. */
    List<PostedText> awaitTexts(String appId, int count, Duration timeout) {
        return await(() -> texts(appId), list -> list.size() >= count, timeout,
                () -> "expected at least " + count + " posted text(s) within " + timeout + " but got " + texts(appId));
    }

    private synchronized <T> T await(Supplier<T> read, Predicate<T> done, Duration timeout, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = read.get();
        while (!done.test(value)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(failure.get());
            }
            try {
                // wait() takes millis; round up so a short remainder does not spin.
                wait(Math.max(1, (left + 999_999) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting: " + failure.get(), e);
            }
            value = read.get();
        }
        return value;
    }
}
