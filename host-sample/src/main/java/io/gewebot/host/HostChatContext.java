package io.gewebot.host;

import io.gewebot.api.ContactAction;
import io.gewebot.api.chat.ChatContext;
import io.gewebot.host.chat.ChatOutput;
import io.gewebot.host.metrics.HostMetrics;
import io.gewebot.host.runtime.PluginRuntime;
import io.gewebot.common.settings.PacingPolicy;
import io.gewebot.common.settings.RuleSettings;
import io.gewebot.host.store.HostDatabase;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * What this host offers one account's chat extension: the account's contact extension, its settings
 * as the configuration gives them, the host's data folder and database, and its way of speaking (chat
 * texts through GeWe on the reply thread, the console, every text redacted first).
 */
final class HostChatContext implements ChatContext {

    private final String appId;
    private final PluginRuntime plugins;
    private final Map<String, String> settings;
    private final HostDatabase db;
    private final Path dataFolder;
    private final ChatOutput out;
    private final HostMetrics metrics;
    private final Supplier<Optional<String>> accountWxid;

    /**
     * @param appId the account
     * @param plugins the account's contact extensions
     * @param settings the account's settings, as {@link #settingsOf} writes them
     * @param db the host's database
     * @param dataFolder the host's data folder
     * @param out how the host speaks for the account
     * @param metrics where what the extension counts is kept
     * @param accountWxid the account's own wxid, when known (from its login, or GeWe's callbacks for it)
     */
    HostChatContext(String appId, PluginRuntime plugins, Map<String, String> settings, HostDatabase db, Path dataFolder,
            ChatOutput out, HostMetrics metrics, Supplier<Optional<String>> accountWxid) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.plugins = Objects.requireNonNull(plugins, "plugins");
        this.settings = Map.copyOf(settings);
        this.db = Objects.requireNonNull(db, "db");
        this.dataFolder = Objects.requireNonNull(dataFolder, "dataFolder");
        this.out = Objects.requireNonNull(out, "out");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.accountWxid = Objects.requireNonNull(accountWxid, "accountWxid");
    }

    /**
     * An account's settings as a chat extension reads them: the configuration file's keys of an account,
     * the pacing keys at the top level, durations in ISO-8601 ({@code PT10M}).
     *
     * @param account the account
     * @param onSandbox whether GeWe is the embedded sandbox, whose account has been online for as long as
     *     anyone can tell: its warm-up is over unless {@code onlineSince} says otherwise
     * @param callTimeout how long one call of the contact extension may take ({@code --plugin-timeout})
     * @return the settings, in a stable order
     */
    static Map<String, String> settingsOf(AccountConfig account, boolean onSandbox, Duration callTimeout) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("lang", account.language());
        s.put("defaultGreeting", account.defaultGreeting());
        s.put("commandMaxAge", account.commandMaxAge().toString());
        PacingPolicy pacing = account.pacing();
        if (onSandbox && pacing.onlineSince().isEmpty()) {
            pacing = pacing.withOnlineSince(Instant.EPOCH);
        }
        s.putAll(pacing.toSettings());
        s.put("callTimeout", callTimeout.toString());
        s.putAll(RuleSettings.write(account.friendRequestRules()));
        return s;
    }

    @Override
    public String account() {
        return appId;
    }

    /**
     * {@inheritDoc} While no contact plugin is usable, every operation is refused as not configured.
     */
    @Override
    public ContactAction contacts() {
        return plugins.contacts();
    }

    @Override
    public Map<String, String> settings() {
        return settings;
    }

    @Override
    public Path dataFolder() {
        return dataFolder;
    }

    @Override
    public Optional<DataSource> dataSource() {
        return Optional.of(db.dataSource());
    }

    @Override
    public void send(String conversation, String text) {
        out.reply(conversation, text);
    }

    @Override
    public void toAdmins(String text) {
        out.notifyAdmins(text);
    }

    @Override
    public void count(String meter, Map<String, String> tags) {
        metrics.count(appId, meter, tags);
    }

    @Override
    public Optional<String> accountWxid() {
        return accountWxid.get();
    }
}
