package io.gewebot.testkit;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The built host jar running as a process of its own, started the way an operator starts it
 * ({@code java -jar host-sample.jar ...}), its output captured in files that can be read and waited
 * on while it runs.
 *
 * <pre>{@code
 * try (HostProcess host = HostProcess.builder(hostJar, workDir)
 *         .env("GEWE_TOKEN", token)
 *         .pluginsDir(workDir.resolve("plugins"), pluginJar)
 *         .dataDir(workDir.resolve("data"))
 *         .noPacing()
 *         .args("--port", "0", "--no-console")
 *         .start()) {
 *     host.awaitHealthy(Duration.ofSeconds(60), Duration.ofMillis(10), true);
 *     ...
 *     int exitCode = host.terminate();
 * }
 * }</pre>
 */
public final class HostProcess implements AutoCloseable {

    /**
     * Pacing that never holds a command back: no interval or jitter between friend requests,
     * searches or answers, daily caps no run reaches, and no warm-up (the account counts as online
     * for years).
     */
    public static final List<String> NO_PACING = List.of("--add-interval", "0s", "--add-jitter", "0s",
            "--add-daily-cap", "1000000", "--answer-interval", "0s", "--answer-daily-cap", "1000000",
            "--search-interval", "0s", "--search-daily-cap", "1000000", "--skip-warmup", "--online-since",
            "2020-01-01");

    /** The line the host logs once its HTTP server listens. */
    private static final Pattern LISTENING = Pattern.compile("Listening on port (\\d+)");
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
    private static final Duration KILL_LIMIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Capture output;
    private final Optional<Capture> stderr;
    private final Duration closeGrace;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private volatile int port;

    private HostProcess(Process process, Capture output, Optional<Capture> stderr, Duration closeGrace, int port) {
        this.process = process;
        this.output = output;
        this.stderr = stderr;
        this.closeGrace = closeGrace;
        this.port = port;
    }

    /**
     * A host to start.
     *
     * @param hostJar the host jar to run
     * @param workDir the working folder of the process, where its output files go
     * @return a builder
     */
    public static Builder builder(Path hostJar, Path workDir) {
        return new Builder(Objects.requireNonNull(hostJar, "hostJar"), Objects.requireNonNull(workDir, "workDir"));
    }

    /** How one host process is started. Not reusable across threads; each {@link #start()} starts one more. */
    public static final class Builder {
        private final Path hostJar;
        private final Path workDir;
        private final List<String> launcher = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<Path> pluginJars = new ArrayList<>();
        private Path pluginsDir;
        private boolean separateStderr;
        private Duration closeGrace = Duration.ZERO;

        private Builder(Path hostJar, Path workDir) {
            this.hostJar = hostJar;
            this.workDir = workDir;
        }

        /**
         * Starts {@code java} through a command that replaces itself with it ({@code exec}), such as
         * {@code env --default-signal=INT}: the process, and its id, are the host's, started with what
         * that command changed in what this JVM would hand down.
         */
        public Builder launchedThrough(String... command) {
            launcher.addAll(List.of(command));
            return this;
        }

        /** Adds JVM options, placed before {@code -jar}. */
        public Builder jvmArgs(List<String> options) {
            jvmArgs.addAll(options);
            return this;
        }

        /** Adds JVM options, placed before {@code -jar}. */
        public Builder jvmArgs(String... options) {
            return jvmArgs(List.of(options));
        }

        /** Adds host options, placed after the jar. */
        public Builder args(List<String> options) {
            args.addAll(options);
            return this;
        }

        /** Adds host options, placed after the jar. */
        public Builder args(String... options) {
            return args(List.of(options));
        }

        /** Adds {@link #NO_PACING}. */
        public Builder noPacing() {
            return args(NO_PACING);
        }

