package io.gewebot.host.chat;

import io.gewebot.common.chat.Origin;
import io.gewebot.common.text.Redactor;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the bot says: replies to the conversation a command came from, and notices to every
 * admin. Chat texts go out through GeWe on a worker of their own, so no caller waits on GeWe; console
 * texts are printed. Every text passes the {@link Redactor} first.
 */
public final class ChatOutput {

    private static final Logger LOG = LoggerFactory.getLogger(ChatOutput.class);

    private final GeweMessenger messenger;
    private final Executor sender;
    private final Optional<PrintStream> console;
    private final List<String> admins;
    private final Redactor redactor;
    private final Object consoleReplies = new Object();
    private long consoleReplyCount;

    /**
     * @param messenger sends chat texts
     * @param sender where chat texts are sent, one at a time in order
     * @param console where console texts are printed; empty without a console
     * @param admins who is told of friend requests and account events
     * @param redactor removes secrets
     */
    public ChatOutput(GeweMessenger messenger, Executor sender, Optional<PrintStream> console,
            List<String> admins, Redactor redactor) {
        this.messenger = Objects.requireNonNull(messenger, "messenger");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.console = Objects.requireNonNull(console, "console");
        this.admins = List.copyOf(admins);
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /**
     * Answers in a conversation.
     *
     * @param replyTo a wxid, a group id or {@link Origin#CONSOLE}
     * @param text the text
     */
    public void reply(String replyTo, String text) {
        String safe = redactor.redact(text);
        if (Origin.CONSOLE.equals(replyTo)) {
            console.ifPresentOrElse(out -> print(out, safe), () -> LOG.info("{}", safe));
            synchronized (consoleReplies) {
                consoleReplyCount++;
                consoleReplies.notifyAll();
            }
            return;
        }
        try {
            sender.execute(() -> messenger.postText(replyTo, safe));
        } catch (RejectedExecutionException e) {
            LOG.warn("Reply to {} dropped: the reply queue is full or closed", replyTo);
        }
    }

    /**
     * Tells every admin, in chat and on the console.
     *
     * @param text the text
     */
    public void notifyAdmins(String text) {
        for (String admin : admins) {
            reply(admin, text);
        }
        console.ifPresent(out -> print(out, redactor.redact(text)));
    }

    /** @return how many replies the console has had so far, to wait for the next with {@link #awaitConsoleReply} */
    public long consoleReplies() {
        synchronized (consoleReplies) {
            return consoleReplyCount;
        }
    }

    /**
     * Waits until the console has had more replies than it had before: the console shows a command's
     * reply before it reads the operator's next line, as a terminal does.
     *
     * @param before what {@link #consoleReplies()} said before the command
     * @param wait how long at most
     */
    public void awaitConsoleReply(long before, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (consoleReplies) {
            while (consoleReplyCount <= before) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(consoleReplies, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void print(PrintStream out, String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
