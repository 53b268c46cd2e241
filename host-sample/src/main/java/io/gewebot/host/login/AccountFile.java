package io.gewebot.host.login;

import io.gewebot.host.json.HostJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * {@code <data-dir>/account.json}: the account a login saved. Written whole or not at all (a
 * temporary file beside it, forced to disk, then moved over it), readable and writable by its owner
 * only, since it holds the token.
 */
public final class AccountFile {

    /** The file's name in the data folder. */
    public static final String NAME = "account.json";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AccountFile() {
    }

    /**
     * @param dataDir the data folder
     * @return where the account is saved
     */
    public static Path in(Path dataDir) {
        return dataDir.resolve(NAME);
    }

    /**
     * Reads the saved account.
     *
     * @param dataDir the data folder
     * @return the account, or empty when none was saved
     * @throws IOException when the file cannot be read or is not an account (the message never holds its content)
     */
    public static Optional<SavedAccount> read(Path dataDir) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(in(dataDir));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            SavedAccount account = HostJson.reader().readValue(bytes, SavedAccount.class);
            if (account == null) {
                throw new IOException("empty");
            }
            return Optional.of(account);
        } catch (IOException e) {
            // Not the parser's message: it may quote the token.
            throw new IOException(in(dataDir) + " is not a saved account");
        }
    }

    /**
     * Saves the account, replacing any saved before. On any failure the file is as it was.
     *
     * @param dataDir the data folder, created when missing
     * @param account the account
     * @throws IOException when it cannot be written
     */
    static void write(Path dataDir, SavedAccount account) throws IOException {
        Files.createDirectories(dataDir);
        Path target = in(dataDir);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        // Created owner-only from the start: the token is never in a file others could read.
        Path temporary = Files.createTempFile(dataDir, "." + NAME + "-", ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(HostJson.writer().withDefaultPrettyPrinter().writeValueAsBytes(account));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
