package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gewebot.testkit.HostProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * On the built host: a command GeWe pushes late is not carried out and the admin is told, and every
 * command and reply arriving by HTTP leaves one line in the log.
 */
class CommandLogIT extends RigTest {

    private final ObjectMapper json = new ObjectMapper();
    private long msgId = 7_000;

    @Test
    void aCommandElevenMinutesOldIsNotCarriedOutAndTheAdminIsToldWhy() throws Exception {
        HostProcess host = rig.start(HostProcess.NO_PACING);

        int mark = rig.mark();
        pushWritten(ADMIN, "/add wxid_demo", Instant.now().minus(Duration.ofMinutes(11)));
        String notice = rig.awaitText(mark, ADMIN, "Ignored").content();
        assertThat(notice).startsWith("Ignored /add wxid_demo: it was written at ")
                .contains(", 11m ")
                .endsWith("ago, and commands older than 10m are not carried out (WeChat delivered it late)."
                        + " Send it again if it is still wanted.");
        host.awaitLine(Pattern.compile("Ignored command /add wxid_demo from " + ADMIN + " in " + ADMIN
                + " \\(account " + gewe.appId() + "\\): written at .*older than the limit of PT10M"), Rig.WAIT);

        // The same command written now is carried out; the late one made no GeWe contact call at all.
        assertThat(rig.ask("/add wxid_demo", "wxid_demo")).isEqualTo("Friend request sent to Demo Friend-to-be (wxid_demo).");
        assertThat(gewe.calls("/contacts/search")).hasSize(1);
        assertThat(rig.addContacts(2)).hasSize(1);
    }

    @Test
    void aCommandWithinTheAgeLimitIsCarriedOut() throws Exception {
        rig.start(HostProcess.NO_PACING);

        int mark = rig.mark();
        pushWritten(ADMIN, "/add wxid_demo", Instant.now().minus(Duration.ofMinutes(9)));
        assertThat(rig.awaitText(mark, ADMIN, "wxid_demo").content())
                .isEqualTo("Friend request sent to Demo Friend-to-be (wxid_demo).");
    }

    @Test
    void everyCommandAndEveryReplyFromChatLeavesOneLogLine() throws Exception {
        HostProcess host = rig.start(HostProcess.NO_PACING);
        String where = " from " + ADMIN + " in " + ADMIN + " \\(account " + Pattern.quote(gewe.appId()) + "\\)";

        rig.ask("/help", "Commands:");
        host.awaitLine(Pattern.compile("INFO\\].*Command /help" + where + "$", Pattern.MULTILINE), Rig.WAIT);
        host.awaitLine(Pattern.compile("INFO\\].*Reply to /help" + where + ": Commands: …$", Pattern.MULTILINE), Rig.WAIT);

        rig.ask("/add wxid_demo hello there", "Friend request sent");
        host.awaitLine(Pattern.compile("INFO\\].*Command /add wxid_demo" + where + "$", Pattern.MULTILINE), Rig.WAIT);
        host.awaitLine(Pattern.compile("INFO\\].*Reply to /add wxid_demo" + where
                + ": Friend request sent to Demo Friend-to-be \\(wxid_demo\\)\\.$", Pattern.MULTILINE), Rig.WAIT);
        // The greeting is the admin's words to someone else: it stays out of the log.
        assertThat(host.output()).doesNotContain("hello there");
    }

    /** Pushes a private text with a given CreateTime. */
    private void pushWritten(String from, String text, Instant writtenAt) throws Exception {
        ObjectNode body = (ObjectNode) json.readTree(gewe.callbacks().textJson(from, text, ++msgId));
        ((ObjectNode) body.get("Data")).put("CreateTime", writtenAt.getEpochSecond());
        assertThat(gewe.callbacks().pushRaw(body.toString())).isEqualTo(200);
    }
}
