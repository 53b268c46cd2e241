package io.gewebot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServedCallsTest {

    private final GeweSandbox sandbox = GeweSandbox.start();
    private final GeweClient client = new GeweClient(sandbox);

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void eachAnsweredRequestIsListedWithItsPathInsideTheClientsOwnTimeline() {
        long before = System.nanoTime();
        client.call("/contacts/search", "contactsInfo", GeweSandbox.DEMO_STRANGER);
        client.call("/message/postText", "toWxid", "wxid_demo_friend", "content", "hello");
        long after = System.nanoTime();

        List<ServedCall> served = sandbox.servedCalls();

        assertThat(served).extracting(ServedCall::path).containsExactly("/contacts/search", "/message/postText");
        assertThat(served.get(0).startedNanos()).isGreaterThanOrEqualTo(before);
        assertThat(served.get(0).answeredNanos()).isLessThanOrEqualTo(served.get(1).startedNanos());
        assertThat(served.get(1).answeredNanos()).isLessThanOrEqualTo(after);
        assertThat(served).allSatisfy(call -> assertThat(call.handlingTime()).isPositive());
    }

    @Test
    void aDelayedAnswerCountsAsTheSandboxsOwnTime() {
        sandbox.faults().once("/message/postText", Fault.delay(Duration.ofMillis(200)));

        client.call("/message/postText", "toWxid", "wxid_demo_friend", "content", "late");

        assertThat(sandbox.servedCalls()).singleElement()
                .satisfies(call -> assertThat(call.handlingTime()).isGreaterThanOrEqualTo(Duration.ofMillis(200)));
    }

    @Test
    void aCallCutShortByAFaultIsRecordedButNotListedAsServed() {
        sandbox.faults().once("/message/postText", Fault.httpStatus(502));

        client.post("/message/postText", client.body("toWxid", "wxid_demo_friend", "content", "x").toString(),
                sandbox.token());

        assertThat(sandbox.calls("/message/postText")).hasSize(1);
        assertThat(sandbox.servedCalls()).isEmpty();
    }

    @Test
    void clearRecordsForgetsServedCalls() {
        client.call("/login/checkOnline");

        sandbox.clearRecords();

        assertThat(sandbox.servedCalls()).isEmpty();
    }
}
