package io.gewebot.host.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.common.chat.AccountState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Only a message written after the account went offline brings it back online. */
class AccountStateTest {

    static final Instant OFFLINE_AT = Instant.parse("2026-03-01T10:00:00.700Z");

    final AccountState account = new AccountState(Clock.fixed(OFFLINE_AT, ZoneOffset.UTC));

    @Test
    void aMessageWrittenBeforeTheAccountWentOfflineLeavesItOffline() {
        assertThat(account.markOffline()).isTrue();
        assertThat(account.messageArrived(Instant.parse("2026-03-01T09:59:59Z"))).isFalse();
        assertThat(account.offline()).isTrue();
    }

    @Test
    void aMessageOfTheSameWholeSecondOrLaterBringsItBack() {
        account.markOffline();
        assertThat(account.messageArrived(Instant.parse("2026-03-01T10:00:00Z"))).isTrue();
        assertThat(account.offline()).isFalse();
        assertThat(account.messageArrived(Instant.parse("2026-03-01T10:00:05Z"))).isFalse();
    }

    @Test
    void aSecondOfflineNoticeIsNotNewsButAMessageIsNeverEvidenceWhileOnline() {
        assertThat(account.messageArrived(Instant.EPOCH)).isFalse();
        assertThat(account.offline()).isFalse();
        assertThat(account.markOffline()).isTrue();
        assertThat(account.markOffline()).isFalse();
    }

    @Test
    void theAccountStartsUnknownAndTakesWhatGeweSaysWithTheTimeItChanged() {
        MutableInstant now = new MutableInstant(OFFLINE_AT);
        AccountState state = new AccountState(now.clock());
        assertThat(state.snapshot().status()).isEqualTo(AccountState.Status.UNKNOWN);
        assertThat(state.snapshot().status().label()).isEqualTo("unknown");

        now.set(OFFLINE_AT.plusSeconds(10));
        state.observe(AccountState.Status.ONLINE, "");
        now.set(OFFLINE_AT.plusSeconds(70));
        state.observe(AccountState.Status.ONLINE, "");
        assertThat(state.snapshot()).isEqualTo(
                new AccountState.Snapshot(AccountState.Status.ONLINE, OFFLINE_AT.plusSeconds(10), "", false));

        now.set(OFFLINE_AT.plusSeconds(130));
        state.observe(AccountState.Status.TOKEN_INVALID, "token refused");
        assertThat(state.snapshot().status().label()).isEqualTo("token-invalid");
        assertThat(state.snapshot().since()).isEqualTo(OFFLINE_AT.plusSeconds(130));
        assertThat(state.snapshot().reason()).isEqualTo("token refused");
        assertThat(state.offline()).isFalse();
    }

    @Test
    void aMessageNeverEndsARefusedToken() {
        account.observe(AccountState.Status.TOKEN_INVALID, "token refused");

        assertThat(account.messageArrived(OFFLINE_AT.plusSeconds(60))).isFalse();
        assertThat(account.snapshot().status()).isEqualTo(AccountState.Status.TOKEN_INVALID);
    }

    @Test
    void noTokenIsTokenInvalidAndSaysSo() {
        account.markNoToken();

        assertThat(account.snapshot().status()).isEqualTo(AccountState.Status.TOKEN_INVALID);
        assertThat(account.snapshot().noToken()).isTrue();
    }

    /** A clock whose instant a test sets. */
    static final class MutableInstant {
        private volatile Instant now;

        MutableInstant(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        Clock clock() {
            return new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            };
        }
    }
}
