package io.gewebot.host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the plugins are and how the host uses them.
 *
 * @param dir the plugins folder
 * @param timeout how long one plugin operation may take before the command fails
 * @param contactExtension the name of the extension contact commands use; empty for the first usable
 *     one (plugins in the order of their ids, then the classpath)
 */
public record PluginsConfig(Path dir, Duration timeout, String contactExtension) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     */
    public PluginsConfig {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(contactExtension, "contactExtension");
    }
}
