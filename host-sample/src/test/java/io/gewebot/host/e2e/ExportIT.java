package io.gewebot.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.SandboxAccount;
import io.gewebot.sandbox.SandboxOptions;
import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} run as a user runs it, on the built jar with its plugins folder, against a GeWe
 * standing apart: the CSV a spreadsheet opens, field by field as GeWe holds the address book.
 */
class ExportIT {

    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String HEADER = "wxid,nickname,remark,alias,labels";

    @TempDir
    Path work;

    private static GeweSandbox gewe(SandboxOptions.Account... more) {
        return GeweSandbox.start(SandboxOptions.defaults().withDemoPeople(false).withMoreAccounts(more));
    }

    private static List<String> geweFlags(GeweSandbox gewe) {
        return List.of("--gewe-base-url", gewe.baseUrl(), "--gewe-token", gewe.token(), "--gewe-app-id", gewe.appId());
    }

    private HostProcess export(List<String> flags, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("export"));
        args.addAll(flags);
        args.addAll(List.of(more));
        return BuiltHost.builder(work).separateStderr().args(args).start();
    }

    /** Friends with what a spreadsheet finds hard: Chinese, commas, quotes and line breaks, labels or none. */
    private static List<String> seed(SandboxAccount account, GeweSandbox gewe, String prefix, int count) {
        List<String> wxids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String wxid = prefix + i;
            String nickname = switch (i % 5) {
                case 0 -> "张伟" + i;
                case 1 -> "Li, \"Lee\" 李" + i;
                case 2 -> "多行\n昵称 " + i;
                case 3 -> "Ann" + i;
                default -> " 空格, 与逗号 " + i;
            };
            gewe.addPerson(wxid, i % 4 == 0 ? null : "alias_" + i, null, nickname);
            account.makeFriend(wxid);
            if (i % 3 == 1) {
                account.setRemark(wxid, "备注, \"引号\"\r\n第二行 " + i);
            } else if (i % 3 == 2) {
                account.setRemark(wxid, "同事" + i);
            }
            if (i % 7 != 0) {
                account.setLabels(wxid, i % 2 == 0 ? List.of("家人") : List.of("Work, \"A\"", "家人", "客户" + i % 3));
            }
            wxids.add(wxid);
        }
        return wxids;
    }

    /** The row GeWe's address book gives for a friend, as the CSV must hold it. */
    private static List<String> expectedRow(SandboxAccount account, GeweSandbox gewe, String wxid) {
        var person = gewe.person(wxid).orElseThrow();
        return List.of(wxid, person.nickname(), account.remarkOf(wxid), person.alias() == null ? "" : person.alias(),
                String.join(";", account.labelsOf(wxid)));
    }

    /** The rows of a CSV file written as exported: a byte-order mark, then RFC 4180 text. */
    private static List<List<String>> rows(byte[] csv) throws IOException {
        assertThat(Arrays.copyOf(csv, 3)).as("UTF-8 byte-order mark").isEqualTo(BOM);
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = new CsvMapper().readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(text)) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void aThousandFriendsAreExportedToTheFileFieldByFieldAsGeweHoldsThem() throws Exception {
        try (GeweSandbox gewe = gewe()) {
            SandboxAccount account = gewe.account(gewe.appId());
            List<String> wxids = seed(account, gewe, "wxid_friend_", 1000);
            Path out = work.resolve("friends.csv");

            try (HostProcess export = export(geweFlags(gewe), "--out", out.toString())) {
                assertThat(export.waitFor(LIMIT)).isTrue();

                assertThat(export.exitCode()).as(export.stderr()).isZero();
                assertThat(export.stderr()).contains("Read 100 of 1000 friends...").contains("Read 1000 of 1000 friends...")
                        .contains("Exported 1000 friends to " + out + ".").doesNotContain(gewe.token());
                assertThat(export.output()).isEmpty();
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).as("personal data")
                    .isEqualTo("rw-------");
            List<List<String>> rows = rows(Files.readAllBytes(out));
            assertThat(rows.get(0)).isEqualTo(List.of(HEADER.split(",")));
            Map<String, List<String>> byWxid = new LinkedHashMap<>();
            rows.subList(1, rows.size()).forEach(row -> byWxid.put(row.get(0), row));
            assertThat(rows).hasSize(1001);
            assertThat(byWxid.keySet()).containsExactlyElementsOf(wxids);
            for (String wxid : wxids) {
                assertThat(byWxid.get(wxid)).as(wxid).isEqualTo(expectedRow(account, gewe, wxid));
            }
            // In batches GeWe accepts.
            assertThat(gewe.calls("/contacts/getBriefInfo")).hasSize(50)
                    .allSatisfy(call -> assertThat(call.json().path("wxids").size()).isEqualTo(20));
            try (Stream<Path> files = Files.list(work)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("friends.csv",
                        "stdout.log", "stderr.log");
            }
        }
    }

    @Test
    void withoutOutTheCsvAloneGoesToStandardOutputAndTheMessagesToStandardError() throws Exception {
        try (GeweSandbox gewe = gewe()) {
            gewe.addPerson("wxid_q", "q_alias", null, "Qi, \"七\"");
            gewe.makeFriend("wxid_q");
            gewe.setRemark("wxid_q", "两行\n备注");
            gewe.setLabels("wxid_q", List.of("家人", "VIP"));
            gewe.makeFriend("wxid_plain", "Plain");

            try (HostProcess export = export(geweFlags(gewe))) {
                assertThat(export.waitFor(LIMIT)).isTrue();

                assertThat(export.exitCode()).as(export.stderr()).isZero();
                assertThat(export.output()).isEqualTo("\uFEFF" + HEADER + "\r\n"
                        + "wxid_q,\"Qi, \"\"七\"\"\",\"两行\n备注\",q_alias,家人;VIP\r\n"
                        + "wxid_plain,Plain,,,\r\n");
                assertThat(export.stderr()).contains("Exported 2 friends to standard output.")
                        .doesNotContain("Read ").doesNotContain(gewe.token());
            }
        }
    }

    @Test
    void aGeweFailureHalfWayExits1WithGewesReasonAndLeavesTheFileAsItWas() throws Exception {
        try (GeweSandbox gewe = gewe()) {
            SandboxAccount account = gewe.account(gewe.appId());
            // Nobody among the first hundred has a label: the labels' names are first asked for in the second part.
            for (int i = 0; i < 300; i++) {
                gewe.makeFriend("wxid_f" + i, "F" + i);
            }
            account.setLabels("wxid_f150", List.of("家人"));
            gewe.faults().once("/label/list", Fault.ret500("操作过于频繁"));
            Path folder = Files.createDirectories(work.resolve("exports"));
            Path existing = Files.writeString(folder.resolve("friends.csv"), "the export of last week");
            Path fresh = folder.resolve("new.csv");

            try (HostProcess export = export(geweFlags(gewe), "--out", existing.toString())) {
                assertThat(export.waitFor(LIMIT)).isTrue();

                assertThat(export.exitCode()).isEqualTo(1);
                assertThat(export.stderr()).contains("Read 100 of 300 friends...")
                        .contains("GeWe did not give the address book (rate-limited): 操作过于频繁")
                        .doesNotContain("Read 200 of 300").doesNotContain("Exported").doesNotContain(gewe.token());
            }
            assertThat(Files.readString(existing)).isEqualTo("the export of last week");

            gewe.setOnline(false);
            try (HostProcess export = export(geweFlags(gewe), "--out", fresh.toString())) {
                assertThat(export.waitFor(LIMIT)).isTrue();

                assertThat(export.exitCode()).isEqualTo(1);
                assertThat(export.stderr()).contains("GeWe did not give the address book (the account is offline)");
            }
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files).as("no partial file under either name, nor beside them").containsExactly(existing);
            }
        }
    }

    @Test
    void accountPicksOneOfTheConfigurationFilesAccountsAndNoneOfSeveralIsRefused() throws Exception {
        try (GeweSandbox gewe = gewe(new SandboxOptions.Account("wx_second", "wxid_second_bot"))) {
            gewe.makeFriend("wxid_only_first", "First's");
            SandboxAccount second = gewe.account("wx_second");
            List<String> wxids = seed(second, gewe, "wxid_second_", 3);
            Path config = Files.writeString(work.resolve("bot.yaml"), """
                    accounts:
                      - appId: %1$s
                        baseUrl: %2$s
                        token: ${GEWE_TOKEN}
                      - appId: wx_second
                        baseUrl: %2$s
                        token: ${GEWE_TOKEN}
                        lang: zh
                    """.formatted(gewe.appId(), gewe.baseUrl()));
            Path out = work.resolve("second.csv");

            try (HostProcess export = BuiltHost.builder(work).separateStderr().env("GEWE_TOKEN", gewe.token())
                    .args("export", "--config", config.toString(), "--account", "wx_second", "--out", out.toString())
                    .start()) {
                assertThat(export.waitFor(LIMIT)).isTrue();

                assertThat(export.exitCode()).as(export.stderr()).isZero();
                assertThat(export.stderr()).contains("已将 3 位好友导出到 " + out);
            }
            List<List<String>> rows = rows(Files.readAllBytes(out));
            assertThat(rows.subList(1, rows.size())).containsExactlyElementsOf(
                    wxids.stream().map(wxid -> expectedRow(second, gewe, wxid)).toList());

            try (HostProcess export = BuiltHost.builder(work).separateStderr().env("GEWE_TOKEN", gewe.token())
                    .args("export", "--config", config.toString()).start()) {
                assertThat(export.waitFor(LIMIT)).isTrue();

                assertThat(export.exitCode()).isEqualTo(2);
                assertThat(export.stderr())
                        .contains("error: --account must name the account to export, one of " + gewe.appId() + ", wx_second");
            }
        }
    }
}
