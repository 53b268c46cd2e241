package io.gewebot.commands.chat;

import io.gewebot.commands.runtime.ContactCalls;
import io.gewebot.common.work.Lane;
import io.gewebot.common.work.SharedThreads;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads the commands of every account in this class loader share: a few workers, each account's
 * commands in a {@link Lane} of their own over them (at most {@link #PER_ACCOUNT} running at once, the rest
 * waiting in the account's queue), one timer for every account's friend-request queue, and the threads of
 * the calls into the contact extension. A host of a thousand accounts makes a thousand instances of the
 * extension: threads of their own would be thousands.
 *
 * <p>Shared through a static reference count, as {@link io.gewebot.commands.store.CommandStore} shares a
 * database: the host knows nothing of these threads, so the first account's {@code start} makes them and
 * the last account's {@code close} stops them.
 */
final class CommandThreads {

    private static final Logger LOG = LoggerFactory.getLogger(CommandThreads.class);

    /** Commands of one account that may wait to be carried out; beyond them a command is refused at once. */
    static final int WAITING = 1_000;
    /** Commands of one account running at once: an account whose GeWe hangs holds no more workers than this. */
    static final int PER_ACCOUNT = 2;
    /** The workers all accounts share. */
    static final int WORKERS = 8;

    private static CommandThreads shared;
    private static int users;

    /** Carry out the commands that call the contact extension, the rules' answers, the address book's refreshes. */
    final ExecutorService workers;
    /** Hands each account's turn of the friend-request queue to its lane every second; never waits itself. */
    final ScheduledExecutorService pacing;
    /** Run the calls into the contact extension, with their time limits. */
    final ExecutorService calls;

    private CommandThreads() {
        this.workers = SharedThreads.pool("command", WORKERS, false);
        this.pacing = SharedThreads.timer("pacing", false);
        this.calls = ContactCalls.threads();
    }

    /** @return the shared threads, made by the first user; give them back with {@link #release} */
    static synchronized CommandThreads acquire() {
        if (shared == null) {
            shared = new CommandThreads();
        }
        users++;
        return shared;
    }

    /**
     * @param account the account's id
     * @return the account's lane over the workers
     */
    Lane lane(String account) {
        return new Lane(account + " commands", workers, PER_ACCOUNT, WAITING);
    }

    /**
     * One account's commands closed (their lane drained): the last stops the threads.
     *
     * @param wait how long the workers may take to end what they run
     */
    void release(Duration wait) {
        synchronized (CommandThreads.class) {
            if (--users > 0) {
                return;
            }
            shared = null;
        }
        pacing.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Commands still running after {}; stopping them", wait);
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        calls.shutdownNow();
    }
}
