package io.gewebot.sandbox;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How a {@link GeweSandbox} listens and which devices (accounts) its token holds.
 *
 * <p>Start from {@link #defaults()} and change single fields with the {@code withXxx} methods:
 * <pre>{@code
 * GeweSandbox sandbox = GeweSandbox.start(SandboxOptions.defaults().withToken("t-1").withDemoPeople(false));
 * GeweSandbox two = GeweSandbox.start(SandboxOptions.defaults()
 *         .withMoreAccounts(new SandboxOptions.Account("wx_b", "wxid_b")));   // wx_sandbox_app and wx_b
 * }</pre>
 *
 * @param host        the address to bind, {@code 127.0.0.1} by default (loopback only)
 * @param port        the port to bind; {@code 0} picks a free port
 * @param pathPrefix  the path every endpoint is appended to: {@code "/v2/api"} (self-hosted style,
 *                    the default), {@code "/gewe/v2/api"} (hosted style) or {@code ""}
 * @param token       the only value of the {@code X-GEWE-TOKEN} header the sandbox accepts
 * @param appId       the device id of the first account, which requests for it carry as {@code appId}
 * @param accountWxid the wxid of the WeChat account the first device is logged in as
 * @param demoPeople  whether the directory starts with the demo people (see {@link GeweSandbox})
 * @param variant     which GeWe the sandbox plays: {@link Variant#SELF_HOSTED} (the default) or
 *                    {@link Variant#HOSTED}, which differ in the endpoints they offer
 * @param moreAccounts the accounts the token holds besides the first ({@code appId}, {@code accountWxid}),
 *                    in order; empty by default. Every appId and every wxid is used once.
 */
public record SandboxOptions(String host, int port, String pathPrefix, String token, String appId,
                             String accountWxid, boolean demoPeople, Variant variant, List<Account> moreAccounts) {

    /**
     * One more device of the token: GeWe lets one token hold several accounts, each named by its
     * {@code appId} in requests and by {@code Appid} in callbacks.
     *
     * @param appId the device id requests for it carry
     * @param wxid  the wxid of the WeChat account logged in on it
     */
    public record Account(String appId, String wxid) {

        /** Requires a non-blank appId and wxid. */
        public Account {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(wxid, "wxid");
            if (appId.isBlank() || wxid.isBlank()) {
                throw new IllegalArgumentException("an account's appId and wxid must not be blank");
            }
        }
    }

    /** Which GeWe the sandbox plays. The path prefix is set apart, with {@link #withPathPrefix}. */
    public enum Variant {
        /**
         * The self-hosted Gewechat container: {@code /contacts/checkRelation} is unknown there and answered
         * like any unknown path.
         */
        SELF_HOSTED("self-hosted"),
        /** The hosted GeWe service, which offers {@code /contacts/checkRelation}. */
        HOSTED("hosted");

        private final String label;

        Variant(String label) {
            this.label = label;
        }

        /** @return how the command line and plugin settings write it: {@code self-hosted} or {@code hosted} */
        public String label() {
            return label;
        }

        /**
         * @param label {@code self-hosted} or {@code hosted}
         * @return the variant
         * @throws IllegalArgumentException for anything else
         */
        public static Variant of(String label) {
            for (Variant v : values()) {
                if (v.label.equals(label)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("variant must be self-hosted or hosted, was " + label);
        }
    }

    /**
     * Options with one account, the shape options had before a token could hold several.
     *
     * @param host        the address to bind
     * @param port        the port to bind, 0 for a free one
     * @param pathPrefix  the path every endpoint is appended to
     * @param token       the token accepted
     * @param appId       the device id
     * @param accountWxid the account's wxid
     * @param demoPeople  whether to seed the demo people
     * @param variant     the variant to play
     */
    public SandboxOptions(String host, int port, String pathPrefix, String token, String appId,
                          String accountWxid, boolean demoPeople, Variant variant) {
        this(host, port, pathPrefix, token, appId, accountWxid, demoPeople, variant, List.of());
    }

    /**
     * Options of the self-hosted variant, the one sandboxes had before variants existed.
     *
     * @param host        the address to bind
     * @param port        the port to bind, 0 for a free one
     * @param pathPrefix  the path every endpoint is appended to
     * @param token       the token accepted
     * @param appId       the device id
     * @param accountWxid the account's wxid
     * @param demoPeople  whether to seed the demo people
     */
    public SandboxOptions(String host, int port, String pathPrefix, String token, String appId,
                          String accountWxid, boolean demoPeople) {
        this(host, port, pathPrefix, token, appId, accountWxid, demoPeople, Variant.SELF_HOSTED);
    }

    /**
     * Checks every field, requires each appId and each wxid to be used by one account only, and
     * normalizes the prefix to {@code ""} or {@code "/segment..."} without a trailing slash.
     */
    public SandboxOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(accountWxid, "accountWxid");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (token.isBlank() || appId.isBlank() || accountWxid.isBlank() || host.isBlank()) {
            throw new IllegalArgumentException("host, token, appId and accountWxid must not be blank");
        }
        moreAccounts = List.copyOf(Objects.requireNonNull(moreAccounts, "moreAccounts"));
        Set<String> appIds = new HashSet<>(Set.of(appId));
        Set<String> wxids = new HashSet<>(Set.of(accountWxid));
        for (Account account : moreAccounts) {
            if (!appIds.add(account.appId())) {
                throw new IllegalArgumentException("appId " + account.appId() + " is given to two accounts");
            }
            if (!wxids.add(account.wxid())) {
                throw new IllegalArgumentException("wxid " + account.wxid() + " is given to two accounts");
            }
        }
        String prefix = pathPrefix.strip();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!prefix.isEmpty() && !prefix.startsWith("/")) {
            prefix = "/" + prefix;
        }
        pathPrefix = prefix;
    }

    /**
     * The defaults: {@code 127.0.0.1}, a free port, prefix {@code /v2/api}, token {@code sandbox-token},
     * appId {@code wx_sandbox_app}, account {@code wxid_sandbox_bot}, demo people present, the
     * self-hosted variant.
     *
     * @return the default options
     */
    public static SandboxOptions defaults() {
        return new SandboxOptions("127.0.0.1", 0, "/v2/api", "sandbox-token", "wx_sandbox_app",
                "wxid_sandbox_bot", true, Variant.SELF_HOSTED, List.of());
    }

    /** @return every account the token holds, the first ({@code appId}, {@code accountWxid}) first */
    public List<Account> accounts() {
        return Stream.concat(Stream.of(new Account(appId, accountWxid)),
                moreAccounts.stream()).toList();
    }

    /** @param value the new host @return a copy with that host */
    public SandboxOptions withHost(String value) {
        return new SandboxOptions(value, port, pathPrefix, token, appId, accountWxid, demoPeople, variant, moreAccounts);
    }

    /** @param value the new port, 0 for a free one @return a copy with that port */
    public SandboxOptions withPort(int value) {
        return new SandboxOptions(host, value, pathPrefix, token, appId, accountWxid, demoPeople, variant, moreAccounts);
    }

    /** @param value the new path prefix @return a copy with that prefix */
    public SandboxOptions withPathPrefix(String value) {
        return new SandboxOptions(host, port, value, token, appId, accountWxid, demoPeople, variant, moreAccounts);
    }

    /** @param value the new token @return a copy with that token */
    public SandboxOptions withToken(String value) {
        return new SandboxOptions(host, port, pathPrefix, value, appId, accountWxid, demoPeople, variant, moreAccounts);
    }

    /** @param value the new device id @return a copy with that appId */
    public SandboxOptions withAppId(String value) {
        return new SandboxOptions(host, port, pathPrefix, token, value, accountWxid, demoPeople, variant, moreAccounts);
    }

    /** @param value the new account wxid @return a copy with that account */
    public SandboxOptions withAccountWxid(String value) {
        return new SandboxOptions(host, port, pathPrefix, token, appId, value, demoPeople, variant, moreAccounts);
    }

    /** @param value whether to seed the demo people @return a copy with that choice */
    public SandboxOptions withDemoPeople(boolean value) {
        return new SandboxOptions(host, port, pathPrefix, token, appId, accountWxid, value, variant, moreAccounts);
    }

    /** @param value the variant to play @return a copy with that variant */
    public SandboxOptions withVariant(Variant value) {
        return new SandboxOptions(host, port, pathPrefix, token, appId, accountWxid, demoPeople, value, moreAccounts);
    }

    /**
     * @param value the accounts the token holds besides the first, in order; none for a one-account sandbox
     * @return a copy with those accounts
     */
    public SandboxOptions withMoreAccounts(Account... value) {
        return new SandboxOptions(host, port, pathPrefix, token, appId, accountWxid, demoPeople, variant, List.of(value));
    }

    /** Never shows the token, so options can be logged. */
    @Override
    public String toString() {
        return "SandboxOptions[host=" + host + ", port=" + port + ", pathPrefix=" + pathPrefix
                + ", token=***, appId=" + appId + ", accountWxid=" + accountWxid + ", demoPeople=" + demoPeople
                + ", variant=" + variant.label() + ", moreAccounts=" + moreAccounts + "]";
    }
}
