package io.gewebot.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The faults armed on a sandbox. A path is written without the prefix ({@code "/contacts/addContacts"});
 * {@code "*"} matches every path.
 *
 * <p>When a call arrives it is recorded first, then the first matching fault is taken in this order:
 * a {@code once} fault for its path, a {@code once} fault for {@code "*"}, an {@code always} fault for
 * its path, an {@code always} fault for {@code "*"}. {@code once} faults for one path are used in the
 * order they were armed, each by exactly one call. Thread-safe.
 */
public final class Faults {

    /** Path that matches every call. */
    public static final String ANY_PATH = "*";

    private final Map<String, Deque<Fault>> once = new HashMap<>();
    private final Map<String, Fault> always = new HashMap<>();

    Faults() {
    }

    /**
     * Arms a fault for the next matching call only.
     *
     * @param path  the path without prefix, or {@code "*"}
     * @param fault what to do to that call
     * @return this, for chaining
     */
    public synchronized Faults once(String path, Fault fault) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fault, "fault");
        once.computeIfAbsent(path, p -> new ArrayDeque<>()).addLast(fault);
        return this;
    }

    /**
     * Arms a fault for every matching call until {@link #clear()}; replaces an earlier {@code always}
     * fault for the same path.
     *
     * @param path  the path without prefix, or {@code "*"}
     * @param fault what to do to those calls
     * @return this, for chaining
     */
    public synchronized Faults always(String path, Fault fault) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fault, "fault");
        always.put(path, fault);
        return this;
    }

    /** Disarms every fault. */
    public synchronized void clear() {
        once.clear();
        always.clear();
    }

    /** Takes the fault that applies to one call on {@code path}, consuming it if it was a {@code once}. */
    synchronized Optional<Fault> take(String path) {
        for (String key : new String[] {path, ANY_PATH}) {
            Deque<Fault> queue = once.get(key);
            if (queue != null && !queue.isEmpty()) {
                return Optional.of(queue.removeFirst());
            }
        }
        Fault exact = always.get(path);
        return Optional.ofNullable(exact != null ? exact : always.get(ANY_PATH));
    }
}
