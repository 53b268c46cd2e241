package io.gewebot.commands.chat;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads of one account's commands, named after the account so that a thread dump tells whose they are. */
final class CommandThreads {

    /** Commands that may wait to be carried out; beyond them a command is refused at once. */
    private static final int WAITING = 1_000;

    private CommandThreads() {
    }

    /**
     * @param account the account's id
     * @return two workers for the commands that call the contact extension, the rules' answers and the
     *     address book's refreshes
     */
    static ThreadPoolExecutor workers(String account) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(WAITING),
                r -> new Thread(r, account + "-command-" + n.incrementAndGet()), new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * @param account the account's id
     * @return the thread that sends the friend requests of the queue whose turn has come
     */
    static ScheduledExecutorService queue(String account) {
        return Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, account + "-pacing"));
    }
}
