package io.gewebot.host.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.gewebot.api.Contact;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The address book as CSV (RFC 4180: fields quoted where they need it, CRLF between records), in UTF-8
 * after a byte-order mark, without which spreadsheets read Chinese as Latin-1. A header row names the
 * columns {@value #HEADER}; a friend's label names are joined by {@value #LABEL_SEPARATOR}.
 */
final class ContactsCsv {

    /** The header row, as it appears in the file. */
    static final String HEADER = "wxid,nickname,remark,alias,labels";
    /** What joins a friend's label names in the {@code labels} column. */
    static final String LABEL_SEPARATOR = ";";
    /** The byte-order mark, U+FEFF, that tells spreadsheets the file is UTF-8. */
    static final char BOM = '\uFEFF';

    private static final CsvMapper MAPPER = CsvMapper.builder()
            // Quotes only the fields that need it (a comma, a quote, a line break), so the file reads plainly.
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();
    private static final CsvSchema SCHEMA = CsvSchema.builder()
            .addColumns(List.of(HEADER.split(",")), CsvSchema.ColumnType.STRING)
            .setLineSeparator("\r\n")
            .setUseHeader(true)
            .build();

    private ContactsCsv() {
    }

    /**
     * Writes the byte-order mark, the header and one row per contact, in their order, and flushes;
     * {@code out} is left open.
     *
     * @param contacts the friends
     * @param out where the bytes go
     * @throws IOException when they cannot be written
     */
    static void write(List<Contact> contacts, OutputStream out) throws IOException {
        Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        text.write(BOM);
        try (SequenceWriter rows = MAPPER.writer(SCHEMA).writeValues(text)) {
            for (Contact c : contacts) {
                rows.write(List.of(c.wxid(), c.nickname(), c.remark(), c.alias(),
                        String.join(LABEL_SEPARATOR, c.labels())));
            }
        }
        text.flush();
    }

    /**
     * Writes the address book to a file whole or not at all: to a file beside it first, synced, then moved
     * onto its name in one step, so that the name holds either the new address book or what it held
     * before. The file beside it is removed when anything fails.
     *
     * @param contacts the friends
     * @param target the file to write or replace
     * @throws IOException when it cannot be written, or is a folder; {@code target} is then as it was
     */
    static void writeWhole(List<Contact> contacts, Path target) throws IOException {
        if (Files.isDirectory(target)) {
            // A move would replace an empty folder with the file.
            throw new IOException(target + " is a folder");
        }
        Path part = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", ".part");
        try {
            // Removed by the JVM should Ctrl-C end the run before the move.
            part.toFile().deleteOnExit();
            try (FileChannel file = FileChannel.open(part, StandardOpenOption.WRITE)) {
                write(contacts, Channels.newOutputStream(file));
                file.force(true);
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
