package io.gewebot.host;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar host-sample.jar [options]}: runs the bot until SIGTERM or Ctrl-C, then stops it
 * cleanly and exits 0. {@code --help} lists the options.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    /**
     * Runs the bot.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (HostConfig.wantsHelp(Arrays.asList(args))) {
            stdout.print(HostConfig.help());
            return;
        }
        HostConfig config;
        try {
            config = HostConfig.parse(Arrays.asList(args), System.getenv(), home());
        } catch (HostConfig.ConfigException e) {
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

    /** The folder holding the host jar, or the working folder when run from classes. */
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
