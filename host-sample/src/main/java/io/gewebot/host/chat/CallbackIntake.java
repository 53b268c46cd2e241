package io.gewebot.host.chat;

import io.gewebot.host.callback.CallbackDecoder;
import io.gewebot.host.callback.CallbackEvent;
import io.gewebot.host.callback.MalformedCallbackException;
import io.gewebot.host.http.CallbackServer;
import io.gewebot.host.http.CallbackServer.Intake.Verdict;
import io.gewebot.host.metrics.HostMetrics;
import io.gewebot.host.store.DatabaseHealth;
import io.gewebot.host.store.DeliveredCallbacks;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the HTTP endpoint hands callbacks: a message ({@code Appid + NewMsgId}) for an account of the host
 * is recorded in the database, with the callback as GeWe posted it, before it is answered 200; one that
 * cannot be recorded is answered 503, so that GeWe pushes it again. The records are written by one thread,
 * as many callbacks as wait in one transaction (a busy endpoint pays for durability once per batch, not
 * once per message), then handed to their accounts' queues. A re-delivery of a recorded message is answered
 * 200 and dropped.
 *
 * <p>Callbacks a stopped host run had answered and not handled are taken from the database at start and
 * every {@link #SWEEP_EVERY} ({@link DeliveredCallbacks#orphans}): those whose handling had not begun are
 * handled now, the others never twice. Notices without a message id (a contact change, the account going
 * offline, GeWe's test) and messages whose handling cannot act ({@link Account#mayAct}: chat from people who
 * are not admins, messages that are not text) are handed on at once, unrecorded: acting on nothing, they
 * need no guard against being acted on twice, and most of a busy account's traffic costs no database work.
 */
public final class CallbackIntake implements CallbackServer.Intake, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackIntake.class);
    /** The most callbacks recorded in one transaction. */
    static final int BATCH = 256;
    /** How often callbacks left by stopped host runs are looked for. */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final CompletionStage<Verdict> ACCEPTED = CompletableFuture.completedFuture(Verdict.ACCEPTED);

    /** An account's queue, as the intake sees it. */
    public interface Account {
        /** @return how many more callbacks its queue takes now */
        int room();

        /**
         * Queues a callback.
         *
         * @param event the callback
         * @throws RejectedExecutionException when its queue is full
         */
        void accept(CallbackEvent event);

        /**
         * @param event a message for this account
         * @return whether handling it may act, and so whether it is recorded before it is answered
         */
        boolean mayAct(CallbackEvent event);
    }

    private record Waiting(CallbackEvent event, String key, byte[] body, CompletableFuture<Verdict> answer) {
    }

    private final Map<String, Account> accounts;
    private final CallbackRouting routing;
    private final DeliveredCallbacks delivered;
    private final DatabaseHealth database;
    private final HostMetrics metrics;
    private final CallbackDecoder decoder;
    private final Clock clock;
    private final Duration orphanAge;
    private final BlockingQueue<Waiting> queue;
    private final Deque<CallbackEvent> overflow = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean closed;
    private long refusedSinceLogged;

    /**
     * @param accounts the host's accounts by appId
     * @param routing where callbacks without a message id go, and those for no account of the host
     * @param delivered the records
     * @param database whether the database answers
     * @param metrics counts the callbacks and the re-deliveries dropped
     * @param decoder reads the recorded callbacks of stopped runs
     * @param clock the clock
     * @param orphanAge how long a callback another host run recorded stays untouched before this run takes
     *     it; {@link Duration#ZERO} takes every other run's at once (one host per database, as with SQLite)
     * @param capacity how many callbacks may wait to be recorded
     */
    public CallbackIntake(Map<String, Account> accounts, CallbackRouting routing, DeliveredCallbacks delivered,
            DatabaseHealth database, HostMetrics metrics, CallbackDecoder decoder, Clock clock, Duration orphanAge,
            int capacity) {
        this.accounts = new LinkedHashMap<>(accounts);
        this.routing = Objects.requireNonNull(routing, "routing");
        this.delivered = Objects.requireNonNull(delivered, "delivered");
        this.database = Objects.requireNonNull(database, "database");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.orphanAge = Objects.requireNonNull(orphanAge, "orphanAge");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "callback-intake");
        thread.setDaemon(true);
    }

    /**
     * Hands on what stopped host runs left, then starts recording callbacks.
     */
    public void start() {
        sweep();
        thread.start();
    }

    @Override
    public CompletionStage<Verdict> take(CallbackEvent event, byte[] body) {
        Optional<String> key = event.dedupKey();
        Account account = accounts.get(event.appId());
        if (key.isEmpty() || account == null || !account.mayAct(event)) {
            routing.route(event);
            return ACCEPTED;
        }
        if (closed) {
            throw new RejectedExecutionException("the host is stopping");
        }
        CompletableFuture<Verdict> answer = new CompletableFuture<>();
        if (!queue.offer(new Waiting(event, key.get(), body, answer))) {
            throw new RejectedExecutionException("too many callbacks wait to be recorded");
        }
        return answer;
    }

    /** Stops recording: those waiting are answered 503, and GeWe pushes them again. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Waiting w = queue.poll(); w != null; w = queue.poll()) {
            w.answer().complete(Verdict.BUSY);
        }
    }

    private void run() {
        List<Waiting> batch = new ArrayList<>(BATCH);
        long nextSweep = System.nanoTime() + SWEEP_EVERY.toNanos();
        while (!closed) {
            try {
                Waiting first = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    record(batch);
                    batch.clear();
                } else if (database.down()) {
                    probe();
                }
                handOverflow();
                if (System.nanoTime() - nextSweep >= 0) {
                    nextSweep = System.nanoTime() + SWEEP_EVERY.toNanos();
                    sweep();
                }
            } catch (InterruptedException e) {
                batch.forEach(w -> w.answer().complete(Verdict.BUSY));
                return;
            } catch (RuntimeException e) {
                LOG.error("Recording callbacks failed inside the host: {}", e.toString());
                batch.forEach(w -> w.answer().complete(Verdict.UNAVAILABLE));
                batch.clear();
            }
        }
    }

    private void record(List<Waiting> batch) {
        // Only what the accounts' queues take now is recorded: the rest is answered 503 at once.
        Map<String, Integer> room = new HashMap<>();
        List<Waiting> admitted = new ArrayList<>(batch.size());
        for (Waiting w : batch) {
            String appId = w.event().appId();
            int left = room.computeIfAbsent(appId, a -> accounts.get(a).room() - (int) overflowOf(a));
            if (left > 0) {
                room.put(appId, left - 1);
                admitted.add(w);
            } else {
                w.answer().complete(Verdict.BUSY);
            }
        }
        if (admitted.isEmpty()) {
            return;
        }
        List<Boolean> firsts;
        try {
            firsts = delivered.record(admitted.stream()
                    .map(w -> new DeliveredCallbacks.Arrival(w.key(), w.event().appId(), w.body())).toList());
            database.reached();
        } catch (RuntimeException e) {
            database.failed(e);
            refused(admitted.size(), e);
            admitted.forEach(w -> w.answer().complete(Verdict.UNAVAILABLE));
            return;
        }
        for (int i = 0; i < admitted.size(); i++) {
            Waiting w = admitted.get(i);
            if (firsts.get(i)) {
                hand(w.event());
            } else {
                metrics.callbackReceived(w.event().appId());
                metrics.duplicateDropped(w.event().appId());
                LOG.debug("Ignored a duplicate of message {}", w.key());
            }
            w.answer().complete(Verdict.ACCEPTED);
        }
    }

    private void refused(int count, RuntimeException e) {
        refusedSinceLogged += count;
        if (refusedSinceLogged == count || refusedSinceLogged >= 1_000) {
            LOG.warn("{} callback(s) could not be recorded ({}): answered 503, so that GeWe pushes them again",
                    refusedSinceLogged, e.getMessage());
            refusedSinceLogged = 0;
        }
    }

    /** A recorded callback to its account; kept here, and handed later, should its queue have filled meanwhile. */
    private void hand(CallbackEvent event) {
        try {
            accounts.get(event.appId()).accept(event);
        } catch (RejectedExecutionException e) {
            overflow.add(event);
        }
    }

    private void handOverflow() {
        for (int n = overflow.size(); n > 0; n--) {
            hand(overflow.poll());
        }
    }

    private long overflowOf(String appId) {
        return overflow.stream().filter(e -> e.appId().equals(appId)).count();
    }

    /** Asks the database whether it answers again, while nothing else does. */
    private void probe() {
        try {
            delivered.pending();
            database.reached();
        } catch (RuntimeException e) {
            database.failed(e);
        }
    }

    /** Takes what stopped host runs left and hands it to the accounts. */
    private void sweep() {
        long staleBefore = orphanAge.isZero() ? Long.MAX_VALUE : clock.millis() - orphanAge.toMillis();
        Map<String, Integer> room = new HashMap<>();
        List<DeliveredCallbacks.Orphan> taken;
        try {
            taken = delivered.orphans(accounts.keySet(), staleBefore, 1_000, orphan -> {
                int left = room.computeIfAbsent(orphan.appId(), a -> accounts.get(a).room() - (int) overflowOf(a));
                room.put(orphan.appId(), left - 1);
                return left > 0;
            });
            database.reached();
        } catch (RuntimeException e) {
            if (!database.failed(e)) {
                LOG.error("Callbacks left by a stopped host could not be looked for: {}", e.getMessage());
            }
            return;
        }
        int resumed = 0;
        int interrupted = 0;
        int unmarked = 0;
        for (DeliveredCallbacks.Orphan orphan : taken) {
            if (orphan.started()) {
                interrupted++;
                continue;
            }
            try {
                CallbackEvent event = decoder.decode(orphan.body());
                if (!accounts.get(orphan.appId()).mayAct(event)) {
                    // recorded by a release that kept every message: handled as this one handles it, unmarked
                    delivered.finished(orphan.key());
                    unmarked++;
                }
                hand(event);
                resumed++;
            } catch (RuntimeException | MalformedCallbackException e) {
                LOG.error("Callback {} left by a stopped host cannot be read again: {}", orphan.key(), e.getMessage());
            }
        }
        if (unmarked > 0) {
            try {
                delivered.letGo();
            } catch (RuntimeException e) {
                // kept: let go with the next write
                database.failed(e);
            }
        }
        if (resumed > 0) {
            LOG.info("{} callback(s) answered by a host that stopped before handling them are handled now", resumed);
        }
        if (interrupted > 0) {
            LOG.warn("{} callback(s) were being handled when their host stopped; they may have been, and are not "
                    + "handled again", interrupted);
        }
    }
}
