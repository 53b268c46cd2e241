package io.gewebot.host.e2e;

import io.gewebot.testkit.HostProcess;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The jars this build made, as the integration tests run them: the host jar and the GeWe plugin jar
 * (paths from the {@code host.jar} and {@code plugin.jar} system properties failsafe sets), and the
 * JVM options every test host gets.
 */
public final class BuiltHost {

    /** How long a host may take to start listening. */
    public static final Duration START_LIMIT = Duration.ofSeconds(60);

    private BuiltHost() {
    }

    public static Path hostJar() {
        return Path.of(System.getProperty("host.jar", "target/host-sample.jar"));
    }

    public static Path pluginJar() {
        return Path.of(System.getProperty("plugin.jar", "target/plugins/plugin-gewe-contacts.jar"));
    }

    /** @return the contact commands' plugin jar, which a plugins folder holds beside the GeWe plugin */
    public static Path commandsJar() {
        return Path.of(System.getProperty("commands.jar", "target/plugins/plugin-contact-commands.jar"));
    }

    /**
     * A host of the built jar working in a folder, with a small heap and the quick JIT only: many
     * hosts start one after another on a small machine, and none runs long.
     */
    public static HostProcess.Builder builder(Path workDir) {
        return HostProcess.builder(hostJar(), workDir).jvmArgs("-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    }
}
