package io.gewebot.commands.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.common.work.Lane;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommandThreadsTest {

    @Test
    void everyAccountsCommandsShareTheThreadsWhichTheLastToCloseStops() throws Exception {
        CommandThreads first = CommandThreads.acquire();
        CommandThreads second = CommandThreads.acquire();
        assertThat(second).isSameAs(first);

        first.release(Duration.ofSeconds(5));
        assertThat(first.workers.isShutdown()).as("stopped while another account's commands use them").isFalse();
        second.release(Duration.ofSeconds(5));
        assertThat(first.workers.isShutdown()).isTrue();
        assertThat(first.pacing.isShutdown()).isTrue();
        assertThat(first.calls.isShutdown()).isTrue();

        CommandThreads again = CommandThreads.acquire();
        try {
            assertThat(again).as("made anew by the next start").isNotSameAs(first);
        } finally {
            again.release(Duration.ofSeconds(5));
        }
    }

    @Test
    void anAccountWhoseCallsHangHoldsTwoWorkersAndTheOtherAccountsCommandsGoOn() throws Exception {
        CommandThreads threads = CommandThreads.acquire();
        try {
            Lane hanging = threads.lane("wx_hanging");
            Lane other = threads.lane("wx_other");
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger running = new AtomicInteger();
            for (int i = 0; i < 5; i++) {
                hanging.execute(() -> {
                    running.incrementAndGet();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            CountDownLatch done = new CountDownLatch(50);
            for (int i = 0; i < 50; i++) {
                other.execute(done::countDown);
            }
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(running).hasValue(CommandThreads.PER_ACCOUNT);
            assertThat(hanging.waiting()).isEqualTo(5 - CommandThreads.PER_ACCOUNT);
            release.countDown();
            assertThat(hanging.drain(Duration.ofSeconds(5))).isTrue();
            assertThat(running).hasValue(5);
        } finally {
            threads.release(Duration.ofSeconds(5));
        }
    }
}
