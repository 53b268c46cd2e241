package io.gewebot.contacts.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.Done;
import io.gewebot.api.ContactOutcome.Reason;
import io.gewebot.api.ContactOutcome.Refused;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.RecordedCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/** A plain PF4J host loads the built jar from a plugins folder and gets a working extension. */
class Pf4jLoadingIT {

    @TempDir
    Path plugins;

    private GeweSandbox gewe;

    @BeforeEach
    void start() throws IOException {
        PluginJar.assertNotOnTestClassPath();
        Files.copy(PluginJar.path(), plugins.resolve("plugin-gewe-contacts.jar"));
        gewe = GeweSandbox.start();
    }

    @AfterEach
    void stop() {
        gewe.close();
    }

    @Test
    void theJarLoadsAsPluginGeweContactsWithItsDescriptor() {
        PluginManager manager = new DefaultPluginManager(plugins);
        manager.loadPlugins();
        manager.startPlugins();
        try {
            PluginWrapper plugin = manager.getPlugin("gewe-contacts");
            assertThat(plugin).isNotNull();
            assertThat(plugin.getPluginState()).isEqualTo(PluginState.STARTED);
            assertThat(plugin.getPlugin().getClass().getName()).isEqualTo(PluginJar.PLUGIN_CLASS);
            PluginDescriptor descriptor = plugin.getDescriptor();
            assertThat(descriptor.getVersion()).isEqualTo(System.getProperty("plugin.version"));
            assertThat(descriptor.getProvider()).isEqualTo("io.gewebot");
            assertThat(descriptor.getRequires()).isEqualTo(System.getProperty("plugin.requires"));
        } finally {
            manager.unloadPlugins();
        }
    }

    @Test
    void theExtensionAddsAFriendThroughGeweAndStoppingThePluginClosesIt() throws IOException {
        PluginManager manager = new DefaultPluginManager(plugins);
        manager.loadPlugins();
        manager.startPlugins();
        try {
            List<ContactAction> actions = manager.getExtensions(ContactAction.class);
            assertThat(actions).hasSize(1);
            ContactAction action = actions.get(0);
            assertThat(action.getClass().getName()).isEqualTo(PluginJar.ACTION_CLASS);
            assertThat(action.getClass().getClassLoader())
                    .isSameAs(manager.getPlugin("gewe-contacts").getPluginClassLoader());
            assertThat(action.name()).isEqualTo("gewe-contacts");
            action.configure(PluginJar.settings(gewe));

            ContactOutcome outcome = action.add(AddRequest.of("wxid_demo"));

            assertThat(outcome).isEqualTo(new Done(Optional.of("wxid_demo"), Optional.of("Demo Friend-to-be")));
            RecordedCall search = gewe.calls("/contacts/search").get(0);
            assertThat(search.json()).isEqualTo(new ObjectMapper().readTree(
                    "{\"appId\":\"" + gewe.appId() + "\",\"contactsInfo\":\"wxid_demo\"}"));
            assertThat(search.header("X-GEWE-TOKEN")).isEqualTo(gewe.token());
            RecordedCall add = gewe.calls("/contacts/addContacts").get(0);
            assertThat(add.json().get("content").asText()).isEqualTo("Hello from the jar");
            assertThat(add.json().get("scene").asInt()).isEqualTo(3);
            assertThat(add.json().get("option").asInt()).isEqualTo(2);

            stopAll(manager);

            assertThat(manager.getPlugin("gewe-contacts").getPluginState()).isEqualTo(PluginState.STOPPED);
            assertThat(action.add(AddRequest.of("wxid_demo")))
                    .isEqualTo(new Refused(Reason.NOT_CONFIGURED, "gewe-contacts is not configured"));
            assertThat(gewe.calls()).hasSize(2);
        } finally {
            manager.unloadPlugins();
        }
    }

    @Test
    void aHostThatDeclaresItsOwnDevelopmentVersionAcceptsThePlugin() {
        DefaultPluginManager manager = new DefaultPluginManager(plugins);
        manager.setSystemVersion("1.0.0-SNAPSHOT");
        manager.loadPlugins();
        manager.startPlugins();
        try {
            assertThat(manager.getPlugin("gewe-contacts").getPluginState()).isEqualTo(PluginState.STARTED);
            assertThat(manager.getExtensions(ContactAction.class)).hasSize(1);
        } finally {
            manager.unloadPlugins();
        }
    }

    @Test
    void unloadingThePluginAlsoClosesItsExtensions() {
        PluginManager manager = new DefaultPluginManager(plugins);
        manager.loadPlugins();
        manager.startPlugins();
        ContactAction action = manager.getExtensions(ContactAction.class).get(0);
        action.configure(PluginJar.settings(gewe));

        manager.unloadPlugins();

        assertThat(action.add(AddRequest.of("wxid_demo")))
                .isEqualTo(new Refused(Reason.NOT_CONFIGURED, "gewe-contacts is not configured"));
        assertThat(gewe.calls()).isEmpty();
    }

    @Test
    void aHostOfTheNextMajorVersionDoesNotStartIt() {
        DefaultPluginManager manager = new DefaultPluginManager(plugins);
        manager.setSystemVersion("2.0.0");
        manager.loadPlugins();
        manager.startPlugins();
        try {
            PluginWrapper plugin = manager.getPlugin("gewe-contacts");
            assertThat(plugin == null || plugin.getPluginState() != PluginState.STARTED).isTrue();
            assertThat(manager.getExtensions(ContactAction.class)).isEmpty();
        } finally {
            manager.unloadPlugins();
        }
    }

    /**
     * Stops every started plugin one by one. PF4J 3.15.0's own stopPlugins() removes each plugin from
     * the list it is iterating and then throws ConcurrentModificationException (pf4j/pf4j#656).
     */
    private static void stopAll(PluginManager manager) {
        for (PluginWrapper plugin : List.copyOf(manager.getStartedPlugins())) {
            manager.stopPlugin(plugin.getPluginId());
        }
    }
}
