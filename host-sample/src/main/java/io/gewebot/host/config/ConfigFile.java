package io.gewebot.host.config;

import io.gewebot.common.settings.FriendRequestRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the configuration file configures. Each part is what the file says, or the part's default where
 * it says nothing; where a flag or an environment variable says the same thing, the caller lets the
 * flag or the variable win.
 *
 * @param friendRequestRules the top-level {@code friendRequests:} part; {@link FriendRequestRules#none()}
 *     when absent. Beside {@code accounts:} it is the rules of each account without its own
 * @param accounts the {@code accounts:} part, in the file's order; empty when absent (the flags then
 *     describe the one account)
 */
public record ConfigFile(FriendRequestRules friendRequestRules, List<AccountSettings> accounts) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     */
    public ConfigFile {
        Objects.requireNonNull(friendRequestRules, "friendRequestRules");
        accounts = List.copyOf(accounts);
    }

    /** @return what the host runs with when there is no file */
    public static ConfigFile none() {
        return new ConfigFile(FriendRequestRules.none(), List.of());
    }

    /**
     * Reads a configuration file: YAML in UTF-8, each key known, each value of its kind. An empty file
     * configures nothing. A {@code ${VAR}} in the texts of {@code accounts:} is refused as unset.
     *
     * @param file the file, as the operator named it (relative to the working directory)
     * @return what it configures
     * @throws ConfigFileException at the first problem, naming the file, the line and the key
     */
    public static ConfigFile read(Path file) throws ConfigFileException {
        return read(file, Map.of());
    }

    /**
     * Reads a configuration file, each {@code ${VAR}} in the texts of {@code accounts:} read from
     * {@code env} (a value from there is never quoted in a refusal: it may be a token).
     *
     * @param file the file, as the operator named it (relative to the working directory)
     * @param env the environment
     * @return what it configures
     * @throws ConfigFileException at the first problem, naming the file, the line and the key; an unset
     *     variable by its name
     */
    public static ConfigFile read(Path file, Map<String, String> env) throws ConfigFileException {
        return ConfigFileReader.read(Objects.requireNonNull(file, "file"), Objects.requireNonNull(env, "env"));
    }
}
