package io.gewebot.host.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Keeps SQLite's native library in a private cache folder so that the driver loads it from there.
 *
 * <p>Left alone, the SQLite driver works out the platform (starting a process to do so), then copies
 * its native library out of the jar to a new file in the temporary folder on every start: about
 * 0.1 s of each start-up, and a 1 MB file left behind by every process that is killed rather than
 * stopped. Here the library is copied once per driver version and platform into a folder only this
 * user can write to, and the driver is pointed at it ({@code org.sqlite.lib.path} and
 * {@code org.sqlite.lib.name}). When that library cannot be loaded (a folder shared between machines
 * of different C libraries, say), the driver goes on to its own way, so nothing can break.
 *
 * <p>Nothing is done when the operator set {@code org.sqlite.lib.path}, when the file system has no
 * POSIX permissions, or when the cache folder is not this user's alone.
 */
final class SqliteNativeLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);

    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private SqliteNativeLibrary() {
    }

    /** @return the default cache folder: one per user, under the temporary folder */
    static Path defaultCache() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "gewe-bot-" + user);
    }

    /**
     * Points the driver at the cached library, copying it there first when needed. Call before the
     * first connection; never throws.
     *
     * @param cache the cache folder, created with owner-only permissions when missing
     * @return the library the driver will load, when it was prepared
     */
    static Optional<Path> prepare(Path cache) {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return Optional.empty();
        }
        try {
            if (!privateFolder(cache)) {
                LOG.debug("{} is not this user's alone: SQLite extracts its library itself", cache);
                return Optional.empty();
            }
            String name = System.mapLibraryName(LibraryLoaderUtil.NATIVE_LIB_BASE_NAME);
            Path folder = cache.resolve("sqlite-" + SQLiteJDBCLoader.getVersion() + "-" + platform());
            Path library = folder.resolve(name);
            if (!Files.isRegularFile(library, LinkOption.NOFOLLOW_LINKS)) {
                if (!copyFromJar(folder, name)) {
                    return Optional.empty();
                }
            }
            System.setProperty(PATH_PROPERTY, folder.toString());
            System.setProperty(NAME_PROPERTY, name);
            return Optional.of(library);
        } catch (IOException | RuntimeException e) {
            LOG.debug("SQLite's library not cached ({}): SQLite extracts it itself", e.toString());
            return Optional.empty();
        }
    }

    /** The platform as the JVM names it: the cache is only ever read on the machine that wrote it. */
    private static String platform() {
        String os = System.getProperty("os.name", "os") + "-" + System.getProperty("os.arch", "arch");
        return os.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    }

    /** Creates the folder owner-only, or checks that an existing one is this user's and nobody else's. */
    private static boolean privateFolder(Path folder) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(folder.getParent(), PosixFileAttributeView.class);
        if (view == null) {
            return false;
        }
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // Another process made it first: checked below like any existing folder.
            } catch (AccessDeniedException e) {
                return false;
            }
        }
        PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String me = System.getProperty("user.name");
        return attributes.isDirectory()
                && attributes.owner().getName().equals(me)
                && attributes.permissions().equals(OWNER_ONLY);
    }

    /** Copies the driver's library for this platform, whole or not at all. */
    private static boolean copyFromJar(Path folder, String name) throws IOException {
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, name, ".part");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return true;
        }
    }
}
