package io.gewebot.commands.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.Done;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An extension that answers, throws, hangs or answers nothing, called as the host calls it. */
class ContactCallsTest {

    private static final Done DONE = new Done(Optional.empty(), Optional.empty());
    private static final Function<ContactAction, ContactOutcome> ADD = a -> a.add(AddRequest.of("wxid_a"));

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHangingCalls() {
        release.countDown();
    }

    @Test
    void anAnsweringExtensionsOutcomeIsReturnedFromAThreadOfItsOwn() {
        Thread[] ranOn = new Thread[1];
        try (ContactCalls calls = new ContactCalls(Duration.ofSeconds(5), 2)) {
            ContactCalls.Result result = calls.call(extension(() -> {
                ranOn[0] = Thread.currentThread();
                return DONE;
            }), ADD);

            assertThat(result).isEqualTo(new ContactCalls.Result.Answered(DONE));
            assertThat(ranOn[0]).isNotSameAs(Thread.currentThread());
            assertThat(ranOn[0].getName()).startsWith("plugin-call-");
            assertThat(ranOn[0].isDaemon()).as("a hung call must not keep the host from exiting").isTrue();
        }
    }

    @Test
    void aThrowingExtensionIsAFailureNamingTheError() {
        try (ContactCalls calls = new ContactCalls(Duration.ofSeconds(5), 2)) {
            assertThat(calls.call(extension(() -> {
                throw new IllegalStateException("broken on purpose");
            }), ADD)).isEqualTo(new ContactCalls.Result.Threw("IllegalStateException: broken on purpose"));
            assertThat(calls.call(extension(() -> null), ADD))
                    .isEqualTo(new ContactCalls.Result.Threw("the extension answered null"));
        }
    }

    @Test
    void aHangingExtensionTimesOutAfterTheLimitAndFurtherCallsBeyondTheBoundAreRefusedAsBusy() {
        try (ContactCalls calls = new ContactCalls(Duration.ofMillis(200), 2)) {
            // An extension that ignores the interrupt of its timed-out call keeps its thread.
            ContactAction hanging = extension(() -> {
                while (true) {
                    try {
                        release.await();
                        return DONE;
                    } catch (InterruptedException ignored) {
                        // Deaf on purpose.
                    }
                }
            });
            ContactAction answering = extension(() -> DONE);

            long started = System.nanoTime();
            assertThat(calls.call(hanging, ADD)).isInstanceOf(ContactCalls.Result.TimedOut.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(calls.call(hanging, ADD)).isInstanceOf(ContactCalls.Result.TimedOut.class);

            assertThat(calls.call(answering, ADD)).isInstanceOf(ContactCalls.Result.Busy.class);
            release.countDown();
            assertThat(awaitAnswered(calls, answering)).isEqualTo(new ContactCalls.Result.Answered(DONE));
        }
    }

    @Test
    void callsOneAfterAnotherAreNeverRefusedEvenAtABoundOfOne() {
        // A thread that has just answered is not at once free for the next call; the bound counts
        // calls, not free threads, so a caller that waits for each answer is never told "busy".
        try (ContactCalls calls = new ContactCalls(Duration.ofSeconds(5), 1)) {
            ContactAction answering = extension(() -> DONE);
            for (int i = 0; i < 2_000; i++) {
                assertThat(calls.call(answering, ADD)).as("call %d", i).isEqualTo(new ContactCalls.Result.Answered(DONE));
            }
        }
    }

    @Test
    void aCallAfterCloseIsRefusedAsBusy() {
        ContactCalls calls = new ContactCalls(Duration.ofSeconds(5), 4);
        ContactAction answering = extension(() -> DONE);
        calls.call(answering, ADD);

        calls.close();

        assertThat(calls.call(answering, ADD)).isInstanceOf(ContactCalls.Result.Busy.class);
    }

    /** The threads of the calls that hung end once released; until then a call may still be refused. */
    private static ContactCalls.Result awaitAnswered(ContactCalls calls, ContactAction action) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        ContactCalls.Result result;
        do {
            result = calls.call(action, ADD);
        } while (result instanceof ContactCalls.Result.Busy && System.nanoTime() < deadline);
        return result;
    }

    @FunctionalInterface
    private interface Answer {
        ContactOutcome get() throws Exception;
    }

    private static ContactAction extension(Answer answer) {
        return (ContactAction) Proxy.newProxyInstance(ContactCallsTest.class.getClassLoader(),
                new Class<?>[] {ContactAction.class}, (proxy, method, args) -> {
                    if (method.getName().equals("add")) {
                        return answer.get();
                    }
                    return null;
                });
    }
}
