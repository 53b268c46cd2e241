package io.gewebot.host.config;

import java.util.OptionalInt;

/**
 * The configuration file could not be used. The message names the file as it was given, the line and
 * the key path where they are known, and the problem: {@code bot.yaml line 7:
 * friendRequests.rules[0].action: must be accept, reject or ask, not 'acept'}; it never quotes more of
 * the file than the value at fault.
 */
public final class ConfigFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient OptionalInt line;
    private final String keyPath;

    ConfigFileException(String file, OptionalInt line, String keyPath, String problem) {
        super(file + line.stream().mapToObj(n -> " line " + n).findFirst().orElse("") + ": "
                + (keyPath.isEmpty() ? "" : keyPath + ": ") + problem);
        this.line = line;
        this.keyPath = keyPath;
    }

    /** @return the line at fault, counted from 1; empty when the file could not be read at all */
    public OptionalInt line() {
        return line;
    }

    /** @return the key at fault, such as {@code friendRequests.rules[0].action}; empty for the whole file */
    public String keyPath() {
        return keyPath;
    }
}
