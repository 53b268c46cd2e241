package io.gewebot.commands.chat;

import io.gewebot.common.chat.AccountState;
import io.gewebot.common.text.Redactor;

import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.commands.runtime.ContactCalls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call of the contact extension the host gives ({@link io.gewebot.api.chat.ChatContext#contacts()}), within
 * the plugin time limit, read as an
 * {@link OperationOutcome}: what the router and the friend-request answers share. An answer that says
 * the account is offline marks it so.
 */
final class ExtensionCall {

    private static final Logger LOG = LoggerFactory.getLogger(ExtensionCall.class);

    private final Supplier<ContactAction> contacts;
    private final ContactCalls calls;
    private final Redactor redactor;
    private final AccountState account;

    ExtensionCall(Supplier<ContactAction> contacts, ContactCalls calls, Redactor redactor, AccountState account) {
        this.contacts = Objects.requireNonNull(contacts, "contacts");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.account = Objects.requireNonNull(account, "account");
    }

    OperationOutcome invoke(Function<ContactAction, ContactOutcome> operation) {
        ContactAction extension = contacts.get();
        ContactCalls.Result result = calls.call(extension, operation);
        OperationOutcome outcome = OperationOutcome.of(result, redactor, calls.timeout());
        if (outcome.failure().isPresent()) {
            // The platform's own words are for the log only: the replies say the kind in the admin's language.
            LOG.warn("GeWe operation failed ({}): {}", outcome.failure().get().kind(),
                    redactor.redact(outcome.failure().get().texts()));
        } else if (outcome.answer().orElse(null) instanceof ContactOutcome.Refused refused) {
            LOG.info("Extension {} refused ({}): {}", extension.name(), refused.reason(),
                    redactor.redact(refused.detail()));
        } else if (outcome.answer().isEmpty()) {
            LOG.warn("Extension {} did not complete: {}", extension.name(), outcome.settlement().detail());
        }
        if (outcome.accountOffline()) {
            account.markOffline();
        }
        return outcome;
    }

    /** Sleeps until a booked slot (an answer's, a search's); at once when it has come. */
    static void waitUntil(Clock clock, Instant slot) {
        long ms = Duration.between(clock.instant(), slot).toMillis();
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
