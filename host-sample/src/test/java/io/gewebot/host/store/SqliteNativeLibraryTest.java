package io.gewebot.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/** SQLite's native library is copied once into a private folder and the driver pointed at it. */
class SqliteNativeLibraryTest {

    @TempDir
    Path dir;

    private String savedPath;
    private String savedName;

    @BeforeEach
    void clearProperties() {
        savedPath = System.clearProperty(SqliteNativeLibrary.PATH_PROPERTY);
        savedName = System.clearProperty(SqliteNativeLibrary.NAME_PROPERTY);
    }

    @AfterEach
    void restoreProperties() {
        restore(SqliteNativeLibrary.PATH_PROPERTY, savedPath);
        restore(SqliteNativeLibrary.NAME_PROPERTY, savedName);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static byte[] driversOwnLibrary() throws IOException {
        String name = System.mapLibraryName(LibraryLoaderUtil.NATIVE_LIB_BASE_NAME);
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void theLibraryIsCopiedOnceIntoAnOwnerOnlyFolderAndTheDriverPointedAtIt() throws IOException {
        Path cache = dir.resolve("cache");

        Optional<Path> library = SqliteNativeLibrary.prepare(cache);

        assertThat(library).isPresent();
        assertThat(Files.readAllBytes(library.get())).isEqualTo(driversOwnLibrary());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
        assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY)).isEqualTo(library.get().getParent().toString());
        assertThat(System.getProperty(SqliteNativeLibrary.NAME_PROPERTY)).isEqualTo(library.get().getFileName().toString());
        try (var files = Files.list(library.get().getParent())) {
            assertThat(files).containsExactly(library.get());
        }

        // The next start finds it and leaves it as it is.
        Files.setLastModifiedTime(library.get(), java.nio.file.attribute.FileTime.fromMillis(0));
        clearProperties();
        assertThat(SqliteNativeLibrary.prepare(cache)).isEqualTo(library);
        assertThat(Files.getLastModifiedTime(library.get()).toMillis()).isZero();
    }

    @Test
    void aFolderOthersMayWriteToIsNotTrusted() throws IOException {
        Path cache = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(SqliteNativeLibrary.prepare(cache)).isEmpty();
        assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY)).isNull();
        try (var files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anOperatorsOwnChoiceIsLeftAlone() {
        System.setProperty(SqliteNativeLibrary.PATH_PROPERTY, "/opt/sqlite");
        Path cache = dir.resolve("cache");

        assertThat(SqliteNativeLibrary.prepare(cache)).isEmpty();
        assertThat(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY)).isEqualTo("/opt/sqlite");
        assertThat(cache).doesNotExist();
    }
}
