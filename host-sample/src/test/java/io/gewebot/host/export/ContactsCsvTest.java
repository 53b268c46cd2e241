package io.gewebot.host.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gewebot.api.Contact;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a spreadsheet, or any RFC 4180 reader, gets from the address book. */
class ContactsCsvTest {

    private static byte[] csv(Contact... contacts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContactsCsv.write(List.of(contacts), out);
        return out.toByteArray();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void theFileStartsWithAUtf8ByteOrderMarkThenTheHeader() throws IOException {
        byte[] bytes = csv();

        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(text(bytes)).isEqualTo("\uFEFFwxid,nickname,remark,alias,labels\r\n");
    }

    @Test
    void plainFieldsAreWrittenAsTheyAreOneFriendPerLine() throws IOException {
        String written = text(csv(new Contact("wxid_a", "Ann", "", "ann_88", List.of()),
                new Contact("wxid_b", "张三", "老同学", "", List.of("家人"))));

        assertThat(written).isEqualTo("\uFEFFwxid,nickname,remark,alias,labels\r\n"
                + "wxid_a,Ann,,ann_88,\r\n"
                + "wxid_b,张三,老同学,,家人\r\n");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedTheRfc4180Way() throws IOException {
        String written = text(csv(new Contact("wxid_q", "Li, \"Xiao\" 李", "line one\nline two", "a\r\nb",
                List.of())));

        assertThat(written).endsWith("\r\nwxid_q,\"Li, \"\"Xiao\"\" 李\",\"line one\nline two\",\"a\r\nb\",\r\n");
    }

    @Test
    void labelNamesAreJoinedBySemicolonsInTheirOrder() throws IOException {
        String written = text(csv(new Contact("wxid_l", "L", "", "", List.of("同事", "VIP", "Work, old"))));

        assertThat(written).endsWith("\r\nwxid_l,L,,,\"同事;VIP;Work, old\"\r\n");
    }

    @Test
    void leadingAndTrailingSpacesAreKeptAsPartOfTheField() throws IOException {
        // RFC 4180: spaces are part of a field and are not to be ignored; they need no quotes.
        String written = text(csv(new Contact("wxid_s", " padded ", "", "", List.of())));

        assertThat(written).endsWith("\r\nwxid_s, padded ,,,\r\n");
    }

    @Test
    void aFileIsReplacedWholeAndNothingIsLeftBesideIt(@TempDir Path dir) throws IOException {
        Path target = Files.writeString(dir.resolve("friends.csv"), "an older export");
        Contact ann = new Contact("wxid_a", "Ann", "", "", List.of());

        ContactsCsv.writeWhole(List.of(ann), target);

        assertThat(Files.readAllBytes(target)).isEqualTo(csv(ann));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aFileThatCannotBeWrittenLeavesNothingBehind(@TempDir Path dir) {
        Path target = dir.resolve("missing-folder").resolve("friends.csv");

        assertThatThrownBy(() -> ContactsCsv.writeWhole(List.of(), target)).isInstanceOf(IOException.class);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aFolderIsNeverReplacedByTheFile(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("exports"));

        assertThatThrownBy(() -> ContactsCsv.writeWhole(List.of(), folder)).hasMessage(folder + " is a folder");
        assertThat(folder).isEmptyDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(folder);
        }
    }
}
