package io.gewebot.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.PostedText;
import io.gewebot.testkit.HostProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first run against a real GeWe, word for word after {@code login}: the host makes its
 * callback secret, registers its URL with GeWe, and takes an admin's command through it.
 */
class RealGeweReadmeIT {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path checkout;

    @Test
    void theReadmesFirstRealGeweCommandStartsRegistersASecretUrlAndTakesCommands() throws Exception {
        List<String> readme = Files.readAllLines(Path.of("../README.md"), StandardCharsets.UTF_8);
        List<String> block = blockAfter(readme, "Then start the host with the same data folder");
        Map<String, String> env = new LinkedHashMap<>();
        String command = "";
        for (String line : block) {
            if (line.startsWith("export ")) {
                String[] pair = line.substring("export ".length()).split("=", 2);
                env.put(pair[0], pair[1]);
            } else {
                command = line;
            }
        }
        assertThat(env).containsOnlyKeys("BOT_ADMINS");
        String jar = "java -jar host-sample/target/host-sample.jar ";
        assertThat(command).startsWith(jar).contains("--public-url http://<address GeWe reaches>:8080");

        try (GeweSandbox gewe = GeweSandbox.start(); PublicAddress address = new PublicAddress()) {
            // What login saved, in the working directory's data folder.
            Files.createDirectories(checkout.resolve("data"));
            Files.writeString(checkout.resolve("data/account.json"), "{\"token\":\"" + gewe.token() + "\",\"appId\":\""
                    + gewe.appId() + "\",\"wxid\":\"" + gewe.accountWxid() + "\",\"nickname\":\"\"}");
            List<String> given = List.of(command.substring(jar.length())
                    .replace("http://<address GeWe reaches>:8080", address.url()).split(" "));
            // The README's GEWE_BASE_URL, this sandbox's; and a free port rather than 8080.
            try (HostProcess host = HostProcess.builder(BuiltHost.hostJar(), checkout).env(env)
                    .env("GEWE_BASE_URL", gewe.baseUrl()).env("BOT_PORT", "0").args(given).start()) {
                address.hostPort.complete(host.awaitListening(BuiltHost.START_LIMIT));
                host.awaitOutput("GeWe accepted the callback URL " + address.url() + "/gewe/callback/***", LIMIT);

                assertThat(gewe.callbackUrl()).matches(java.util.regex.Pattern.quote(address.url())
                        + "/gewe/callback/[A-Za-z0-9_-]{22,}");
                String secret = gewe.callbackUrl().substring(gewe.callbackUrl().lastIndexOf('/') + 1);
                assertThat(Files.readString(checkout.resolve("data/callback-secret")).strip()).isEqualTo(secret);

                assertThat(gewe.callbacks().pushText("wxid_you", "/help")).isEqualTo(200);
                List<PostedText> texts = gewe.awaitPostedTexts(1, LIMIT);
                assertThat(texts.get(0).toWxid()).isEqualTo("wxid_you");
                assertThat(texts.get(0).content()).contains("/add");
                assertThat(host.output()).doesNotContain(secret).doesNotContain(gewe.token());
            }
        }
    }

    /** The lines of the first {@code sh} block after a line starting with a text. */
    private static List<String> blockAfter(List<String> readme, String text) {
        int at = 0;
        while (!readme.get(at).startsWith(text)) {
            at++;
        }
        while (!readme.get(at).equals("```sh")) {
            at++;
        }
        List<String> block = new ArrayList<>();
        for (int i = at + 1; !readme.get(i).equals("```"); i++) {
            block.add(readme.get(i));
        }
        return block;
    }
}
