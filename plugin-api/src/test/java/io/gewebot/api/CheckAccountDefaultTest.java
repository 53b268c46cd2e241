package io.gewebot.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An extension written before {@link ContactAction#checkAccount()} existed still says something plain. */
class CheckAccountDefaultTest {

    /** Implements only what the first version of the contract asked for. */
    static final class OldExtension implements ContactAction {
        @Override
        public String name() {
            return "old";
        }

        @Override
        public void configure(ContactSettings settings) {
        }

        @Override
        public ContactOutcome add(AddRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ContactOutcome accept(FriendRequest request, String message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ContactOutcome reject(FriendRequest request, String message) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void anExtensionThatDoesNotAskItsPlatformSaysItCannotTell() {
        assertThat(new OldExtension().checkAccount()).isEqualTo(new AccountCheck.Unsupported());
    }

    @Test
    void aFailedCheckCarriesItsFailure() {
        ContactOutcome.Failed refused = ContactOutcome.Failed.platform(ContactOutcome.FailureKind.TOKEN_INVALID, 500,
                "token refused", null, null);

        assertThat(new AccountCheck.Failed(refused).failure().kind()).isEqualTo(ContactOutcome.FailureKind.TOKEN_INVALID);
        assertThatThrownBy(() -> new AccountCheck.Failed(null)).isInstanceOf(NullPointerException.class);
    }
}
