package io.gewebot.host.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host jar Maven built, running as a process of its own the way an operator runs it, its output
 * (log and console) appended to a file the tests read.
 */
public final class RunningHost implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("Listening on port (\\d+)");
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final long logStart;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningHost(Process process, Path log, long logStart, int port) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
        this.port = port;
    }

    public static Path hostJar() {
        return Path.of(System.getProperty("host.jar", "target/host-sample.jar"));
    }

    public static Path pluginJar() {
        return Path.of(System.getProperty("plugin.jar", "target/plugins/plugin-gewe-contacts.jar"));
    }

    /**
     * Starts the host and waits until it listens.
     *
     * @param env the environment (GEWE_* and BOT_* of the test JVM are removed first)
     * @param log the file its output is appended to
     * @param args the command line
     */
    public static RunningHost start(Map<String, String> env, Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", hostJar().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("GEWE_") || k.startsWith("BOT_"));
        builder.environment().putAll(env);
        long offset = Files.exists(log) ? Files.size(log) : 0;
        Process process = builder.start();
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = PORT.matcher(read(log, offset));
            if (m.find()) {
                return new RunningHost(process, log, offset, Integer.parseInt(m.group(1)));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("host exited with " + process.exitValue() + ":\n" + read(log, offset));
            }
            pause(25);
        }
        process.destroyForcibly();
        throw new IllegalStateException("host did not listen within " + START_LIMIT + ":\n" + read(log, offset));
    }

    public int port() {
        return port;
    }

    /** @return the URL GeWe posts callbacks to, without a callback secret */
    public String callbackUrl() {
        return url("/gewe/callback");
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** @return everything this run of the host wrote so far */
    public String output() {
        return read(log, logStart);
    }

    /** @return the size of the whole log file now, to read what comes after with {@link #outputSince} */
    public long mark() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return what the log file got after a {@link #mark()} */
    public String outputSince(long mark) {
        return read(log, mark);
    }

    /** Waits until this run's output contains a text. */
    public void awaitOutput(String text, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (output().contains(text)) {
                return;
            }
            pause(25);
        }
        throw new AssertionError("host output never contained '" + text + "':\n" + output());
    }

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return post(path, body.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Sends SIGTERM and returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("host did not stop within 60 s of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGKILL: the process ends at once, as in a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("host survived SIGKILL");
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String read(Path log, long offset) {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
