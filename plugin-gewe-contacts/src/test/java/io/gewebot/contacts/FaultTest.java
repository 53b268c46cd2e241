package io.gewebot.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.Done;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactOutcome.Failed;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.IncomingRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the user is told when GeWe or the network misbehaves, and that a friend request never goes out twice. */
class FaultTest {

    private static final String SEARCH = "/contacts/search";
    private static final String ADD = "/contacts/addContacts";
    /** Far beyond the response timeout the tests configure; the sandbox is closed long before it ends. */
    private static final Duration LONG_DELAY = Duration.ofSeconds(10);

    private GeweSandbox gewe;
    private GeweContactAction action;

    @BeforeEach
    void start() {
        gewe = GeweSandbox.start();
        action = new GeweContactAction(new OpenActions());
        action.configure(Fixtures.settings(gewe, Map.of(ContactSettings.RESPONSE_TIMEOUT_MS, "300")));
    }

    @AfterEach
    void stop() {
        action.close();
        gewe.close();
    }

    @Test
    void aFriendRequestWhoseAnswerTimesOutIsSentExactlyOnceAndReportedAsPossiblyDelivered() {
        gewe.faults().once(ADD, Fault.delay(LONG_DELAY));

        ContactOutcome outcome = action.add(AddRequest.of("wxid_demo", "Hi"));

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.TIMEOUT,
                "GeWe did not answer /contacts/addContacts within 300 ms", true));
        assertThat(gewe.awaitCalls(ADD, 1, Duration.ofSeconds(5))).hasSize(1);
        assertThat(gewe.outgoingRequests()).hasSize(1);
    }

    @Test
    void aSearchThatTimesOutIsNotRepeatedAndNothingIsSent() {
        gewe.faults().once(SEARCH, Fault.delay(LONG_DELAY));

        ContactOutcome outcome = action.add(AddRequest.of("wxid_demo"));

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.TIMEOUT,
                "GeWe did not answer /contacts/search within 300 ms", false));
        assertThat(gewe.calls(SEARCH)).hasSize(1);
        assertThat(gewe.calls(ADD)).isEmpty();
    }

    @Test
    void anHttpErrorStatusOnTheFriendRequestIsReportedWithItsStatusAndAsPossiblyDelivered() {
        gewe.faults().once(ADD, Fault.httpStatus(502));

        ContactOutcome outcome = action.add(AddRequest.of("wxid_demo"));

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.HTTP_STATUS, "GeWe answered HTTP 502", true));
        assertThat(gewe.calls(ADD)).hasSize(1);
    }

    @Test
    void anHttpErrorStatusOnTheSearchIsReportedAsNotDelivered() {
        gewe.faults().once(SEARCH, Fault.httpStatus(502));

        ContactOutcome outcome = action.add(AddRequest.of("wxid_demo"));

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.HTTP_STATUS, "GeWe answered HTTP 502", false));
        assertThat(gewe.calls(SEARCH)).hasSize(1);
        assertThat(gewe.calls(ADD)).isEmpty();
    }

    @Test
    void aConnectionResetOnTheFriendRequestIsNotRetriedAndIsReportedAsPossiblyDelivered() {
        gewe.faults().once(ADD, Fault.connectionReset());

        ContactOutcome outcome = action.add(AddRequest.of("wxid_demo"));

        assertThat(outcome).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.CONNECTION);
            assertThat(failed.possiblyDelivered()).isTrue();
            assertThat(failed.texts()).contains("/contacts/addContacts");
        });
        assertThat(gewe.calls(ADD)).hasSize(1);
    }

    @Test
    void aSearchWhoseConnectionWasResetIsAskedOnceMoreAndTheAddGoesThrough() {
        gewe.faults().once(SEARCH, Fault.connectionReset());

        ContactOutcome outcome = action.add(AddRequest.of("wxid_demo"));

        assertThat(outcome).isEqualTo(new Done(Optional.of("wxid_demo"), Optional.of("Demo Friend-to-be")));
        assertThat(gewe.calls(SEARCH)).hasSize(2);
        assertThat(gewe.calls(ADD)).hasSize(1);
    }

    @Test
    void aSearchIsAskedAtMostTwice() {
        gewe.faults().always(SEARCH, Fault.connectionReset());

        ContactOutcome outcome = action.add(AddRequest.of("wxid_demo"));

        assertThat(outcome).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.CONNECTION);
            assertThat(failed.possiblyDelivered()).isFalse();
        });
        assertThat(gewe.calls(SEARCH)).hasSize(2);
        assertThat(gewe.calls(ADD)).isEmpty();
    }

    @Test
    void aMalformedAnswerToTheFriendRequestIsUnreadableAndPossiblyDelivered() {
        gewe.faults().once(ADD, Fault.malformedJson());

        ContactOutcome outcome = action.add(AddRequest.of("wxid_demo"));

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.UNREADABLE_RESPONSE,
                "GeWe's answer to /contacts/addContacts is not valid JSON", true));
    }

    @Test
    void aMalformedAnswerToTheSearchIsUnreadableAndNothingIsSent() {
        gewe.faults().once(SEARCH, Fault.malformedJson());

        ContactOutcome outcome = action.add(AddRequest.of("wxid_demo"));

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.UNREADABLE_RESPONSE,
                "GeWe's answer to /contacts/search is not valid JSON", false));
        assertThat(gewe.calls(ADD)).isEmpty();
    }

    @Test
    void riskControlOnTheFriendRequestReportsGewesText() {
        gewe.faults().once(ADD, Fault.ret500("操作过于频繁，请稍后再试"));

        ContactOutcome outcome = action.add(AddRequest.of("wxid_demo"));

        assertThat(outcome).isEqualTo(new Failed(FailureKind.RATE_LIMITED, Optional.of(500),
                Optional.of("操作过于频繁，请稍后再试"), Optional.empty(), Optional.empty(), false));
        assertThat(gewe.calls(ADD)).hasSize(1);
    }

    @Test
    void aFailureWithANullMessageStillReportsItsCodeAndReadsAsAWrongToken() {
        gewe.faults().once(SEARCH, Fault.ret500(null));

        ContactOutcome outcome = action.add(AddRequest.of("wxid_demo"));

        assertThat(outcome).isEqualTo(Failed.platform(FailureKind.TOKEN_INVALID, 500, null, null, null));
    }

    @Test
    void aWrongTokenFailsWithGewesTextAndTheTokenAppearsNowhereInTheOutcome() {
        String wrongToken = "wrong-token-4711";
        action.configure(Fixtures.settings(gewe, Map.of(ContactSettings.TOKEN, wrongToken)));

        ContactOutcome outcome = action.add(AddRequest.of("wxid_demo"));

        assertThat(outcome).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.TOKEN_INVALID);
            assertThat(failed.platformCode()).contains(500);
            assertThat(failed.texts()).isEqualTo("HTTP HEADER: X-GEWE-TOKEN=xxx 不可用或已过期");
        });
        assertThat(outcome.toString()).doesNotContain(wrongToken);
        assertThat(gewe.calls(SEARCH).get(0).header("X-GEWE-TOKEN")).isEqualTo(wrongToken);
    }

    @Test
    void aTokenThatGeweEchoesInItsMessageIsMasked() {
        gewe.faults().once(SEARCH, Fault.ret500("HTTP HEADER: X-GEWE-TOKEN=" + gewe.token() + " 不可用或已过期"));

        ContactOutcome outcome = action.add(AddRequest.of("wxid_demo"));

        assertThat(((Failed) outcome).texts()).isEqualTo("HTTP HEADER: X-GEWE-TOKEN=*** 不可用或已过期");
        assertThat(((Failed) outcome).kind()).isEqualTo(FailureKind.TOKEN_INVALID);
        assertThat(outcome.toString()).doesNotContain(gewe.token());
    }

    @Test
    void anUnreachableGeweIsAConnectionFailureThatDeliveredNothing() {
        int port = Fixtures.closedPort();
        action.configure(Fixtures.settings("http://127.0.0.1:" + port + "/v2/api", gewe.token(), gewe.appId(),
                Map.of()));

        ContactOutcome added = action.add(AddRequest.of("wxid_demo"));
        ContactOutcome accepted = action.accept(new FriendRequest("wxid_bob", "Bob", "", 6, "v3_x", "v4_y",
                Instant.now()), "");

        String expected = "could not connect to GeWe at 127.0.0.1:" + port + " (Connection refused)";
        assertThat(added).isEqualTo(Failed.transport(FailureKind.CONNECTION, expected, false));
        assertThat(accepted).isEqualTo(Failed.transport(FailureKind.CONNECTION, expected, false));
    }

    @Test
    void anAcceptWhoseAnswerTimesOutIsSentOnceAndPossiblyDelivered() {
        CallbackSink sink = new CallbackSink();
        try (sink) {
            gewe.setCallbackUrl(sink.url());
            IncomingRequest pushed = gewe.callbacks().pushFriendRequest("wxid_bob", "Bob", "hi", 6);
            gewe.faults().once(ADD, Fault.delay(LONG_DELAY));

            ContactOutcome outcome = action.accept(new FriendRequest("wxid_bob", "Bob", "hi", 6, pushed.v3(),
                    pushed.v4(), Instant.now()), "");

            assertThat(outcome).isEqualTo(Failed.transport(FailureKind.TIMEOUT,
                    "GeWe did not answer /contacts/addContacts within 300 ms", true));
            assertThat(gewe.awaitCalls(ADD, 1, Duration.ofSeconds(5))).hasSize(1);
        }
    }
}
