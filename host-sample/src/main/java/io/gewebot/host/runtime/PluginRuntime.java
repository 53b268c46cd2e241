package io.gewebot.host.runtime;

import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.chat.ChatExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@link ContactAction} extensions from a PF4J plugins folder and from the host's own classpath
 * ({@link ServiceLoader}), hands each its settings, and keeps them until {@link #close()}.
 *
 * <p>A plugin that cannot be loaded or started, and an extension that fails to configure, are logged
 * with their reason and skipped; the host runs on with the rest.
 *
 * <p>Contact commands use one extension, {@link #primary()}: the one of the configured name, or without
 * one the first usable extension, plugins taken in the order of their ids and the classpath last (PF4J
 * itself lists plugins in no stable order).
 *
 * <p>A host serving several accounts loads the plugins once and has each account's extensions made
 * and configured apart ({@link #forAccount}): an extension is configured once, with one account's
 * settings, so each account has instances of its own.
 */
public final class PluginRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRuntime.class);

    /**
     * A plugin PF4J found.
     *
     * @param id its id
     * @param version its version
     * @param state its PF4J state
     * @param problem why it failed, empty otherwise
     */
    public record PluginInfo(String id, String version, String state, String problem) {
    }

    /**
     * An extension found.
     *
     * @param name its {@link ContactAction#name()}, or its class when that failed
     * @param className its class
     * @param source {@code plugin <id>} or {@code classpath}
     * @param state {@code ready} or {@code failed: <reason>}
     * @param action the extension, when ready
     */
    public record Extension(String name, String className, String source, String state, Optional<ContactAction> action) {
        /** @return whether it can be used */
        public boolean ready() {
            return action.isPresent();
        }
    }

    private final Path pluginsDir;
    private final ContactSettings settings;
    private final ClassLoader hostLoader;
    private final String preferred;
    /** The runtime that loaded the plugins: this one, or the one {@link #forAccount} was called on. */
    private final PluginRuntime loader;
    private PluginManager pf4j;
    private List<PluginInfo> plugins = List.of();
    private List<Extension> extensions = List.of();

    /**
     * @param pluginsDir the plugins folder
     * @param settings what every extension is configured with
     * @param hostLoader where {@link ServiceLoader} looks for extensions on the host's classpath
     */
    public PluginRuntime(Path pluginsDir, ContactSettings settings, ClassLoader hostLoader) {
        this(pluginsDir, settings, hostLoader, "");
    }

    /**
     * @param pluginsDir the plugins folder
     * @param settings what every extension is configured with
     * @param hostLoader where {@link ServiceLoader} looks for extensions on the host's classpath
     * @param preferred the name of the extension contact commands use; empty for the first usable one
     */
    public PluginRuntime(Path pluginsDir, ContactSettings settings, ClassLoader hostLoader, String preferred) {
        this.pluginsDir = Objects.requireNonNull(pluginsDir, "pluginsDir");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hostLoader = Objects.requireNonNull(hostLoader, "hostLoader");
        this.preferred = Objects.requireNonNull(preferred, "preferred").strip();
        this.loader = this;
    }

    private PluginRuntime(PluginRuntime loader, ContactSettings settings) {
        this.pluginsDir = loader.pluginsDir;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hostLoader = loader.hostLoader;
        this.preferred = loader.preferred;
        this.loader = loader;
    }

    /**
     * The extensions of another account: new instances of the extensions of the plugins this runtime
     * loaded (and of the classpath's), configured with that account's settings. Its {@link #start()}
     * loads no plugin again, and must come after this runtime's; its {@link #close()} closes only its
     * own extensions, and must come before this runtime's.
     *
     * @param accountSettings what the account's extensions are configured with
     * @return the account's runtime, not yet started
     */
    public PluginRuntime forAccount(ContactSettings accountSettings) {
        return new PluginRuntime(this, accountSettings);
    }

    /**
     * Loads and starts the plugins and configures every extension found; logs what it found. A
     * runtime made by {@link #forAccount} only makes and configures its own extensions.
     */
    public synchronized void start() {
        List<Extension> found = new ArrayList<>();
        if (loader == this) {
            loadPlugins();
        }
        for (Found<ContactAction> action : newExtensions(ContactAction.class)) {
            found.add(configure(action.extension(), action.source()));
        }
        extensions = Collections.unmodifiableList(found);
        Optional<Extension> primary = primary();
        if (primary.isPresent()) {
            LOG.info("Contact commands use extension {} (from {})", primary.get().name(), primary.get().source());
        } else if (settings.get(ContactSettings.TOKEN).isEmpty()) {
            // The account has no token, which the host names: no extension, and no plugin, is at fault.
            LOG.debug("No ContactAction extension configured without a token");
        } else if (!preferred.isEmpty()) {
            LOG.error("No usable ContactAction extension named {}: contact commands will fail", preferred);
        } else {
            LOG.warn("No usable ContactAction extension: contact commands will fail until one is installed in {}",
                    pluginsDir);
        }
    }

    private void loadPlugins() {
        pf4j = createPluginManager(pluginsDir);
        if (Files.isDirectory(pluginsDir)) {
            try {
                pf4j.loadPlugins();
                pf4j.startPlugins();
            } catch (RuntimeException | LinkageError e) {
                LOG.error("Plugins in {} could not all be loaded: {}", pluginsDir, e.toString());
            }
        } else {
            LOG.warn("Plugins folder {} does not exist; only the classpath is searched", pluginsDir);
        }
        List<PluginInfo> infos = new ArrayList<>();
        List<PluginWrapper> loaded = new ArrayList<>(pf4j.getPlugins());
        loaded.sort(Comparator.comparing(PluginWrapper::getPluginId));
        for (PluginWrapper plugin : loaded) {
            String problem = Optional.ofNullable(plugin.getFailedException()).map(Throwable::toString).orElse("");
            PluginInfo info = new PluginInfo(plugin.getPluginId(), plugin.getDescriptor().getVersion(),
                    plugin.getPluginState().toString(), problem);
            infos.add(info);
            if (problem.isEmpty()) {
                LOG.info("Plugin {} {}: {}", info.id(), info.version(), info.state());
            } else {
                LOG.error("Plugin {} {}: {} ({})", info.id(), info.version(), info.state(), problem);
            }
        }
        plugins = List.copyOf(infos);
    }

    /**
     * The PF4J manager for a folder: PF4J's default, which describes a plugin by its
     * {@code plugin.properties} or its manifest and skips a jar that has neither. A subclass may return
     * one with other repositories or loaders.
     *
     * @param dir the plugins folder
     * @return the manager
     */
    PluginManager createPluginManager(Path dir) {
        return new DefaultPluginManager(dir);
    }

    private Extension configure(ContactAction action, String source) {
        String className = action.getClass().getName();
        String name = className;
        try {
            name = Objects.requireNonNullElse(action.name(), className);
            action.configure(settings);
            LOG.info("Extension {} ({}, from {}): ready", name, className, source);
            return new Extension(name, className, source, "ready", Optional.of(action));
        } catch (RuntimeException | LinkageError e) {
            String reason = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
            if (settings.get(ContactSettings.TOKEN).isEmpty()) {
                LOG.debug("Extension {} ({}, from {}) cannot be configured without a token: {}", name, className,
                        source, reason);
            } else {
                LOG.error("Extension {} ({}, from {}) failed to configure: {}", name, className, source, reason);
            }
            closeQuietly(action);
            return new Extension(name, className, source, "failed: " + reason, Optional.empty());
        }
    }

    /** @return the plugins folder */
    public Path pluginsDir() {
        return pluginsDir;
    }

    /** @return the plugins PF4J found, with their state */
    public List<PluginInfo> plugins() {
        if (loader != this) {
            return loader.plugins();
        }
        synchronized (this) {
            return plugins;
        }
    }

    /** @return every extension found, usable or not */
    public synchronized List<Extension> extensions() {
        return extensions;
    }

    /** @return the extension contact commands use: the usable one of the configured name, or the first usable one */
    public synchronized Optional<Extension> primary() {
        return extensions.stream().filter(Extension::ready)
                .filter(e -> preferred.isEmpty() || e.name().equals(preferred)).findFirst();
    }

    /**
     * The contact operations the chat commands use: those of the {@link #primary()} extension at the time of
     * each call, so that a reload takes effect at once; while none is usable, every operation is refused as
     * {@link io.gewebot.api.ContactOutcome.Reason#NOT_CONFIGURED not configured}, and nothing reaches a platform.
     *
     * @return the operations, never {@code null}
     */
    public ContactAction contacts() {
        return primary().flatMap(Extension::action).orElse(NoContactPlugin.INSTANCE);
    }

    /**
     * New instances of every chat extension there is, for one account: from the started plugins (PF4J makes
     * new instances on each call), then from the host's classpath ({@link ServiceLoader}), each class once.
     * One that cannot be made is logged and left out.
     *
     * @return the extensions, not yet started
     */
    public List<ChatExtension> chatExtensions() {
        return newExtensions(ChatExtension.class).stream().map(Found::extension).toList();
    }

    /** An extension just made, and where it came from: {@code plugin <id>} or {@code classpath}. */
    private record Found<T>(T extension, String source) {
    }

    /**
     * New instances of every extension of a type: from the started plugins in the order of their ids (PF4J
     * makes new instances on each call: this account's own), then from the host's classpath, each class once.
     * One that cannot be made is logged and left out.
     */
    private <T> List<Found<T>> newExtensions(Class<T> type) {
        List<Found<T>> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        PluginManager manager = loader.pf4j;
        List<PluginWrapper> loaded = manager == null ? List.of() : new ArrayList<>(manager.getPlugins());
        loaded.sort(Comparator.comparing(PluginWrapper::getPluginId));
        for (PluginWrapper plugin : loaded) {
            if (plugin.getPluginState().isStarted()) {
                try {
                    for (T extension : manager.getExtensions(type, plugin.getPluginId())) {
                        if (seen.add(extension.getClass().getName())) {
                            found.add(new Found<>(extension, "plugin " + plugin.getPluginId()));
                        }
                    }
                } catch (RuntimeException | LinkageError e) {
                    LOG.error("{} extensions of plugin {} could not be created: {}", type.getSimpleName(),
                            plugin.getPluginId(), e.toString());
                }
            }
        }
        var providers = ServiceLoader.load(type, hostLoader).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                T extension = providers.next();
                if (seen.add(extension.getClass().getName())) {
                    found.add(new Found<>(extension, "classpath"));
                }
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.error("A {} on the classpath could not be created: {}", type.getSimpleName(), e.toString());
            }
        }
        return found;
    }

    /** Unloads everything and loads the plugins folder again. */
    public synchronized void reload() {
        close();
        start();
    }

    /** Closes every extension and stops and unloads the plugins. */
    @Override
    public synchronized void close() {
        for (Extension e : extensions) {
            e.action().ifPresent(PluginRuntime::closeQuietly);
        }
        extensions = List.of();
        if (loader == this && pf4j != null) {
            try {
                // unloadPlugins() stops each plugin first; PF4J 3.15's stopPlugins() can throw a
                // ConcurrentModificationException once a plugin has started.
                pf4j.unloadPlugins();
            } catch (RuntimeException e) {
                LOG.warn("Stopping plugins: {}", e.toString());
            }
            pf4j = null;
        }
        plugins = List.of();
    }

    private static void closeQuietly(ContactAction action) {
        try {
            action.close();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Closing extension {}: {}", action.getClass().getName(), e.toString());
        }
    }
}
