package io.gewebot.host.export;

import io.gewebot.api.ContactSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code export} runs, as read from its command line, the environment, the configuration file and
 * what {@code login} saved.
 *
 * @param settings what the account's contact extension is configured with: its GeWe, token and appId
 * @param pluginsDir the plugins folder the contact extension is loaded from
 * @param contactExtension the name of the extension to use; empty for the first usable one
 * @param out the file to write; empty for standard output
 * @param language {@code en} or {@code zh}
 */
public record ExportConfig(ContactSettings settings, Path pluginsDir, String contactExtension, Optional<Path> out,
        String language) {

    /** Checks that nothing is missing. */
    public ExportConfig {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        Objects.requireNonNull(contactExtension, "contactExtension");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(language, "language");
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "ExportConfig[gewe=" + settings.baseUrl() + ", appId=" + settings.appId() + ", token=***, plugins="
                + pluginsDir + ", out=" + out.map(Path::toString).orElse("(standard output)") + "]";
    }
}
