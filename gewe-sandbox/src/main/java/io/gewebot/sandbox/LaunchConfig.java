package io.gewebot.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link GeweSandbox#main(String[])}, parsed.
 *
 * @param options     the sandbox options
 * @param callbackUrl the callback URL to start with, or {@code null}
 * @param help        whether only the usage was asked for
 * @param loggedOut   whether the accounts start logged out, waiting for a login by QR code
 * @param scanAfterPolls polls of {@code /login/checkLogin} before a login QR code is scanned; negative: never
 */
record LaunchConfig(SandboxOptions options, String callbackUrl, boolean help, boolean loggedOut, int scanAfterPolls) {

    static final String USAGE = """
            usage: java -jar gewe-sandbox-standalone.jar [options]
              --port N             port to listen on (default 2531; 0 = any free port)
              --host H             address to bind (default 127.0.0.1)
              --prefix P           path prefix of every endpoint (default /v2/api)
              --token T            the X-GEWE-TOKEN to accept (default sandbox-token)
              --app-id A           the device id (default wx_sandbox_app)
              --account-wxid W     the account's own wxid (default wxid_sandbox_bot)
              --accounts A=W,...   more accounts under the same token, each an appId=wxid pair
                                   (e.g. wx_b=wxid_b,wx_c=wxid_c); may be repeated
              --callback-url U     where to push callbacks (can also be set with /tools/setCallback)
              --no-demo-people     start with an empty directory
              --logged-out         start with every account logged out (checkOnline false)
              --scan-after-polls N a login QR code is scanned after N polls of checkLogin (default: never)
              --variant V          self-hosted (the default) or hosted: hosted also offers /contacts/checkRelation
              --help               print this and exit""";

    static LaunchConfig parse(String... args) {
        SandboxOptions options = SandboxOptions.defaults().withPort(GeweSandbox.DEFAULT_MAIN_PORT);
        String callbackUrl = null;
        boolean help = false;
        boolean loggedOut = false;
        int scanAfterPolls = -1;
        List<SandboxOptions.Account> moreAccounts = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--no-demo-people" -> options = options.withDemoPeople(false);
                case "--logged-out" -> loggedOut = true;
                case "--port", "--host", "--prefix", "--token", "--app-id", "--account-wxid", "--accounts",
                        "--callback-url", "--scan-after-polls", "--variant" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("missing value after " + name);
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--port" -> options = options.withPort(port(value));
                        case "--host" -> options = options.withHost(value);
                        case "--prefix" -> options = options.withPathPrefix(value);
                        case "--token" -> options = options.withToken(value);
                        case "--app-id" -> options = options.withAppId(value);
                        case "--account-wxid" -> options = options.withAccountWxid(value);
                        case "--accounts" -> moreAccounts.addAll(accounts(value));
                        case "--scan-after-polls" -> scanAfterPolls = polls(value);
                        case "--variant" -> options = options.withVariant(variant(value));
                        default -> callbackUrl = value;
                    }
                }
                default -> throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        options = options.withMoreAccounts(moreAccounts.toArray(SandboxOptions.Account[]::new));
        return new LaunchConfig(options, callbackUrl, help, loggedOut, scanAfterPolls);
    }

    /** {@code wx_b=wxid_b,wx_c=wxid_c}: appId=wxid pairs, separated by commas. */
    private static List<SandboxOptions.Account> accounts(String value) {
        List<SandboxOptions.Account> accounts = new ArrayList<>();
        for (String pair : value.split(",", -1)) {
            int eq = pair.indexOf('=');
            String appId = eq < 0 ? "" : pair.substring(0, eq).strip();
            String wxid = eq < 0 ? "" : pair.substring(eq + 1).strip();
            if (appId.isEmpty() || wxid.isEmpty() || wxid.contains("=")) {
                throw new IllegalArgumentException("--accounts takes appId=wxid pairs separated by commas, was " + value);
            }
            accounts.add(new SandboxOptions.Account(appId, wxid));
        }
        return accounts;
    }

    private static SandboxOptions.Variant variant(String value) {
        try {
            return SandboxOptions.Variant.of(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--variant must be self-hosted or hosted, was " + value, e);
        }
    }

    private static int polls(String value) {
        try {
            int polls = Integer.parseInt(value.strip());
            if (polls < 0) {
                throw new IllegalArgumentException("--scan-after-polls must be 0 or more, was " + value);
            }
            return polls;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--scan-after-polls must be a number, was " + value, e);
        }
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be 0..65535, was " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, was " + value, e);
        }
    }
}
