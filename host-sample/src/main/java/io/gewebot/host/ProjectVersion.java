package io.gewebot.host;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The version {@code --version} prints: the runnable jar's manifest says it; run from classes, the
 * resource Maven filtered does.
 */
final class ProjectVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        return new String[] {"host-sample " + version()};
    }

    static String version() throws IOException {
        String fromManifest = HostConfig.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return fromManifest;
        }
        Properties built = new Properties();
        try (InputStream in = HostConfig.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IOException("version.properties is missing from the build");
            }
            built.load(in);
        }
        return built.getProperty("version");
    }
}
