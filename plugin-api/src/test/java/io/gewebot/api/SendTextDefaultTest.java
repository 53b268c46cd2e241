package io.gewebot.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.ContactOutcome.Reason;
import io.gewebot.api.ContactOutcome.Refused;
import org.junit.jupiter.api.Test;

/** An extension written before {@link ContactAction#sendText} existed refuses a text plainly: unsupported. */
class SendTextDefaultTest {

    private final ContactAction old = new CheckAccountDefaultTest.OldExtension();

    @Test
    void aTextIsRefusedAsUnsupportedLikeTheAddressBook() {
        assertThat(old.sendText("wxid_a", "Welcome!"))
                .isEqualTo(new Refused(Reason.UNSUPPORTED, "sendText is not supported"))
                .isEqualTo(ContactOutcome.unsupported("sendText"));
        assertThat(old.sendText("123456@chatroom", "Hello, all"))
                .isEqualTo(new Refused(Reason.UNSUPPORTED, "sendText is not supported"));
    }
}
