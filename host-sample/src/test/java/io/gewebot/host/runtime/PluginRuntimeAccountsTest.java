package io.gewebot.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each account has extension instances of its own, configured with its settings; the plugins are loaded once. */
class PluginRuntimeAccountsTest {

    /** A classpath extension that keeps the appId it was configured with. */
    public static final class Recording implements ContactAction {
        String appId = "";
        boolean closed;

        /** For {@link java.util.ServiceLoader}. */
        public Recording() {
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void configure(ContactSettings settings) {
            appId = settings.appId();
        }

        @Override
        public ContactOutcome add(io.gewebot.api.AddRequest request) {
            return ContactOutcome.unsupported("add");
        }

        @Override
        public ContactOutcome accept(FriendRequest request, String message) {
            return ContactOutcome.unsupported("accept");
        }

        @Override
        public ContactOutcome reject(FriendRequest request, String message) {
            return ContactOutcome.unsupported("reject");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @TempDir
    Path dir;

    private static ContactSettings account(String appId) {
        return ContactSettings.of(Map.of(ContactSettings.BASE_URL, "http://127.0.0.1:9/v2/api",
                ContactSettings.TOKEN, "t", ContactSettings.APP_ID, appId));
    }

    @Test
    void everyAccountGetsItsOwnInstanceConfiguredWithItsSettings() throws IOException {
        Path services = Files.createDirectories(dir.resolve("cp/META-INF/services"));
        Files.writeString(services.resolve(ContactAction.class.getName()), Recording.class.getName() + "\n");
        ClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()}, getClass().getClassLoader());

        try (PluginRuntime first = new PluginRuntime(dir.resolve("plugins"), account("wx_aaa"), loader)) {
            first.start();
            PluginRuntime second = first.forAccount(account("wx_bbb"));
            second.start();

            Recording a = (Recording) first.primary().orElseThrow().action().orElseThrow();
            Recording b = (Recording) second.primary().orElseThrow().action().orElseThrow();
            assertThat(a).isNotSameAs(b);
            assertThat(a.appId).isEqualTo("wx_aaa");
            assertThat(b.appId).isEqualTo("wx_bbb");
            assertThat(second.plugins()).isEqualTo(first.plugins());

            // An account's close is its own: the other's extension stays usable.
            second.close();
            assertThat(b.closed).isTrue();
            assertThat(a.closed).isFalse();
            assertThat(first.primary()).isPresent();
        }
    }
}
