package io.gewebot.host;

import io.gewebot.host.export.ExportConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code export}: one account's friends as CSV. It takes the host's own options (its GeWe, the
 * configuration file, the data folder where {@code login} saved the account, the plugins folder), read
 * as the host reads them, and picks one account of the configuration file's {@code accounts:} with
 * {@code --account}.
 */
@Command(name = "export", sortOptions = false, usageHelpWidth = 110, synopsisHeading = "Usage: ",
        customSynopsis = "java -jar host-sample.jar export [--out <file>] [--account <appId>] [host options]",
        descriptionHeading = "%n",
        description = {"Writes the account's friends as CSV, read through the contact plugin.",
            "Columns: wxid,nickname,remark,alias,labels (label names joined by ';'); UTF-8 with a byte-order mark.",
            "Takes the host's options, variables, configuration file and data folder as the host does",
            "(java -jar host-sample.jar --help): --gewe-base-url, --gewe-token, --gewe-app-id, --config,",
            "--data-dir, --plugins-dir, --gewe-timeout, --lang, ...",
            "Progress and failures go to standard error; a GeWe failure exits 1 and writes nothing."},
        optionListHeading = "%nOptions:%n")
final class ExportCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "<file>",
            description = "the file to write, replaced whole once every friend is read; unset: standard output")
    Path out;

    @Option(names = "--account", paramLabel = "<appId>",
            description = "the account to export, by its appId, when the configuration file lists several "
                    + "under accounts:")
    String account = "";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    /** The host's options, read by the host's own command. */
    @Unmatched
    List<String> hostOptions = new ArrayList<>();

    ExportConfig config(Map<String, String> env, Path home) throws ConfigException {
        HostCommand host = new HostCommand();
        CommandLines.parse(HostCommand.commandLine(host, env), hostOptions);
        HostConfig config = host.config(home);
        if (config.embeddedSandbox()) {
            throw CommandLines.bad(host.spec, "--gewe-base-url", "must be given: export reads a real GeWe's "
                    + "address book (login saves the base URL for it)");
        }
        AccountConfig chosen = chosen(config.accounts());
        HostCommandLine.requireAppId(chosen.geweBaseUrl(), chosen.appId(), config.storage().dataDir());
        if (chosen.geweToken().isEmpty()) {
            throw new ConfigException("no GeWe token for account " + chosen.appId() + ": give --gewe-token / "
                    + "GEWE_TOKEN, token: under accounts:, or run 'java -jar host-sample.jar login'");
        }
        AccountHost.Gewe gewe = new AccountHost.Gewe(chosen.geweBaseUrl().orElseThrow(), chosen.geweToken(),
                chosen.appId());
        return new ExportConfig(gewe.contactSettings(chosen, config.link().responseTimeout()), config.plugins().dir(),
                config.plugins().contactExtension(), Optional.ofNullable(out), chosen.language());
    }

    /** The account {@code --account} names, or the only one there is. */
    private AccountConfig chosen(List<AccountConfig> accounts) throws ConfigException {
        String appId = account.strip();
        List<String> known = accounts.stream().map(AccountConfig::appId).toList();
        if (appId.isEmpty() && accounts.size() > 1) {
            throw CommandLines.bad(spec, "--account", "must name the account to export, one of "
                    + String.join(", ", known));
        }
        return accounts.stream().filter(a -> appId.isEmpty() || a.appId().equals(appId)).findFirst()
                .orElseThrow(() -> CommandLines.bad(spec, "--account", "must be one of " + String.join(", ", known)
                        + ", not '" + appId + "'"));
    }
}
