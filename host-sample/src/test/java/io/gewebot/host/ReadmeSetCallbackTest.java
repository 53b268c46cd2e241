package io.gewebot.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpServer;
import io.gewebot.sandbox.GeweSandbox;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's {@code setCallback} command, run as written against a GeWe stand-in, is accepted. */
class ReadmeSetCallbackTest {

    private static final String SECRET = "0123456789abcdef";

    @Test
    void theReadmesSetCallbackCommandRegistersTheCallbackUrl() throws Exception {
        assumeThat(Path.of("/usr/bin/curl")).as("curl is installed").exists();
        List<String> commands = Files.readAllLines(Path.of("../README.md"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("curl ") && line.contains("/tools/setCallback")).toList();
        assertThat(commands).hasSize(1);

        HttpServer bot = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        bot.createContext("/gewe/callback/" + SECRET, exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        bot.start();
        try (GeweSandbox gewe = GeweSandbox.start()) {
            String botUrl = "http://127.0.0.1:" + bot.getAddress().getPort();
            String command = commands.get(0).replace("http://<bot-host>:8080", botUrl);
            ProcessBuilder shell = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
            shell.environment().put("GEWE_BASE_URL", gewe.baseUrl());
            shell.environment().put("GEWE_TOKEN", gewe.token());
            shell.environment().put("BOT_CALLBACK_SECRET", SECRET);
            Process run = shell.start();
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String answer = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).contains("\"ret\":200");
            assertThat(gewe.callbackUrl()).isEqualTo(botUrl + "/gewe/callback/" + SECRET);
        } finally {
            bot.stop(0);
        }
    }
}
