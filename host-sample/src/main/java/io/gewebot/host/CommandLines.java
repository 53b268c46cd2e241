package io.gewebot.host;

import io.gewebot.common.settings.Durations;
import io.gewebot.common.settings.PacingPolicy;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What the host's commands ({@link HostCommand}, {@link LoginCommand}, {@link ExportCommand}) read their
 * command lines with: each option falls back to the environment variable its {@link Env} names, then to
 * its default (a pacing option's is the pacing policy's); values are converted with error messages that
 * name the option and its variable, never its value; {@code --help} lists each option's variable and
 * default.
 */
final class CommandLines {

    private CommandLines() {
    }

    /**
     * The command line for a command, its options falling back to variables of {@code env} (those
     * {@link Env} names), then to their defaults; its subcommands' option lists are shown as its own.
     *
     * @param command the object the options are read into
     * @param env the environment
     * @return the command line, not yet parsed
     */
    static CommandLine of(Object command, Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        CommandLine cli = new CommandLine(command);
        cli.registerConverter(Duration.class, CommandLines::duration);
        cli.registerConverter(Integer.TYPE, text -> convert(text, CommandLines::wholeNumber,
                "must be a whole number of at least 0"));
        cli.registerConverter(Boolean.TYPE, text -> convert(text, CommandLines::truth, "must be true or false"));
        cli.registerConverter(Instant.class, text -> convert(text, CommandLines::instant,
                "must be a date (2026-01-31) or an instant (2026-01-31T08:00:00Z)"));
        cli.setDefaultValueProvider(arg -> arg instanceof OptionSpec option && env(option) != null
                ? Optional.ofNullable(env.get(env(option).value())).map(String::strip).filter(v -> !v.isEmpty())
                        .or(() -> settingDefault(option)).orElse(null)
                : null);
        // Values from the command line and the environment are taken as they are: a "${...}" in
        // them is never expanded (from system properties or other variables).
        cli.setInterpolateVariables(false);
        // The last of a repeated flag wins, as it always has.
        cli.setOverwrittenOptionsAllowed(true);
        cli.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, CommandLines::optionList);
        cli.getSubcommands().values().forEach(sub -> sub.getHelpSectionMap()
                .put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, CommandLines::optionList));
        return cli;
    }

    /**
     * Parses the arguments into the command.
     *
     * @param cli from {@link #of}
     * @param args the command line
     * @return what was parsed
     * @throws ConfigException naming the option, and its variable, at fault
     */
    static ParseResult parse(CommandLine cli, List<String> args) throws ConfigException {
        try {
            return cli.parseArgs(args.toArray(String[]::new));
        } catch (UnmatchedArgumentException e) {
            String first = e.getUnmatched().isEmpty() ? "" : e.getUnmatched().get(0);
            // Only the name: "--gewe-tokn=<the token>" must not echo the token.
            throw new ConfigException(first.startsWith("-")
                    ? "unknown option '" + first.split("=", 2)[0] + "'; see --help"
                    : "unexpected argument '" + first + "'; see --help");
        } catch (MissingParameterException e) {
            throw new ConfigException(e.getMissing().stream()
                    .map(arg -> arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel())
                    .findFirst().orElse("an option") + " needs a value");
        } catch (ParameterException e) {
            if (e.getArgSpec() instanceof OptionSpec option && e.getCause() instanceof TypeConversionException bad) {
                throw new ConfigException(where(option) + " " + bad.getMessage());
            }
            throw new ConfigException(e.getMessage());
        }
    }

    static ConfigException bad(CommandSpec spec, String flag, String why) {
        return new ConfigException(where(spec.findOption(flag)) + " " + why);
    }

    static Path folder(Path given, Path fallback) {
        return (given == null ? fallback : given).toAbsolutePath().normalize();
    }

    /** An option as error messages name it: its flag, and its variable when it has one. */
    static String where(OptionSpec option) {
        Env env = env(option);
        return option.longestName() + (env == null ? "" : " / " + env.value());
    }

    /** The default of a pacing option: the policy's, written as the settings write it. */
    private static Optional<String> settingDefault(OptionSpec option) {
        return Optional.ofNullable(env(option)).flatMap(env -> PacingPolicy.defaultSetting(env.setting()));
    }

    private static Env env(OptionSpec option) {
        return option.userObject() instanceof AnnotatedElement field ? field.getAnnotation(Env.class) : null;
    }

    /** The option list of {@code --help}, each option followed by its variable and default. */
    private static String optionList(Help help) {
        Help.Layout plain = help.createDefaultLayout();
        Help.IOptionRenderer rows = plain.optionRenderer();
        Help.Layout layout = new Help.Layout(plain.colorScheme(), plain.textTable(),
                (option, labels, scheme) -> withEnvAndDefault(rows.render(option, labels, scheme), option, scheme),
                plain.parameterRenderer());
        return help.optionList(layout, null, help.parameterLabelRenderer());
    }

    private static Help.Ansi.Text[][] withEnvAndDefault(Help.Ansi.Text[][] rows, OptionSpec option,
            Help.ColorScheme scheme) {
        Env env = env(option);
        List<String> notes = new ArrayList<>();
        if (env != null) {
            notes.add("env " + env.value());
        }
        String shown = option.defaultValue() != null ? option.defaultValue()
                : settingDefault(option).orElse(env == null ? "" : env.unset());
        if (!shown.isEmpty()) {
            notes.add("default: " + shown);
        }
        if (notes.isEmpty() || rows.length == 0) {
            return rows;
        }
        Help.Ansi.Text[] note = new Help.Ansi.Text[rows[0].length];
        Arrays.fill(note, scheme.text(""));
        note[note.length - 1] = scheme.text("[" + String.join("; ", notes) + "]");
        Help.Ansi.Text[][] out = Arrays.copyOf(rows, rows.length + 1);
        out[rows.length] = note;
        return out;
    }

    private static <T> T convert(String text, Function<String, T> read, String must) {
        try {
            return read.apply(text.strip());
        } catch (RuntimeException e) {
            throw new TypeConversionException(must);
        }
    }

    /** Durations say themselves what is wrong: a bare number is told how to write it with a unit. */
    private static Duration duration(String text) {
        try {
            return Durations.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    private static int wholeNumber(String text) {
        int n = Integer.parseInt(text);
        if (n < 0) {
            throw new NumberFormatException("negative");
        }
        return n;
    }

    private static boolean truth(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("not a truth value");
        };
    }

    private static Instant instant(String text) {
        return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                : Instant.parse(text);
    }
}
