package io.gewebot.host.store;

import io.gewebot.common.store.Database;
import io.gewebot.common.store.Dialect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the host keeps its state: a JDBC URL of SQLite ({@code jdbc:sqlite:<file>}) or PostgreSQL
 * ({@code jdbc:postgresql://<host>[:<port>]/<database>}), with the user and password PostgreSQL needs.
 * The password, given apart or as {@code password=} in the URL, is never part of what this value
 * says about itself: {@link #toString()} and {@link #describe()} mask it, and {@link #mask} hides it
 * in any other text (a driver's error).
 *
 * @param dialect which database
 * @param url the JDBC URL as given, password included
 * @param user the user; empty for none (SQLite, or a user in the URL)
 * @param password the password; empty for none
 */
public record DatabaseSettings(Dialect dialect, String url, String user, String password) {

    /** What the database URL must look like, for error messages. */
    public static final String EXPECTED = "jdbc:sqlite:<file> or jdbc:postgresql://<host>[:<port>]/<database>";

    /** SQLite's file name in the data folder when no URL is given. */
    public static final String DEFAULT_FILE = "host.db";

    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final Pattern POSTGRESQL = Pattern.compile("jdbc:postgresql://([^/?#\\s]+)/([^?#\\s]+)(\\?\\S*)?");
    private static final Pattern PASSWORD_PARAMETER = Database.PASSWORD_PARAMETER;
    private static final String MASK = "***";

    /** Checks the parts; the URL is parsed by {@link #parse}. */
    public DatabaseSettings {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /**
     * @param dataDir the data folder
     * @return SQLite in {@value #DEFAULT_FILE} there: the host's database when none is configured
     */
    public static DatabaseSettings sqliteIn(Path dataDir) {
        return new DatabaseSettings(Dialect.SQLITE, SQLITE_PREFIX + dataDir.resolve(DEFAULT_FILE), "", "");
    }

    /**
     * Reads a configured database.
     *
     * @param url the JDBC URL
     * @param user the user; empty for none
     * @param password the password; empty for none
     * @return the settings
     * @throws IllegalArgumentException saying what is wrong with the URL ({@code must be ...}), the
     *     URL quoted with its password masked
     */
    public static DatabaseSettings parse(String url, String user, String password) {
        String given = url.strip();
        if (given.startsWith(SQLITE_PREFIX)) {
            String file = given.substring(SQLITE_PREFIX.length());
            // In memory, each connection would see a database of its own, and everything would be lost at exit.
            if (file.isEmpty() || file.startsWith(":memory:") || file.contains("mode=memory")) {
                throw new IllegalArgumentException("must name a file: jdbc:sqlite:<file>, not '" + given + "'");
            }
            return new DatabaseSettings(Dialect.SQLITE, given, user.strip(), password);
        }
        if (POSTGRESQL.matcher(given).matches()) {
            return new DatabaseSettings(Dialect.POSTGRESQL, given, user.strip(), password);
        }
        throw new IllegalArgumentException("must be " + EXPECTED + ", not '" + maskUrl(given, password) + "'");
    }

    /** @return the SQLite file, for SQLite */
    Optional<Path> sqliteFile() {
        if (dialect != Dialect.SQLITE) {
            return Optional.empty();
        }
        String file = url.substring(SQLITE_PREFIX.length());
        int options = file.indexOf('?');
        file = options < 0 ? file : file.substring(0, options);
        return Optional.of(Path.of(file.startsWith("file:") ? file.substring("file:".length()) : file));
    }

    /** @return PostgreSQL's {@code host:port} as the URL names it, for messages; empty for SQLite */
    public Optional<String> server() {
        Matcher m = POSTGRESQL.matcher(url);
        if (dialect != Dialect.POSTGRESQL || !m.matches()) {
            return Optional.empty();
        }
        String hostPort = m.group(1);
        // The default port, said so that a message names where the host tried.
        return Optional.of(hostPort.matches(".*:\\d+") ? hostPort : hostPort + ":5432");
    }

    /**
     * @return the URL the driver is given: without a {@code password=}, which goes to the driver
     *     apart ({@link #effectivePassword()}), so that no URL a library logs holds it
     */
    String connectionUrl() {
        String bare = PASSWORD_PARAMETER.matcher(url).replaceAll("");
        return bare.contains("?") || !bare.contains("&") ? bare : bare.replaceFirst("&", "?");
    }

    /** @return the password given apart, else the URL's {@code password=}; empty for none */
    Optional<String> effectivePassword() {
        if (!password.isEmpty()) {
            return Optional.of(password);
        }
        Matcher inUrl = PASSWORD_PARAMETER.matcher(url);
        // The driver decodes the URL's parameters; given apart, the password is taken as it is.
        return inUrl.find() ? Optional.of(URLDecoder.decode(inUrl.group(2), StandardCharsets.UTF_8))
                .filter(p -> !p.isEmpty()) : Optional.empty();
    }

    /** @return the URL with its password masked */
    public String maskedUrl() {
        return maskUrl(url, password);
    }

    /**
     * @return the kind of database and where it is, for the start log: {@code SQLite at jdbc:sqlite:...}
     *     or {@code PostgreSQL at jdbc:postgresql://... as user bot}, never the password
     */
    public String describe() {
        return dialect.label() + " at " + maskedUrl() + (user.isEmpty() ? "" : " as user " + user);
    }

    /**
     * @param text any text, such as a driver's error message
     * @return the text with the password, wherever it occurs, and any {@code password=} value masked
     */
    public String mask(String text) {
        String masked = maskUrl(String.valueOf(text), password);
        Matcher inUrl = PASSWORD_PARAMETER.matcher(url);
        while (inUrl.find()) {
            if (!inUrl.group(2).isEmpty()) {
                masked = masked.replace(inUrl.group(2), MASK);
            }
        }
        return masked;
    }

    private static String maskUrl(String text, String password) {
        String masked = PASSWORD_PARAMETER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        return password.isEmpty() ? masked : masked.replace(password, MASK);
    }

    /** @return the settings, the password masked */
    @Override
    public String toString() {
        return "DatabaseSettings[" + describe() + (password.isEmpty() ? "" : ", password=" + MASK) + "]";
    }
}
