package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static io.gewebot.host.hardening.Rig.OTHER_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.testkit.HostProcess;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The pacing rules as an admin meets them on the built host against a GeWe that is not the embedded
 * sandbox: back-off after a 频繁 answer from GeWe, the warm-up and its override, and the daily cap.
 */
class PacingIT extends RigTest {

    static final String OFTEN = "操作过于频繁，请稍后再试";
    static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Test
    void aFrequentAnswerFromGewePausesEveryAddAndTellsTheAdminsUntilResume() throws Exception {
        rig.start(HostProcess.NO_PACING);
        gewe.faults().once("/contacts/addContacts", Fault.ret500(OFTEN));
        int mark = rig.mark();
        Instant asked = Instant.now();
        assertThat(rig.ask("/add wxid_demo", "wxid_demo")).isEqualTo("Friend request to wxid_demo:"
                + " the outcome is not known (rate-limited). The request may have gone out, so it will not be sent again.");
        for (String admin : List.of(ADMIN, OTHER_ADMIN)) {
            String notice = rig.awaitText(mark, admin, "risk-control").content();
            assertThat(notice).startsWith("WeChat answered with a risk-control text (rate-limited). All friend "
                    + "requests are paused until ").endsWith("; /resume ends the pause.");
            // The first pause is the default back-off base, one hour.
            assertThat(shownTime(notice)).isBetween(asked.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
        }
        String until = firstTime(rig.awaitText(mark, ADMIN, "risk-control").content());

        int searches = gewe.calls("/contacts/search").size();
        assertThat(rig.ask("/add wxid_demo_alias", "paused")).isEqualTo("Friend requests are paused until " + until
                + " after a risk-control answer from WeChat. /resume ends the pause early.");
        assertThat(rig.ask("/queue", "Paused")).isEqualTo("Paused until " + until
                + " after a risk-control answer; /resume ends the pause.\nNo friend requests are waiting.");
        assertThat(gewe.calls("/contacts/search")).hasSize(searches);
        assertThat(gewe.calls("/contacts/addContacts")).hasSize(1);

        assertThat(rig.ask("/resume", "resumed")).isEqualTo("Friend requests resumed.");

        // GeWe says it again, with no request accepted in between: the pause doubles.
        gewe.faults().once("/contacts/addContacts", Fault.ret500(OFTEN));
        mark = rig.mark();
        asked = Instant.now();
        assertThat(rig.ask("/add " + GeweSandbox.DEMO_PHONE, GeweSandbox.DEMO_PHONE))
                .isEqualTo("Friend request to " + GeweSandbox.DEMO_PHONE + ":"
                        + " the outcome is not known (rate-limited). The request may have gone out, so it will not be sent again.");
        String second = rig.awaitText(mark, ADMIN, "risk-control").content();
        assertThat(shownTime(second)).isBetween(asked.plus(Duration.ofMinutes(119)), Instant.now().plus(Duration.ofMinutes(121)));

        assertThat(rig.ask("/resume", "resumed")).isEqualTo("Friend requests resumed.");
        assertThat(rig.ask("/add wxid_demo_alias", "wxid_demo_alias"))
                .isEqualTo("Friend request sent to Demo By Alias (wxid_demo_alias).");
        // A request answered with 频繁 may have reached WeChat all the same: it is never sent again.
        assertThat(rig.ask("/add wxid_demo", "wxid_demo")).startsWith("A friend request to wxid_demo was already sent at ");
        assertThat(gewe.calls("/contacts/addContacts")).hasSize(3);
    }

    @Test
    void theWarmUpHoldsAddsBackUntilOverriddenAndTheDailyCapQueuesPersistentlyUntilCancelled() throws Exception {
        // No --online-since: the host saw the account online just now, for the first time.
        HostProcess host = rig.start(List.of("--add-interval", "0s", "--add-jitter", "0s"));
        Instant started = Instant.now();
        String warmup = rig.ask("/add wxid_demo", "held back");
        assertThat(warmup).startsWith("Friend requests are held back until ").endsWith(": GeWe advises adding friends "
                + "only after the account has been online for 3d. Start the host with --skip-warmup to override.");
        assertThat(shownTime(warmup)).isBetween(started.minusSeconds(60).plus(Duration.ofDays(3)),
                Instant.now().plus(Duration.ofDays(3)));
        assertThat(gewe.calls("/contacts/search")).isEmpty();
        assertThat(host.terminate()).isZero();

        List<String> capped = List.of("--add-interval", "0s", "--add-jitter", "0s", "--skip-warmup",
                "--add-daily-cap", "1", "--search-interval", "0s");
        host = rig.start(capped);
        assertThat(rig.ask("/add wxid_demo", "wxid_demo")).isEqualTo("Friend request sent to Demo Friend-to-be (wxid_demo).");
        Instant sent = Instant.now();
        String queued = rig.ask("/add wxid_demo_alias", "wxid_demo_alias");
        assertThat(queued).startsWith("Friend request to Demo By Alias (wxid_demo_alias) queued (position 1); "
                + "expected to go out at ");
        // The cap counts any 24 hours: the next one may go a day after the first.
        assertThat(shownTime(queued)).isBetween(sent.minusSeconds(60).plus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(1)).plusSeconds(60));
        String expected = firstTime(queued);

        // The queue outlives a restart.
        assertThat(host.terminate()).isZero();
        rig.start(capped);
        assertThat(rig.ask("/queue", "Waiting")).isEqualTo("Waiting friend requests (1):\n1. Demo By Alias "
                + "(wxid_demo_alias), expected at " + expected);
        assertThat(rig.ask("/cancel wxid_demo_alias", "wxid_demo_alias"))
                .isEqualTo("Removed the queued friend request to wxid_demo_alias.");
        assertThat(rig.ask("/queue", "waiting")).isEqualTo("No friend requests are waiting.");
        assertThat(gewe.calls("/contacts/addContacts")).hasSize(1);
    }

    static String firstTime(String text) {
        Matcher m = TIME.matcher(text);
        assertThat(m.find()).as("a time in '%s'", text).isTrue();
        return m.group();
    }

    /** The first time in a reply, shown in the host's zone (the same machine as this test). */
    static Instant shownTime(String text) {
        return LocalDateTime.parse(firstTime(text), SHOWN).atZone(ZoneId.systemDefault()).toInstant();
    }
}
