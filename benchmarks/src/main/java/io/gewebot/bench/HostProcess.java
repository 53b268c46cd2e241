package io.gewebot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gewebot.sandbox.GeweSandbox;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host jar running as its own process, as {@code java -jar host-sample.jar} runs it, talking to
 * a GeWe sandbox in the harness over loopback. Its output goes to a log file in its work folder.
 */
final class HostProcess implements AutoCloseable {

    /** The admin every benchmark command comes from. */
    static final String ADMIN = "wxid_bench_admin";

    /** Pacing that never holds an {@code /add} back, so each is sent at once and answered at once. */
    static final List<String> NO_PACING = List.of("--add-interval", "0s", "--add-jitter", "0s",
            "--add-daily-cap", "1000000", "--skip-warmup");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEAP = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used (\\d+)K");

    private final Process process;
    private final int port;
    private final Path log;

    private HostProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the host on a free port with the plugin jar in a plugins folder of its own.
     *
     * @param setup the jars and the java binary
     * @param workDir an empty folder for plugins, data and the log
     * @param sandbox the GeWe the host talks to
     * @param jvmArgs JVM options, e.g. {@code -Xmx64m}
     * @param hostArgs host options beyond GeWe, port, folders and console
     */
    static HostProcess start(Setup setup, Path workDir, GeweSandbox sandbox, List<String> jvmArgs,
            List<String> hostArgs) throws IOException {
        Path plugins = Files.createDirectories(workDir.resolve("plugins"));
        Files.copy(setup.pluginJar(), plugins.resolve(setup.pluginJar().getFileName()));
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(setup.java().toString());
        command.addAll(jvmArgs);
        command.addAll(setup.extraHostJvmArgs());
        command.addAll(List.of("-jar", setup.hostJar().toString(), "--no-console", "--port", Integer.toString(port),
                "--plugins-dir", plugins.toString(), "--data-dir", workDir.resolve("data").toString(),
                "--admins", ADMIN, "--gewe-base-url", sandbox.baseUrl(), "--gewe-app-id", sandbox.appId()));
        command.addAll(hostArgs);
        Path log = workDir.resolve("host.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("GEWE_") || k.startsWith("BOT_"));
        // The token goes through the environment, where the host reads secrets from, not the command line.
        builder.environment().put("GEWE_TOKEN", sandbox.token());
        return new HostProcess(builder.start(), port, log);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    String callbackPath() {
        return "/gewe/callback";
    }

    /**
     * Asks {@code /health} once.
     *
     * @return the document when it answered 200 with a ready extension; empty otherwise (not up yet)
     */
    Optional<JsonNode> readyHealth() {
        try (HttpConnection connection = new HttpConnection(port)) {
            HttpConnection.Response response = connection.exchange(HttpConnection.get(port, "/health"));
            if (response.status() != 200) {
                return Optional.empty();
            }
            JsonNode health = JSON.readTree(response.body());
            for (JsonNode extension : health.path("extensions")) {
                if (extension.path("state").asText().equals("ready")) {
                    return Optional.of(health);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Polls {@code /health} every {@code pollEvery} until it is 200 with a ready extension.
     *
     * @return the health document
     */
    JsonNode awaitReady(Duration timeout, Duration pollEvery) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> health = readyHealth();
            if (health.isPresent()) {
                return health.get();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the host exited with " + process.exitValue() + ":\n" + logText());
            }
            LockSupport.parkNanos(pollEvery.toNanos());
        }
        throw new IllegalStateException("the host was not ready within " + timeout + ":\n" + logText());
    }

    /** @return how many callbacks wait in the host's queue, from {@code /health} */
    int queueWaiting() throws IOException {
        try (HttpConnection connection = new HttpConnection(port)) {
            HttpConnection.Response response = connection.exchange(HttpConnection.get(port, "/health"));
            return JSON.readTree(response.body()).path("queue").path("waiting").asInt(-1);
        }
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** CPU time the host has used so far (user and system), in nanoseconds, from {@code /proc/<pid>/stat}. */
    long cpuNanos() throws IOException {
        return MachineLoad.cpuNanos(Path.of("/proc", Long.toString(pid()), "stat"));
    }

    /** Resident memory, from {@code /proc/<pid>/status}. */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for process " + pid());
    }

    /**
     * The heap and metaspace as {@code jcmd GC.heap_info} reports them.
     *
     * @param fullGcFirst whether to run {@code jcmd GC.run} first, so only live objects are counted
     */
    Heap heap(boolean fullGcFirst) throws IOException, InterruptedException {
        if (fullGcFirst) {
            jcmd("GC.run");
        }
        String info = jcmd("GC.heap_info");
        Matcher heap = HEAP.matcher(info);
        Matcher metaspace = METASPACE.matcher(info);
        if (!heap.find() || !metaspace.find()) {
            throw new IOException("cannot read jcmd GC.heap_info:\n" + info);
        }
        return new Heap(Long.parseLong(heap.group(2)) * 1024, Long.parseLong(heap.group(1)) * 1024,
                Long.parseLong(metaspace.group(1)) * 1024);
    }

    /** Heap in use and committed, and metaspace in use, in bytes. */
    record Heap(long used, long committed, long metaspaceUsed) {
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Setup.jdkTool("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + command + " failed:\n" + out);
        }
        return out;
    }

    /** Stops the host as an operator would (SIGTERM), and kills it if it has not stopped within a minute. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
