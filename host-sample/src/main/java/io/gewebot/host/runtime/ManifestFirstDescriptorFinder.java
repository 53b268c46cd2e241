package io.gewebot.host.runtime;

import java.nio.file.Path;
import java.util.Objects;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PropertiesPluginDescriptorFinder;

/**
 * Reads a plugin's descriptor from its manifest, and from {@code plugin.properties} only when the
 * manifest names no plugin.
 *
 * <p>PF4J's default asks {@code plugin.properties} first, and to look for it inside a jar it opens
 * the jar as a zip file system: some 30 classes and a read of the jar's whole directory, about
 * 70 ms of a host's start-up, for a file that jar plugins built the usual way (this project's
 * included) do not have. Both kinds of plugin still load; a plugin that has both a manifest
 * {@code Plugin-Id} and a {@code plugin.properties} is described by its manifest.
 */
final class ManifestFirstDescriptorFinder implements PluginDescriptorFinder {

    private final PluginDescriptorFinder manifest;
    private final PluginDescriptorFinder properties;

    ManifestFirstDescriptorFinder() {
        this(new ManifestPluginDescriptorFinder(), new PropertiesPluginDescriptorFinder());
    }

    ManifestFirstDescriptorFinder(PluginDescriptorFinder manifest, PluginDescriptorFinder properties) {
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    @Override
    public boolean isApplicable(Path pluginPath) {
        return manifest.isApplicable(pluginPath) || properties.isApplicable(pluginPath);
    }

    @Override
    public PluginDescriptor find(Path pluginPath) {
        if (manifest.isApplicable(pluginPath)) {
            try {
                PluginDescriptor descriptor = manifest.find(pluginPath);
                String id = descriptor == null ? null : descriptor.getPluginId();
                if (id != null && !id.isBlank()) {
                    return descriptor;
                }
            } catch (RuntimeException e) {
                // No readable manifest (PF4J's finder throws a NullPointerException for a jar with
                // none): plugin.properties may still describe the plugin.
            }
        }
        if (!properties.isApplicable(pluginPath)) {
            throw new PluginRuntimeException("No plugin descriptor in '{}'", pluginPath);
        }
        try {
            return properties.find(pluginPath);
        } catch (PluginRuntimeException e) {
            throw e;
        } catch (RuntimeException e) {
            // PF4J skips a plugin it cannot describe only for this exception; any other stops the
            // loading of every plugin after it.
            throw new PluginRuntimeException(e, "No plugin descriptor in '{}'", pluginPath);
        }
    }
}
