package io.gewebot.commands.chat;

import io.gewebot.common.text.Redactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.ContactOutcome;
import io.gewebot.api.Person;
import io.gewebot.common.text.Messages;
import io.gewebot.commands.pacing.RequestState;
import io.gewebot.commands.runtime.ContactCalls;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lookup sends nobody anything: whatever became of it, nothing "may have gone out". */
class OperationOutcomeLookupTest {

    private final Messages messages = Messages.of("en", ZoneOffset.UTC);
    private final Redactor redactor = new Redactor(List.of("tok"));

    @Test
    void aLookupThatTimedOutIsAPlainFailureNotAMaybeSentOne() {
        OperationOutcome sent = OperationOutcome.of(new ContactCalls.Result.TimedOut(), redactor, Duration.ofSeconds(2));
        assertThat(sent.settlement().state()).isEqualTo(RequestState.MAYBE_SENT);

        OperationOutcome looked = sent.nothingSent();

        assertThat(looked.settlement().state()).isEqualTo(RequestState.FAILED);
        assertThat(looked.failureReply(messages, messages.get("op.add", "wxid_a")))
                .isEqualTo("Friend request to wxid_a failed: the plugin did not answer within 2s");
    }

    @Test
    void aFoundAnswerToASendIsTakenAsMaybeSent() {
        OperationOutcome outcome = OperationOutcome.of(new ContactCalls.Result.Answered(
                new ContactOutcome.Found(Person.asTyped("wxid_a"))), redactor, Duration.ofSeconds(2));

        assertThat(outcome.settlement().state()).isEqualTo(RequestState.MAYBE_SENT);
        assertThat(outcome.done()).isFalse();
    }
}
