package io.gewebot.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The commits a SQLite database in WAL mode has written, read from the outside, off its
 * {@code -wal} file (format: sqlite.org/fileformat2.html, "The Write-Ahead Log"): each transaction
 * that writes appends its pages as frames, the last marked as a commit (a database size after
 * it); a transaction that only reads writes nothing. When SQLite starts the log over after a
 * checkpoint it writes new salts into the header, and frames of the earlier round no longer match
 * them.
 *
 * @param round the header's first salt: which round of the log this is (0 when there is no log yet)
 * @param commits commit frames written in this round
 */
record SqliteWal(long round, long commits) {

    private static final int HEADER = 32;
    private static final int FRAME_HEADER = 24;

    static SqliteWal read(Path wal) throws IOException {
        if (!Files.exists(wal) || Files.size(wal) < HEADER) {
            return new SqliteWal(0, 0);
        }
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(wal));
        int pageSize = file.getInt(8);
        int salt1 = file.getInt(16);
        int salt2 = file.getInt(20);
        long commits = 0;
        for (int at = HEADER; at + FRAME_HEADER + pageSize <= file.limit(); at += FRAME_HEADER + pageSize) {
            if (file.getInt(at + 8) != salt1 || file.getInt(at + 12) != salt2) {
                // the end of this round: what follows is left from an earlier one
                break;
            }
            if (file.getInt(at + 4) != 0) {
                commits++;
            }
        }
        return new SqliteWal(Integer.toUnsignedLong(salt1), commits);
    }
}