        /**
         * Sets an environment variable. The {@code GEWE_*} and {@code BOT_*} variables of this JVM are
         * never passed on, so a host sees only what it is given here.
         */
        public Builder env(String name, String value) {
            env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets environment variables, as {@link #env(String, String)} does. */
        public Builder env(Map<String, String> variables) {
            variables.forEach(this::env);
            return this;
        }

        /**
         * The host's data folder ({@code --data-dir}). A folder that does not exist yet is a fresh
         * one; the same folder again is a restart on the same data.
         */
        public Builder dataDir(Path dir) {
            return args("--data-dir", dir.toString());
        }

        /**
         * The host's plugins folder ({@code --plugins-dir}), created if missing, with these jars
         * copied into it at {@link #start()} (replacing a jar of the same name).
         */
        public Builder pluginsDir(Path dir, Path... jars) {
            pluginsDir = Objects.requireNonNull(dir, "dir");
            pluginJars.addAll(List.of(jars));
            return args("--plugins-dir", dir.toString());
        }

        /**
         * Captures standard error apart from standard output ({@code stdout.log} and
         * {@code stderr.log} in the work folder). By default both go to {@code host.log}, in the order
         * written, as with {@code > host.log 2>&1}.
         */
        public Builder separateStderr() {
            separateStderr = true;
            return this;
        }

        /**
         * How long {@link HostProcess#close()} lets the host stop after SIGTERM before it kills it.
         * By default it is killed at once.
         */
        public Builder closeGrace(Duration grace) {
            closeGrace = Objects.requireNonNull(grace, "grace");
            return this;
        }

        /**
         * Starts the process and returns at once, without waiting for it to listen. The output files
         * are appended to, so a restart in the same work folder keeps the earlier runs' output before
         * this run's.
         */
        public HostProcess start() throws IOException {
            Files.createDirectories(workDir);
            if (pluginsDir != null) {
                Files.createDirectories(pluginsDir);
                for (Path jar : pluginJars) {
                    Files.copy(jar, pluginsDir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            List<String> command = new ArrayList<>(launcher);
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmArgs);
            command.addAll(List.of("-jar", hostJar.toAbsolutePath().toString()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("GEWE_") || k.startsWith("BOT_"));
            builder.environment().putAll(env);
            Capture out = Capture.of(workDir.resolve(separateStderr ? "stdout.log" : "host.log"));
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(out.file().toFile()));
            Optional<Capture> err = Optional.empty();
            if (separateStderr) {
                err = Optional.of(Capture.of(workDir.resolve("stderr.log")));
                builder.redirectError(ProcessBuilder.Redirect.appendTo(err.get().file().toFile()));
            } else {
                builder.redirectErrorStream(true);
            }
            return new HostProcess(builder.start(), out, err, closeGrace, fixedPort(args));
        }

        /** The port given with {@code --port}, or 0 when the host picks one (or none was given). */
        private static int fixedPort(List<String> args) {
            int at = args.lastIndexOf("--port");
            return at >= 0 && at + 1 < args.size() ? Integer.parseInt(args.get(at + 1)) : 0;
        }
    }

    /** A file a stream of the process is appended to, and where this run's part of it begins. */
    private record Capture(Path file, long start) {
        static Capture of(Path file) throws IOException {
            return new Capture(file, Files.exists(file) ? Files.size(file) : 0);
        }

        long size() {
            try {
                return Files.exists(file) ? Files.size(file) : 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String since(long offset) {
            try {
                if (!Files.exists(file)) {
                    return "";
                }
                byte[] all = Files.readAllBytes(file);
                int from = (int) Math.min(Math.max(offset, start), all.length);
                return new String(all, from, all.length - from, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** @return the process id */
    public long pid() {
        return process.pid();
    }

    /**
     * @return the port the host listens on
     * @throws IllegalStateException if it was started with {@code --port 0} and
     *     {@link #awaitListening} has not seen it listen yet
     */
    public int port() {
        if (port == 0) {
            throw new IllegalStateException("the host's port is not known yet: call awaitListening first");
        }
        return port;
    }

    /** @return {@code http://127.0.0.1:<port><path>} */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** @return the URL GeWe posts callbacks to, without a callback secret */
    public String callbackUrl() {
        return url("/gewe/callback");
    }

    /**
     * @return everything this run wrote to its output: standard output and standard error together,
     *     or standard output alone with {@link Builder#separateStderr()}
     */
    public String output() {
        return output.since(0);
    }

    /**
     * @return everything this run wrote to standard error
     * @throws IllegalStateException unless started with {@link Builder#separateStderr()}
     */
    public String stderr() {
        return stderr.orElseThrow(() -> new IllegalStateException("standard error is part of output()")).since(0);
    }

    /** @return a position in the output, to read what comes after it with {@link #outputSince} */
    public long mark() {
        return output.size();
    }

    /** @return what the output got after a {@link #mark()} */
    public String outputSince(long mark) {
        return output.since(mark);
    }

    /** The host's log: standard error, which is part of {@link #output()} unless it was separated. */
    private String log() {
        return stderr.orElse(output).since(0);
    }

    /** Everything this run wrote, on both streams. */
    private String everything() {
        return output() + stderr.map(e -> e.since(0)).orElse("");
    }

    /**
     * Waits until this run's output contains a text.
     *
     * @throws AssertionError with the output, when it does not within the time
     */
    public void awaitOutput(String text, Duration timeout) {
        try {
            await("host output containing '" + text + "'").atMost(timeout).pollInterval(Duration.ofMillis(25))
                    .pollInSameThread().until(() -> everything().contains(text));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("host output never contained '" + text + "' within " + timeout + ":\n"
                    + everything(), e);
        }
    }

    /**
     * Waits until a line of this run's output (or standard error) contains a match of a pattern.
     *
     * @return the first match
     * @throws AssertionError with the output, when none comes within the time
     */
    public MatchResult awaitLine(Pattern pattern, Duration timeout) {
        try {
            return await("a host output line matching " + pattern).atMost(timeout).pollInterval(Duration.ofMillis(25))
                    .pollInSameThread().until(() -> firstMatch(pattern), Optional::isPresent).orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no host output line matched " + pattern + " within " + timeout + ":\n"
                    + everything(), e);
        }
    }

    private Optional<MatchResult> firstMatch(Pattern pattern) {
        for (String text : List.of(output(), stderr.map(e -> e.since(0)).orElse(""))) {
            for (String line : (Iterable<String>) text.lines()::iterator) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    return Optional.of(m.toMatchResult());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Waits until the host logs that it listens, and learns its port (the way to start it with
     * {@code --port 0}).
     *
     * @return the port
     * @throws IllegalStateException with the output, when it exits or does not listen in time
     */
    public int awaitListening(Duration timeout) {
        return awaitListening(timeout, Duration.ofMillis(25));
    }

    private int awaitListening(Duration timeout, Duration pollEvery) {
        if (port != 0) {
            return port;
        }
        try {
            port = await("the host listening").atMost(timeout).pollInterval(pollEvery).pollInSameThread()
                    .until(() -> {
                        failIfExited();
                        Matcher m = LISTENING.matcher(log());
                        return m.find() ? Integer.parseInt(m.group(1)) : 0;
                    }, p -> p != 0);
            return port;
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the host did not listen within " + timeout + ":\n" + everything(), e);
        }
    }

    /**
     * Polls {@code /health} until it answers 200 (with an extension in state {@code ready}, when
     * asked for), learning the port first when it was started with {@code --port 0}.
     *
     * @param timeout how long to wait in all
     * @param pollEvery how often to look
     * @param extensionReady whether an extension must be ready too
     * @return the health document
     * @throws IllegalStateException with the output, when the host exits or is not healthy in time
     */
    public JsonNode awaitHealthy(Duration timeout, Duration pollEvery, boolean extensionReady) {
        long began = System.nanoTime();
        awaitListening(timeout, pollEvery);
        Duration left = timeout.minusNanos(System.nanoTime() - began);
        try {
            return await("the host healthy").atMost(left.isNegative() ? Duration.ZERO : left).pollInterval(pollEvery)
                    .pollInSameThread().until(() -> {
                        failIfExited();
                        return healthy(extensionReady);
                    }, Optional::isPresent).orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the host was not healthy within " + timeout + ":\n" + everything(), e);
        }
    }

    /** Asks {@code /health} once: the document when it is 200 (with a ready extension, if asked), else empty. */
    private Optional<JsonNode> healthy(boolean extensionReady) {
        try {
            HttpResponse<String> response = get("/health");
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode health = JSON.readTree(response.body());
            if (!extensionReady) {
                return Optional.of(health);
            }
            for (JsonNode extension : health.path("extensions")) {
                if (extension.path("state").asText().equals("ready")) {
                    return Optional.of(health);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            // Not listening yet, or not answering yet.
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return {@code /health} now, as a document */
    public JsonNode health() throws IOException, InterruptedException {
        return JSON.readTree(get("/health").body());
    }

    private void failIfExited() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the host exited with " + process.exitValue() + ":\n" + everything());
        }
    }

    /** POSTs a JSON body. */
    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return post(path, body.getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs a JSON body. */
    public HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(HTTP_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** GETs a path. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(HTTP_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Types text at the host's console (its standard input), as is: end lines with {@code \n}. */
    public void type(String text) throws IOException {
        OutputStream console = process.getOutputStream();
        console.write(text.getBytes(StandardCharsets.UTF_8));
        console.flush();
    }

    /** Ends the console input, as Ctrl-D or the end of piped input does. */
    public void closeConsole() throws IOException {
        process.getOutputStream().close();
    }

    /**
     * Waits for the process to end by itself.
     *
     * @return whether it ended within the time
     */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @return the exit code of the ended process
     * @throws IllegalStateException if it still runs
     */
    public int exitCode() {
        return process.exitValue();
    }

    /** @return whether the process still runs */
    public boolean alive() {
        return process.isAlive();
    }

    /**
     * Sends SIGTERM, as an operator (or a service manager) stops the host, and waits for it to end.
     *
     * @return the exit code
     * @throws IllegalStateException with the output, when it has not ended within a minute (it is
     *     then killed)
     */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the host did not stop within " + STOP_LIMIT + " of SIGTERM:\n"
                    + everything());
        }
        return process.exitValue();
    }

    /** SIGKILL: the process ends at once, as in a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(KILL_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the host survived SIGKILL for " + KILL_LIMIT);
        }
    }

    /**
     * Ends the process if it still runs: SIGTERM and up to {@link Builder#closeGrace} to stop, then
     * SIGKILL.
     */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        if (!closeGrace.isZero()) {
            process.destroy();
            if (process.waitFor(closeGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        }
        kill();
    }
}
