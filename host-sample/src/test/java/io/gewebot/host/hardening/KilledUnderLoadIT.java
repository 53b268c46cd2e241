package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gewebot.testkit.HostProcess;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The host is killed (SIGKILL) while GeWe pushes an admin's commands as fast as it answers them, with the
 * callbacks' ids recorded in batches. Every callback answered 200 is acted on once: before the kill, or after
 * the restart from what was recorded. One GeWe got no answer for is pushed again with the same
 * {@code NewMsgId}, as GeWe does, and acted on once, even when the host had recorded it before it died. One
 * pushed again after a 200 is not acted on again. The only callbacks that may go unanswered are those the
 * restarted host says were being handled at the kill: they may have been, so they are never handled twice.
 */
class KilledUnderLoadIT extends RigTest {

    private static final int PUSHERS = 48;
    private static final int ANSWERED_BEFORE_KILL = 300;
    private static final Pattern COMMAND_LOGGED = Pattern.compile("Command /dismiss wxid_k(\\d+) from " + ADMIN);
    private static final Pattern RESUMED = Pattern.compile(
            "\\d+ callback\\(s\\) answered by a host that stopped before handling them are handled now");
    private static final Pattern INTERRUPTED = Pattern.compile(
            "(\\d+) callback\\(s\\) were being handled when their host stopped");

    private final AtomicLong ids = new AtomicLong(7_300_000_000_000_000_000L);
    private final Map<Long, String> bodies = new ConcurrentHashMap<>();
    private final Set<Long> answered = ConcurrentHashMap.newKeySet();
    private final Set<Long> unanswered = ConcurrentHashMap.newKeySet();

    @Test
    void everyCallbackAnswered200IsActedOnOnceAcrossAKillAndARestart() throws Exception {
        HostProcess first = rig.start(HostProcess.NO_PACING);
        int mark = rig.mark();

        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService gewePushes = Executors.newFixedThreadPool(PUSHERS);
        for (int i = 0; i < PUSHERS; i++) {
            // Pushes until the host is gone; a push the kill cut short counts as unanswered.
            gewePushes.execute(() -> {
                while (!killed.get()) {
                    pushOnce();
                }
            });
        }
        await("callbacks answered 200 before the kill").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(5)).until(() -> answered.size() >= ANSWERED_BEFORE_KILL);
        first.kill();
        killed.set(true);
        gewePushes.shutdown();
        assertThat(gewePushes.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(unanswered).as("pushes the kill cut short or refused").isNotEmpty();

        HostProcess restarted = rig.start(HostProcess.NO_PACING);
        // GeWe pushes what it got no 200 for again, with the same id, and a few answered ones by mistake.
        for (long id : unanswered) {
            assertThat(gewe.callbacks().pushRaw(bodies.get(id))).as("the re-push of " + id).isEqualTo(200);
        }
        List<Long> pushedTwice = answered.stream().sorted().limit(20).toList();
        for (long id : pushedTwice) {
            assertThat(gewe.callbacks().pushRaw(bodies.get(id))).as("a second push of " + id).isEqualTo(200);
        }

        Set<Long> all = new java.util.HashSet<>(answered);
        all.addAll(unanswered);
        // The log of both runs says which commands were carried out. The restarted host says how many callbacks it
        // found begun: those, and only those, may not have been.
        try {
            await("every command pushed carried out").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> all.size() - carriedOut(bothRuns(first)).size() <= interrupted(restarted.output()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Set<Long> missing = new java.util.HashSet<>(all);
            missing.removeAll(carriedOut(bothRuns(first)).keySet());
            throw new AssertionError(missing.size() + " of " + all.size() + " commands not carried out ("
                    + interrupted(restarted.output()) + " were being handled at the kill): " + missing
                    + "\nhost output:\n" + bothRuns(first), e);
        }
        assertThat(interrupted(restarted.output())).as("callbacks begun at the kill").isLessThanOrEqualTo(PUSHERS);
        // Late second ones would come now.
        Rig.never("a command carried out twice", Duration.ofSeconds(3),
                () -> carriedOut(bothRuns(first)).values().stream().anyMatch(n -> n > 1));
        Map<Long, Long> carriedOut = carriedOut(bothRuns(first));
        assertThat(carriedOut.keySet()).as("commands nobody sent").isSubsetOf(all);
        assertThat(carriedOut.values()).as("times each command was carried out").allMatch(n -> n == 1);
        assertThat(carriedOut.keySet()).as("answered 200 before the kill, pushed again after it").containsAll(pushedTwice);
        // A reply still queued at the kill is lost with the process; none goes out twice.
        Map<Long, Long> replies = replies(mark);
        assertThat(replies.values()).as("replies per command").allMatch(n -> n == 1);
        assertThat(restarted.output()).doesNotContain("could not be handled");
        System.out.printf("answered 200 before the kill: %d, not answered: %d; the restart: %s; begun at the kill: %d%n",
                answered.size(), unanswered.size(), RESUMED.matcher(restarted.output()).results().map(m -> m.group())
                        .findFirst().orElse("none resumed"), interrupted(restarted.output()));
    }

    /** Pushes one new command, keeping its body for a re-push. */
    private void pushOnce() {
        long id = ids.incrementAndGet();
        String body = gewe.callbacks().textJson(ADMIN, "/dismiss wxid_k" + id, id);
        bodies.put(id, body);
        int status;
        try {
            status = gewe.callbacks().pushRaw(body);
        } catch (UncheckedIOException e) {
            status = -1;
        }
        (status == 200 ? answered : unanswered).add(id);
    }

    /** @return the log of the killed run and of the runs after it, which append to the same file */
    private static String bothRuns(HostProcess first) {
        return first.output();
    }

    /** @return how many times the log says each command was carried out, by its id */
    private static Map<Long, Long> carriedOut(String output) {
        return COMMAND_LOGGED.matcher(output).results().map(m -> Long.parseLong(m.group(1)))
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    }

    /** @return the number of replies to each command, by its id (replies waiting together go out as one text) */
    private Map<Long, Long> replies(int mark) {
        Pattern reply = Pattern.compile("There is no pending friend request from wxid_k(\\d+)\\.");
        return rig.textsSince(mark).stream().filter(t -> t.toWxid().equals(ADMIN))
                .flatMap(t -> reply.matcher(t.content()).results().map(m -> Long.parseLong(m.group(1))))
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    }

    private static int interrupted(String output) {
        Matcher m = INTERRUPTED.matcher(output);
        List<Integer> found = new ArrayList<>();
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found.stream().mapToInt(Integer::intValue).sum();
    }
}
