package io.gewebot.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ContactCallsThreadsTest {

    /** Extensions of two plugins, as PF4J would load them: each class from a class loader of its own. */
    private final Set<Thread> ranFirst = ConcurrentHashMap.newKeySet();
    private final Set<Thread> ranSecond = ConcurrentHashMap.newKeySet();
    private final ContactAction first = extensionIn(new ClassLoader(getClass().getClassLoader()) { }, ranFirst);
    private final ContactAction second = extensionIn(new ClassLoader(getClass().getClassLoader()) { }, ranSecond);

    @Test
    void threadsThatRanOnePluginsExtensionNeverRunAnotherPluginsAndEndOnceItIsReplaced() throws Exception {
        try (ContactCalls calls = new ContactCalls(Duration.ofSeconds(5), 4)) {
            for (int i = 0; i < 3; i++) {
                assertThat(calls.call(first, a -> a.add(AddRequest.of("wxid_a"))))
                        .isInstanceOf(ContactCalls.Result.Answered.class);
            }
            for (int i = 0; i < 3; i++) {
                assertThat(calls.call(second, a -> a.add(AddRequest.of("wxid_b"))))
                        .isInstanceOf(ContactCalls.Result.Answered.class);
            }

            assertThat(ranFirst).isNotEmpty().doesNotContainAnyElementsOf(ranSecond);
            for (Thread thread : ranFirst) {
                thread.join(5_000);
                assertThat(thread.isAlive()).as("a thread that ran the replaced plugin").isFalse();
            }
        }
    }

    @Test
    void aCallAfterCloseIsRefusedAsBusy() {
        ContactCalls calls = new ContactCalls(Duration.ofSeconds(5), 4);
        calls.call(first, a -> a.add(AddRequest.of("wxid_a")));

        calls.close();

        assertThat(calls.call(first, a -> a.add(AddRequest.of("wxid_a")))).isInstanceOf(ContactCalls.Result.Busy.class);
        assertThat(calls.call(second, a -> a.add(AddRequest.of("wxid_b")))).isInstanceOf(ContactCalls.Result.Busy.class);
    }

    private static ContactAction extensionIn(ClassLoader loader, Set<Thread> ranOn) {
        ContactAction action = (ContactAction) Proxy.newProxyInstance(loader, new Class<?>[] {ContactAction.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("add")) {
                        ranOn.add(Thread.currentThread());
                        return new ContactOutcome.Done(Optional.empty(), Optional.empty());
                    }
                    return null;
                });
        assertThat(action.getClass().getClassLoader()).isSameAs(loader);
        return action;
    }
}
