package io.gewebot.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gewebot.host.store.DatabaseSettings;
import io.gewebot.common.store.Dialect;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The database settings: --database-url, --database-user and BOT_DATABASE_PASSWORD. */
class HostConfigDatabaseTest {

    private static final Path HOME = Path.of("/opt/bot");

    private static HostConfig parse(List<String> args, Map<String, String> env) throws Exception {
        return HostCommandLine.parse(args, env, HOME);
    }

    @Test
    void withoutAUrlTheDatabaseIsSqliteInTheDataFolderAsBefore() throws Exception {
        HostConfig c = parse(List.of("--data-dir", "/srv/data"), Map.of());

        assertThat(c.storage().database()).isEmpty();
        assertThat(DatabaseSettings.sqliteIn(c.storage().dataDir()).url()).isEqualTo("jdbc:sqlite:/srv/data/host.db");
        assertThat(c.toString()).contains("database=(in the data folder)");
    }

    @Test
    void aPostgresqlUrlUserAndPasswordComeFromFlagsOrTheEnvironmentThePasswordOnlyFromTheEnvironment() throws Exception {
        HostConfig fromEnv = parse(List.of(), Map.of("BOT_DATABASE_URL", "jdbc:postgresql://db.internal:5433/bot",
                "BOT_DATABASE_USER", "bot", "BOT_DATABASE_PASSWORD", "pg-s3cret"));
        assertThat(fromEnv.storage().database()).contains(new DatabaseSettings(Dialect.POSTGRESQL,
                "jdbc:postgresql://db.internal:5433/bot", "bot", "pg-s3cret"));

        HostConfig fromFlags = parse(List.of("--database-url", "jdbc:postgresql://db.internal/bot", "--database-user",
                "other"), Map.of("BOT_DATABASE_URL", "jdbc:sqlite:/x.db", "BOT_DATABASE_PASSWORD", "pg-s3cret"));
        assertThat(fromFlags.storage().database().orElseThrow().url()).isEqualTo("jdbc:postgresql://db.internal/bot");
        assertThat(fromFlags.storage().database().orElseThrow().user()).isEqualTo("other");
        assertThat(fromFlags.storage().database().orElseThrow().server()).contains("db.internal:5432");

        assertThatThrownBy(() -> parse(List.of("--database-password", "pg-s3cret"), Map.of()))
                .hasMessage("unknown option '--database-password'; see --help");
    }

    @Test
    void anSqliteUrlNamesAFile() throws Exception {
        HostConfig c = parse(List.of("--database-url", "jdbc:sqlite:/var/lib/bot/state.db"), Map.of());

        assertThat(c.storage().database().orElseThrow().dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(c.storage().database().orElseThrow().describe()).isEqualTo("SQLite at jdbc:sqlite:/var/lib/bot/state.db");
        assertThatThrownBy(() -> parse(List.of("--database-url", "jdbc:sqlite::memory:"), Map.of()))
                .hasMessage("--database-url / BOT_DATABASE_URL: must name a file: jdbc:sqlite:<file>,"
                        + " not 'jdbc:sqlite::memory:'");
    }

    @Test
    void anyOtherUrlIsRefusedNamingTheFlagAndVariableWithThePasswordMasked() {
        assertThatThrownBy(() -> parse(List.of(), Map.of("BOT_DATABASE_URL",
                "jdbc:mysql://db/bot?user=bot&password=my-s3cret")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--database-url / BOT_DATABASE_URL: must be jdbc:sqlite:<file> or"
                        + " jdbc:postgresql://<host>[:<port>]/<database>, not 'jdbc:mysql://db/bot?user=bot&password=***'");
        assertThatThrownBy(() -> parse(List.of("--database-url", "postgresql://db/bot"),
                Map.of("BOT_DATABASE_PASSWORD", "pg-s3cret")))
                .hasMessageStartingWith("--database-url / BOT_DATABASE_URL: must be jdbc:sqlite:<file> or");
        assertThatThrownBy(() -> parse(List.of("--database-url", "jdbc:postgresql://db/"), Map.of()))
                .hasMessageStartingWith("--database-url / BOT_DATABASE_URL: must be");
    }

    @Test
    void thePasswordNeverShowsInTheDescriptionTheStartLogOrHelp() throws Exception {
        HostConfig c = parse(List.of("--database-url", "jdbc:postgresql://db:5432/bot?ssl=true&password=url-s3cret"),
                Map.of("BOT_DATABASE_USER", "bot", "BOT_DATABASE_PASSWORD", "env-s3cret"));
        DatabaseSettings db = c.storage().database().orElseThrow();

        assertThat(db.describe()).isEqualTo("PostgreSQL at jdbc:postgresql://db:5432/bot?ssl=true&password=*** as user bot");
        assertThat(c.toString()).contains(db.describe()).doesNotContain("s3cret");
        assertThat(db.toString()).doesNotContain("s3cret");
        assertThat(db.mask("FATAL: no pg_hba.conf entry, password env-s3cret / url-s3cret"))
                .isEqualTo("FATAL: no pg_hba.conf entry, password *** / ***");
        assertThat(HostCommandLine.help()).contains("--database-url", "BOT_DATABASE_URL", "--database-user",
                "BOT_DATABASE_USER", "BOT_DATABASE_PASSWORD");
    }
}
