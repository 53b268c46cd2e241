package io.gewebot.api.chat;

import java.util.Objects;

/**
 * One command a {@link ChatExtension} answers, as a host lists it in its help.
 *
 * @param name the command's word without the slash, such as {@code add}
 * @param usage how it is typed, such as {@code /add <wxid|WeChat ID|phone> [greeting...]}
 * @param description what it does, in one line, in the account's language
 */
public record CommandInfo(String name, String usage, String description) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     * @throws IllegalArgumentException when the name is blank or starts with a slash
     */
    public CommandInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(description, "description");
        if (name.isBlank() || name.startsWith("/")) {
            throw new IllegalArgumentException("a command's name is its word without the slash: " + name);
        }
    }
}
