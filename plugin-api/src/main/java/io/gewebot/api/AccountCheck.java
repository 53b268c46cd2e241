package io.gewebot.api;

import java.util.Objects;

/**
 * What the platform says about the account an extension acts for, when asked with
 * {@link ContactAction#checkAccount()}: {@link Online}, {@link Offline}, {@link Failed} (the question
 * itself failed, and the failure's kind says why, such as {@link ContactOutcome.FailureKind#TOKEN_INVALID})
 * or {@link Unsupported} (the extension cannot tell).
 *
 * <p>A host learns from it whether its access to the platform works at all, without knowing the
 * platform's wording: the extension classifies the platform's answer, as it does for every operation.
 */
public sealed interface AccountCheck
        permits AccountCheck.Online, AccountCheck.Offline, AccountCheck.Failed, AccountCheck.Unsupported {

    /** The platform says the account is logged in. */
    record Online() implements AccountCheck {
    }

    /** The platform answered, and says the account is not logged in. */
    record Offline() implements AccountCheck {
    }

    /**
     * The platform refused the question, or no usable answer came.
     *
     * @param failure what went wrong: its kind, and the platform's own texts
     */
    record Failed(ContactOutcome.Failed failure) implements AccountCheck {
        /**
         * Checks the part.
         *
         * @throws NullPointerException when it is {@code null}
         */
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** The extension has no way to ask its platform about the account. */
    record Unsupported() implements AccountCheck {
    }
}
