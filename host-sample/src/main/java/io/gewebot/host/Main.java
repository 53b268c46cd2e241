package io.gewebot.host;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import io.gewebot.host.export.Export;
import io.gewebot.host.login.Login;
import io.gewebot.host.login.LoginConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar host-sample.jar [options]}: runs the bot until SIGTERM or Ctrl-C, then stops it
 * cleanly and exits 0. {@code java -jar host-sample.jar login [options]} logs the account in by QR code
 * and saves it for the host (see {@link Login}); {@code java -jar host-sample.jar export [options]} writes
 * the account's friends as CSV (see {@link Export}). {@code --help} lists the options, {@code --version} prints the version; a bad option
 * exits 2.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    /** Whether the JDK HTTP server sets TCP_NODELAY on its connections. */
    static final String HTTP_SERVER_NO_DELAY = "sun.net.httpserver.nodelay";

    private Main() {
    }

    /**
     * Runs the bot.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        applyJvmSettings();
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        HostConfig config;
        try {
            Optional<Invocation> toRun = HostCommandLine.invocation(Arrays.asList(args), System.getenv(), home(),
                    new PrintWriter(stdout, true));
            if (toRun.isEmpty()) {
                return;
            }
            if (toRun.get() instanceof Invocation.RunLogin login) {
                System.exit(login(login.config(), stdout));
                return;
            }
            if (toRun.get() instanceof Invocation.RunExport export) {
                LOG.debug("Exporting with {}", export.config());
                // Standard output carries the CSV alone, as bytes: the messages go to standard error.
                System.exit(Export.run(export.config(), System.out,
                        new PrintStream(System.err, true, StandardCharsets.UTF_8)));
                return;
            }
            config = ((Invocation.RunHost) toRun.get()).config();
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info("Starting with {}", config);
        // Signals are handled before anything starts: a SIGTERM that arrives while the host is still
        // starting must end in the same clean stop and exit code 0 as one that arrives later.
        AtomicReference<BotHost> running = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            try {
                started.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            BotHost h = running.get();
            if (h != null) {
                h.close();
            }
            stopped.countDown();
        };
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    // Stop on a thread of our own: the signal thread must not block on the drain.
                    Thread t = new Thread(() -> {
                        stop.run();
                        System.exit(0);
                    }, "shutdown");
                    t.start();
                });
            } catch (IllegalArgumentException e) {
                LOG.debug("Signal {} not available here", name);
            }
        }
        BotHost host;
        try {
            host = BotHost.start(config, Clock.systemUTC(), Optional.of(stdout).filter(s -> config.console()));
        } catch (Exception e) {
            LOG.error("Cannot start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        running.set(host);
        started.countDown();
        Runtime.getRuntime().addShutdownHook(new Thread(host::close, "shutdown-hook"));
        if (config.console()) {
            host.runConsole(System.in, stdout);
            // The operator closed the console (Ctrl-D, or the end of piped input): stop cleanly.
            // Services run with --no-console and stop on SIGTERM.
            LOG.info("Console input ended; stopping");
            stop.run();
            System.exit(0);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code login} on this thread; Ctrl-C or SIGTERM interrupts it, which ends the run with its
     * message and exit code rather than mid-way.
     */
    private static int login(LoginConfig config, PrintStream stdout) {
        LOG.debug("Logging in with {}", config);
        Thread login = Thread.currentThread();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> login.interrupt());
            } catch (IllegalArgumentException e) {
                LOG.debug("Signal {} not available here", name);
            }
        }
        return Login.run(config, stdout, new PrintStream(System.err, true, StandardCharsets.UTF_8));
    }

    /**
     * The JVM-wide settings of the JDK's HTTP server (the callback endpoint and the embedded sandbox),
     * made here, in one place, before anything starts: each is read once, when the JVM's first HTTP
     * server is created. A value set with {@code -D} wins.
     */
    static void applyJvmSettings() {
        // The callback endpoint needs no JVM-wide setting. The embedded GeWe sandbox of the quick start
        // runs on the JDK's HTTP server, which leaves Nagle's
        // algorithm on unless told otherwise, and it writes an answer's headers and body apart: the
        // body then waits for the client's delayed ACK, about 40 ms per callback, which holds one
        // connection to some 25 callbacks a second.
        if (System.getProperty(HTTP_SERVER_NO_DELAY) == null) {
            System.setProperty(HTTP_SERVER_NO_DELAY, "true");
        }
    }

    /**
     * The folder holding the host jar, where the default plugins folder is (the default data folder is
     * the working directory's), or the working folder when run from classes.
     */
    static Path home() {
        try {
            Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(location)) {
                return location.getParent();
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            LOG.debug("Cannot tell where the jar is: {}", e.toString());
        }
        return Path.of("").toAbsolutePath();
    }
}
