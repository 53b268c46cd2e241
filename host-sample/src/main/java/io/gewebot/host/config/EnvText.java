package io.gewebot.host.config;

import io.gewebot.host.config.ConfigDocument.BadValue;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code ${VAR}} in the file's texts from the environment, so that a file can be kept in version
 * control without its tokens. A text that took anything from the environment is never quoted in a
 * refusal: it may be a token.
 */
final class EnvText {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Map<String, String> env;

    EnvText(Map<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /**
     * The text with each {@code ${VAR}} replaced by the variable's value.
     *
     * @param text the text as the file has it
     * @param path its key path, for a refusal
     * @return the text as the host uses it
     * @throws BadValue when a variable is not set, or a {@code ${} does not name one
     */
    String expand(Located<String> text, String path) throws BadValue {
        Matcher m = VARIABLE.matcher(text.value());
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (m.find()) {
            String literal = text.value().substring(from, m.start());
            refuseStray(literal, text, path);
            String value = env.get(m.group(1));
            if (value == null) {
                throw new BadValue(text.line(), path, "${" + m.group(1) + "} is not set in the environment");
            }
            out.append(literal).append(value);
            from = m.end();
        }
        String rest = text.value().substring(from);
        refuseStray(rest, text, path);
        return out.append(rest).toString();
    }

    /**
     * {@code ", not 'value'"} for a refusal of a value the file says itself; nothing for one with a
     * value from the environment.
     */
    String quoted(Located<String> text, String value) {
        return VARIABLE.matcher(text.value()).find() ? "" : ", not '" + value + "'";
    }

    private static void refuseStray(String literal, Located<String> text, String path) throws BadValue {
        if (literal.contains("${")) {
            throw new BadValue(text.line(), path, "has a ${ that names no variable; write ${NAME} with letters, "
                    + "digits and _");
        }
    }
}
