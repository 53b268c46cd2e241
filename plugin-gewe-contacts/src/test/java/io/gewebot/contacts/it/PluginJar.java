package io.gewebot.contacts.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.ContactSettings;
import io.gewebot.sandbox.GeweSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

/**
 * The plugin jar Maven built (failsafe passes its path as {@code plugin.jar}), and what every jar test
 * relies on: that the plugin is not on the test class path by any other way.
 */
final class PluginJar {

    static final String ACTION_CLASS = "io.gewebot.contacts.GeweContactAction";
    static final String PLUGIN_CLASS = "io.gewebot.contacts.GeweContactsPlugin";

    private PluginJar() {
    }

    /** @return the jar, checked to exist */
    static Path path() {
        String property = System.getProperty("plugin.jar");
        assertThat(property).as("system property plugin.jar (set by the failsafe configuration)").isNotBlank();
        Path jar = Path.of(property);
        assertThat(jar).isRegularFile();
        return jar;
    }

    /** Fails unless the test class path is free of the plugin, so only the jar can have supplied it. */
    static void assertNotOnTestClassPath() throws IOException {
        ClassLoader tests = PluginJar.class.getClassLoader();
        assertThat(tests.getResource(ACTION_CLASS.replace('.', '/') + ".class")).isNull();
        assertThat(tests.getResource("META-INF/services/io.gewebot.api.ContactAction")).isNull();
        assertThat(tests.getResource("org/apache/hc/client5/http/impl/classic/HttpClients.class")).isNull();
        // PF4J also reads every extension index on the application class path.
        for (URL index : Collections.list(tests.getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(index.toString())
                        .doesNotContain(ACTION_CLASS);
            }
        }
    }

    static ContactSettings settings(GeweSandbox gewe) {
        return ContactSettings.of(Map.of(
                ContactSettings.BASE_URL, gewe.baseUrl(),
                ContactSettings.TOKEN, gewe.token(),
                ContactSettings.APP_ID, gewe.appId(),
                ContactSettings.DEFAULT_GREETING, "Hello from the jar"));
    }
}
