package io.gewebot.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What the sandbox received, in arrival order, with waiting for what has not arrived yet. Thread-safe. */
final class CallLog {

    private final List<RecordedCall> calls = new ArrayList<>();
    private final List<PostedText> texts = new ArrayList<>();
    private final List<ServedCall> served = new ArrayList<>();

    synchronized void record(RecordedCall call) {
        calls.add(call);
        notifyAll();
    }

    synchronized void record(PostedText text) {
        texts.add(text);
        notifyAll();
    }

    synchronized void record(ServedCall call) {
        served.add(call);
    }

    synchronized List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    synchronized List<RecordedCall> calls(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    synchronized List<PostedText> texts() {
        return List.copyOf(texts);
    }

    synchronized List<ServedCall> served() {
        return List.copyOf(served);
    }

    synchronized void clear() {
        calls.clear();
        texts.clear();
        served.clear();
    }

    /** Waits until {@code calls(path)} holds at least {@code count} calls, and returns them all. */
    List<RecordedCall> awaitCalls(String path, int count, Duration timeout) {
        return await(() -> calls(path), list -> list.size() >= count, timeout,
                () -> "expected at least " + count + " call(s) on " + path + " within " + timeout
                        + " but got " + calls(path).size());
    }

    /** Waits until at least {@code count} texts were posted, and returns them all. */
    List<PostedText> awaitTexts(int count, Duration timeout) {
        return await(this::texts, list -> list.size() >= count, timeout,
                () -> "expected at least " + count + " posted text(s) within " + timeout + " but got " + texts());
    }

    private synchronized <T> T await(java.util.function.Supplier<T> read, Predicate<T> done, Duration timeout,
                                     java.util.function.Supplier<String> failure) {
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
