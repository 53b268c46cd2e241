package io.gewebot.bench;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactSettings;
import io.gewebot.commands.runtime.ContactCalls;
import io.gewebot.host.runtime.PluginRuntime;
import io.gewebot.sandbox.GeweSandbox;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Plugin reload: the host's {@link PluginRuntime}, in the harness's own JVM, unloads and loads the
 * GeWe plugin jar again and again; after each load the plugin sends one {@code /add} to a sandbox,
 * called as the contact commands call it (through one {@link ContactCalls} for the whole run), so that its
 * HTTP client, JSON mapper and connection pool are really used before they are dropped.
 * Metaspace and the count of loaded classes are read (after {@link System#gc()}) once the first
 * few reloads have loaded whatever is loaded only once, and again after the measured reloads.
 * A class-loader leak shows as one plugin's worth of classes and metaspace kept per reload.
 */
final class ReloadBenchmark {

    private static final int SETTLING_RELOADS = 5;

    /**
     * One reading.
     *
     * @param metaspaceUsed bytes of metaspace in use
     * @param loadedClasses classes loaded now
     * @param unloadedClasses classes unloaded since the JVM started
     * @param totalLoadedClasses classes loaded since the JVM started
     */
    record Reading(long metaspaceUsed, int loadedClasses, long unloadedClasses, long totalLoadedClasses) {
    }

    /**
     * @param reloads measured reloads
     * @param before read before them
     * @param after read after them
     * @param classesPerReload classes defined by one reload (for scale: what a leak would keep each time)
     * @param millisPerReload mean time of one reload (unload, load, configure, one add)
     */
    record Result(int reloads, Reading before, Reading after, long classesPerReload, double millisPerReload) {
        long metaspaceGrowth() {
            return after.metaspaceUsed() - before.metaspaceUsed();
        }

        int classGrowth() {
            return after.loadedClasses() - before.loadedClasses();
        }
    }

    private final Setup setup;

    ReloadBenchmark(Setup setup) {
        this.setup = setup;
    }

    Result run(int reloads) throws Exception {
        Path plugins = Files.createDirectories(setup.newWorkDir("reload").resolve("plugins"));
        Files.copy(setup.pluginJar(), plugins.resolve(setup.pluginJar().getFileName()));
        try (GeweSandbox sandbox = GeweSandbox.start()) {
            ContactSettings settings = ContactSettings.of(Map.of(
                    ContactSettings.BASE_URL, sandbox.baseUrl(),
                    ContactSettings.TOKEN, sandbox.token(),
                    ContactSettings.APP_ID, sandbox.appId()));
            PluginRuntime runtime = new PluginRuntime(plugins, settings, ReloadBenchmark.class.getClassLoader());
            try (ContactCalls calls = new ContactCalls(Duration.ofSeconds(30), 16)) {
                runtime.start();
                useOnce(runtime, calls);
                for (int i = 0; i < SETTLING_RELOADS; i++) {
                    runtime.reload();
                    useOnce(runtime, calls);
                }
                Reading before = read();
                long began = System.nanoTime();
                for (int i = 0; i < reloads; i++) {
                    runtime.reload();
                    useOnce(runtime, calls);
                }
                double millisPerReload = (System.nanoTime() - began) / 1e6 / reloads;
                Reading after = read();
                long classesPerReload = (after.totalLoadedClasses() - before.totalLoadedClasses()) / reloads;
                return new Result(reloads, before, after, classesPerReload, millisPerReload);
            } finally {
                runtime.close();
            }
        }
    }

    private static void useOnce(PluginRuntime runtime, ContactCalls calls) {
        ContactAction action = runtime.primary().flatMap(PluginRuntime.Extension::action)
                .orElseThrow(() -> new IllegalStateException("the plugin did not load: " + runtime.extensions()));
        ContactCalls.Result result = calls.call(action, a -> a.add(AddRequest.of(GeweSandbox.DEMO_STRANGER, "hi")));
        if (!(result instanceof ContactCalls.Result.Answered answered)
                || !(answered.outcome() instanceof ContactOutcome.Done)) {
            throw new IllegalStateException("the plugin's /add failed: " + result);
        }
    }

    private static Reading read() throws InterruptedException {
        // Several collections: a class loader becomes collectable only once the objects it defined are gone.
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getName().equals("Metaspace")).mapToLong(p -> p.getUsage().getUsed()).sum();
        ClassLoadingMXBean classes = classLoading();
        return new Reading(metaspace, classes.getLoadedClassCount(), classes.getUnloadedClassCount(),
                classes.getTotalLoadedClassCount());
    }

    private static ClassLoadingMXBean classLoading() {
        return ManagementFactory.getClassLoadingMXBean();
    }
}
