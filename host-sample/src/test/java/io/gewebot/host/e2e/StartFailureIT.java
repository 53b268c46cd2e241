package io.gewebot.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.testkit.HostProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that fails says where it could not listen, and leaves nothing of its own behind. */
class StartFailureIT {

    @TempDir
    Path dir;

    @Test
    void aPortInUseNamesTheAddressAndPortAndLeavesNoTemporaryFolderBehind() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            // The quick start (embedded sandbox, temporary data folder) on a port that is taken.
            try (HostProcess host = HostProcess.builder(BuiltHost.hostJar(), dir.resolve("work")).separateStderr()
                    .jvmArgs("-Djava.io.tmpdir=" + tmp).env("BOT_PORT", Integer.toString(port)).start()) {
                assertThat(host.waitFor(Duration.ofSeconds(60))).isTrue();

                assertThat(host.exitCode()).isEqualTo(1);
                assertThat(host.stderr()).contains("Cannot start: cannot listen on 127.0.0.1 port " + port
                        + ": Address already in use");
                // It got as far as the sandbox and the temporary folder.
                assertThat(host.stderr()).contains("using the embedded GeWe sandbox").contains("state is kept in " + tmp);
            }
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("gewe-bot-sandbox-"));
        }
    }
}
