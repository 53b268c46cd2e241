package io.gewebot.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gewebot.api.ContactSettings;
import io.gewebot.host.export.ExportConfig;
import io.gewebot.host.login.AccountFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export} reads the host's options, variables, configuration file and saved account as the host does. */
class ExportCommandLineTest {

    private static final String GEWE = "http://10.0.0.5:2531/v2/api";
    private static final String TWO = """
            accounts:
              - appId: wx_aaa
                baseUrl: http://gewe-a:2531/v2/api
                token: tok-a-1f2e
                lang: zh
              - appId: wx_bbb
                baseUrl: http://gewe-b:2531/v2/api
            """;

    @TempDir
    Path dir;

    private ExportConfig export(List<String> args, Map<String, String> env) throws Exception {
        List<String> all = new ArrayList<>(List.of("export"));
        all.addAll(args);
        Optional<Invocation> run = HostCommandLine.invocation(all, env, dir, new PrintWriter(new StringWriter()));
        assertThat(run).containsInstanceOf(Invocation.RunExport.class);
        return ((Invocation.RunExport) run.orElseThrow()).config();
    }

    private Path config(String yaml) throws Exception {
        return Files.writeString(dir.resolve("bot.yaml"), yaml);
    }

    @Test
    void theHostsGeweFlagsAndVariablesConfigureThePluginAndTheFileIsOptional() throws Exception {
        ExportConfig c = export(List.of("--gewe-base-url", GEWE, "--gewe-app-id", "wx_1", "--out", "friends.csv",
                "--gewe-timeout", "5s"), Map.of("GEWE_TOKEN", "env-token"));

        assertThat(c.settings().asMap()).containsEntry(ContactSettings.BASE_URL, GEWE)
                .containsEntry(ContactSettings.APP_ID, "wx_1").containsEntry(ContactSettings.TOKEN, "env-token")
                .containsEntry(ContactSettings.RESPONSE_TIMEOUT_MS, "5000");
        assertThat(c.out()).contains(Path.of("friends.csv"));
        assertThat(c.pluginsDir()).isEqualTo(dir.resolve("plugins"));
        assertThat(c.toString()).doesNotContain("env-token");
        assertThat(export(List.of("--gewe-base-url", GEWE, "--gewe-app-id", "wx_1", "--gewe-token", "t"), Map.of())
                .out()).isEmpty();
    }

    @Test
    void withoutFlagsTheAccountLoginSavedIsExported() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(AccountFile.in(data), "{\"token\":\"saved-token\",\"appId\":\"wx_saved\",\"wxid\":\"wxid_s\","
                + "\"nickname\":\"S\",\"baseUrl\":\"" + GEWE + "\"}");

        ExportConfig c = export(List.of("--data-dir", data.toString()), Map.of());

        assertThat(c.settings().baseUrl()).isEqualTo(GEWE);
        assertThat(c.settings().appId()).isEqualTo("wx_saved");
        assertThat(c.settings().token()).isEqualTo("saved-token");
    }

    @Test
    void accountPicksOneOfTheConfigurationFilesAccountsWithItsOwnSettings() throws Exception {
        ExportConfig c = export(List.of("--config", config(TWO).toString(), "--account", "wx_aaa"), Map.of());

        assertThat(c.settings().baseUrl()).isEqualTo("http://gewe-a:2531/v2/api");
        assertThat(c.settings().token()).isEqualTo("tok-a-1f2e");
        assertThat(c.language()).isEqualTo("zh");
    }

    @Test
    void severalAccountsWithoutAccountAreRefusedNamingThem() throws Exception {
        Path file = config(TWO);

        assertThatThrownBy(() -> export(List.of("--config", file.toString()), Map.of()))
                .hasMessage("--account must name the account to export, one of wx_aaa, wx_bbb");
        assertThatThrownBy(() -> export(List.of("--config", file.toString(), "--account", "wx_ccc"), Map.of()))
                .hasMessage("--account must be one of wx_aaa, wx_bbb, not 'wx_ccc'");
    }

    @Test
    void anAccountWithoutATokenIsRefusedBeforeGeweIsAsked() throws Exception {
        Path file = config(TWO);

        assertThatThrownBy(() -> export(List.of("--config", file.toString(), "--account", "wx_bbb",
                "--data-dir", dir.resolve("none").toString()), Map.of()))
                .hasMessageStartingWith("no GeWe token for account wx_bbb");
    }

    @Test
    void withoutARealGeweTheExportIsRefused() {
        assertThatThrownBy(() -> export(List.of("--data-dir", dir.resolve("none").toString()), Map.of()))
                .hasMessageStartingWith("--gewe-base-url / GEWE_BASE_URL must be given: export reads a real GeWe's");
    }

    @Test
    void hostOptionsBeforeExportAreRefusedRatherThanLost() {
        assertThatThrownBy(() -> HostCommandLine.invocation(List.of("--gewe-base-url", GEWE, "export"), Map.of(), dir,
                new PrintWriter(new StringWriter()))).hasMessageStartingWith("the host's options go after export");
    }

    @Test
    void aMistypedOptionIsNamedWithoutItsValue() {
        assertThatThrownBy(() -> export(List.of("--gewe-base-url", GEWE, "--gewe-tokn=tok-secret-9"), Map.of()))
                .hasMessage("unknown option '--gewe-tokn'; see --help");
    }

    @Test
    void exportHelpNamesItsOptionsAndTheHostsAndTheHostsHelpListsExport() throws Exception {
        StringWriter help = new StringWriter();

        assertThat(HostCommandLine.invocation(List.of("export", "--help"), Map.of(), dir, new PrintWriter(help))).isEmpty();
        assertThat(help.toString()).startsWith("Usage: java -jar host-sample.jar export [--out <file>]")
                .contains("--out=<file>").contains("--account=<appId>").contains("wxid,nickname,remark,alias,labels")
                .contains("--gewe-base-url");
        assertThat(HostCommandLine.help()).containsPattern("export +Writes the account's friends as CSV, read through the contact plugin");
    }
}
