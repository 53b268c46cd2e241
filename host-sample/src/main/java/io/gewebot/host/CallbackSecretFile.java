package io.gewebot.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <data-dir>/callback-secret}: the callback secret the host made for itself on a real GeWe
 * when none was configured, so that the callback URL it registers is the same at every start.
 * Readable and writable by its owner only; its content is never quoted, in a log line or an error.
 */
final class CallbackSecretFile {

    /** The file's name in the data folder. */
    static final String NAME = "callback-secret";

    private static final Logger LOG = LoggerFactory.getLogger(CallbackSecretFile.class);
    /** 192 random bits: 32 URL-safe characters, as a path segment needs no escaping. */
    private static final int RANDOM_BYTES = 24;
    /** What a kept secret must look like: at least 128 bits of URL-safe Base64. */
    private static final String SHAPE = "[A-Za-z0-9_-]{22,}";

    private CallbackSecretFile() {
    }

    /** @return where the secret is kept in a data folder */
    static Path in(Path dataDir) {
        return dataDir.resolve(NAME);
    }

    /**
     * The secret kept in the data folder, made and kept there first when there is none.
     *
     * @param dataDir the data folder, created when missing
     * @return the secret
     * @throws ConfigException when it cannot be read or written, or the file holds no secret
     */
    static String keptIn(Path dataDir) throws ConfigException {
        Path file = in(dataDir);
        try {
            try {
                return read(file);
            } catch (NoSuchFileException e) {
                byte[] random = new byte[RANDOM_BYTES];
                new SecureRandom().nextBytes(random);
                String made = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                write(dataDir, file, made);
                LOG.info("Made a callback secret and kept it in {}, readable by its owner only: every start registers "
                        + "the same callback URL", file);
                return made;
            }
        } catch (IOException e) {
            // Never the content: the exception's own text names the file at most.
            throw new ConfigException("cannot keep the callback secret in " + file + ": " + e.getMessage()
                    + "; give BOT_CALLBACK_SECRET instead");
        }
    }

    private static String read(Path file) throws IOException {
        String kept = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (!kept.matches(SHAPE)) {
            throw new IOException("it holds no secret of 22 or more URL-safe characters (A-Z a-z 0-9 _ -); remove it "
                    + "to have a new one made");
        }
        return kept;
    }

    /** Written whole or not at all, and owner-only from the first byte. */
    private static void write(Path dataDir, Path file, String secret) throws IOException {
        Files.createDirectories(dataDir);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(dataDir, "." + NAME + "-", ".tmp", ownerOnly);
        try {
            Files.writeString(temporary, secret + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
