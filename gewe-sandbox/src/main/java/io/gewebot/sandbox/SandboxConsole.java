package io.gewebot.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The standalone sandbox's standard input: each line plays a person writing to an account, so that a
 * bot on the sandbox can be tried as on a real GeWe, where people write from their phones. The
 * callbacks go to the token's callback URL as any other; what was pushed, or why not, is answered on
 * the console.
 *
 * <pre>
 * text wxid_demo_friend /help            a chat text from that person
 * request wxid_demo_asker Hi, it's me    that person asks to be the account's friend
 * &#64;wx_b text wxid_demo_friend /help  the same, to the account with appId wx_b
 * </pre>
 */
final class SandboxConsole {

    /** The lines the console takes. */
    static final String USAGE = """
            text <wxid> <text>          a chat text from that person to the account (e.g. text wxid_demo_friend /help)
            request <wxid> [greeting]   that person asks to be the account's friend (e.g. request wxid_demo_asker hi)
            @<appId> text|request ...   the same, to another account of the token than the first
            help                        this list""";

    /** The scene of a request pushed from the console: the quick start's asker's. */
    private static final int SCENE = GeweSandbox.DEMO_ASKER_SCENE;

    private final GeweSandbox sandbox;
    private final PrintStream out;

    SandboxConsole(GeweSandbox sandbox, PrintStream out) {
        this.sandbox = sandbox;
        this.out = out;
    }

    /** Reads lines until the input ends. */
    void run(BufferedReader in) {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    say(answer(line.strip()));
                }
            }
        } catch (IOException e) {
            say("the console stopped reading: " + e.getMessage());
        }
    }

    /** Carries one line out. */
    String answer(String line) {
        String rest = line;
        SandboxAccount account;
        if (rest.startsWith("@")) {
            String[] named = rest.substring(1).split("\\s+", 2);
            Optional<SandboxAccount> found = sandbox.accounts().stream().filter(a -> a.appId().equals(named[0]))
                    .findFirst();
            if (found.isEmpty()) {
                return "no account has appId " + named[0];
            }
            account = found.get();
            rest = named.length > 1 ? named[1] : "";
        } else {
            account = sandbox.accounts().get(0);
        }
        String[] words = rest.split("\\s+", 3);
        String what = words[0];
        if (!(what.equals("text") || what.equals("request")) || words.length < 2
                || what.equals("text") && words.length < 3) {
            return "lines the console takes:" + System.lineSeparator() + USAGE;
        }
        if (sandbox.callbackUrl() == null) {
            return "not pushed: no callback URL yet (the bot registers one with /tools/setCallback when started with "
                    + "--public-url, or start the sandbox with --callback-url)";
        }
        String from = words[1];
        String text = words.length > 2 ? words[2] : "";
        try {
            if (what.equals("text")) {
                int status = account.callbacks().pushText(from, text);
                return "pushed a text from " + from + " to " + account.appId() + ": the callback URL answered HTTP "
                        + status;
            }
            IncomingRequest request = account.callbacks().pushFriendRequest(from, from, text, SCENE);
            return "pushed a friend request from " + from + " to " + account.appId()
                    + ": the callback URL answered HTTP " + request.status();
        } catch (IllegalStateException | UncheckedIOException e) {
            return "not pushed: " + e.getMessage();
        }
    }

    private void say(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
