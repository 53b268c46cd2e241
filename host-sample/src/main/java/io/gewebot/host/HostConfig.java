package io.gewebot.host;

import io.gewebot.host.http.EndpointAccess;
import io.gewebot.host.store.DatabaseSettings;
import java.util.List;
import java.util.Objects;

/**
 * The host's configuration, by concern: the accounts it serves, its HTTP endpoint and that endpoint's
 * limits and access rules, its link to GeWe, where it keeps its state and its plugins. The command line
 * ({@link HostCommandLine}) reads it: each flag falls back to an environment variable, then to a default.
 *
 * @param accounts the WeChat accounts the host serves, at least one: those of the configuration
 *     file's {@code accounts:}, each key it leaves out taken from the flags; without {@code accounts:}
 *     the one the flags describe. The first is the console's and the embedded sandbox's
 * @param endpoint where the HTTP endpoint listens and under which path it takes callbacks
 * @param access the addresses callbacks are taken from and what {@code /metrics} asks for
 * @param limits what the endpoint takes at once
 * @param link how GeWe reaches the host and how the host keeps the accounts online
 * @param storage where the host keeps its state
 * @param plugins where the plugins are and how they are used
 * @param console whether to read commands from standard input
 */
public record HostConfig(List<AccountConfig> accounts, EndpointConfig endpoint, EndpointAccess access,
        HttpLimits limits, GeweLink link, StorageConfig storage, PluginsConfig plugins, boolean console) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     * @throws IllegalArgumentException when there is no account
     */
    public HostConfig {
        accounts = List.copyOf(accounts);
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("a host serves at least one account");
        }
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(plugins, "plugins");
    }

    /**
     * @param secret the callback secret to take callbacks under
     * @return this configuration with that secret
     */
    HostConfig withCallbackSecret(String secret) {
        return new HostConfig(accounts, endpoint.withCallbackSecret(secret), access, limits, link, storage, plugins,
                console);
    }

    /** @return the first account: the console's, and the one on the embedded sandbox */
    public AccountConfig first() {
        return accounts.get(0);
    }

    /** @return whether the host runs against its embedded sandbox */
    public boolean embeddedSandbox() {
        return first().geweBaseUrl().isEmpty();
    }

    /** @return a description for the start-up log, with the token hidden */
    @Override
    public String toString() {
        AccountConfig first = first();
        return "HostConfig[gewe=" + first.geweBaseUrl().orElse("(embedded sandbox)") + ", appId=" + first.appId()
                + (first.accountWxid().isEmpty() ? "" : ", account=" + first.accountWxid())
                + ", token=" + (first.geweToken().isEmpty() ? "(none)" : "***") + ", admins=" + first.admins()
                + ", port=" + endpoint.port() + ", bind=" + endpoint.bind()
                + ", callbackSecret=" + (endpoint.callbackSecret().isEmpty() ? "(none)" : "***") + ", " + access
                + ", plugins=" + plugins.dir()
                + ", data=" + (storage.ephemeralData() ? "(temporary)" : storage.dataDir())
                + ", database=" + storage.database().map(DatabaseSettings::describe).orElse("(in the data folder)")
                + ", console=" + console + ", lang=" + first.language()
                + ", publicUrl=" + link.publicUrl().orElse("(none)")
                + ", friendRequestRules=" + first.friendRequestRules().rules().size()
                + (accounts.size() == 1 ? "" : ", accounts=" + accounts) + "]";
    }
}
