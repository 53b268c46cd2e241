package io.gewebot.host.config;

import io.gewebot.host.rules.FriendRequestRules;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the configuration file configures. Each part is what the file says, or the part's default where
 * it says nothing; where a flag or an environment variable says the same thing, the caller lets the
 * flag or the variable win.
 *
 * @param friendRequestRules the {@code friendRequests:} part; {@link FriendRequestRules#none()} when absent
 */
public record ConfigFile(FriendRequestRules friendRequestRules) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     */
    public ConfigFile {
        Objects.requireNonNull(friendRequestRules, "friendRequestRules");
    }

    /** @return what the host runs with when there is no file */
    public static ConfigFile none() {
        return new ConfigFile(FriendRequestRules.none());
    }

    /**
     * Reads a configuration file: YAML in UTF-8, each key known, each value of its kind. An empty file
     * configures nothing.
     *
     * @param file the file, as the operator named it (relative to the working directory)
     * @return what it configures
     * @throws ConfigFileException at the first problem, naming the file, the line and the key
     */
    public static ConfigFile read(Path file) throws ConfigFileException {
        return ConfigFileReader.read(Objects.requireNonNull(file, "file"));
    }
}
