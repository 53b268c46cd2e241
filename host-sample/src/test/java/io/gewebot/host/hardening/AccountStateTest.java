package io.gewebot.host.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.host.chat.AccountState;
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
}
