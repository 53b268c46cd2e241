package io.gewebot.host.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.testkit.HostProcess;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With a callback secret, only {@code /gewe/callback/<secret>} takes callbacks; the secret is never shown. */
class CallbackSecretIT extends RigTest {

    static final String SECRET = "cb-Secret_0123456789";

    @Test
    void onlyTheSecretPathTakesCallbacksAndEveryOtherPathIs404() throws Exception {
        List<String> args = new ArrayList<>(HostProcess.NO_PACING);
        args.addAll(List.of("--callback-secret", SECRET));
        HostProcess host = rig.start(args);
        gewe.setCallbackUrl(host.url("/gewe/callback/" + SECRET));
        assertThat(rig.ask("/help", "Commands:")).isNotEmpty();

        String body = gewe.callbacks().textJson(Rig.ADMIN, "/add wxid_demo", 31_337L);
        String sameLength = "X" + SECRET.substring(1);
        for (String path : List.of("/gewe/callback", "/gewe/callback/", "/gewe/callback/" + sameLength,
                "/gewe/callback/" + SECRET.substring(0, 8), "/gewe/callback/" + SECRET + "x",
                "/gewe/callback/" + SECRET.toUpperCase(java.util.Locale.ROOT), "/" + SECRET)) {
            HttpResponse<String> response = host.post(path, body);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).isEqualTo("{\"error\":\"not found\"}");
        }
        rig.ask("/help", "Commands:");
        assertThat(gewe.calls("/contacts/search")).isEmpty();

        assertThat(host.get("/health").body()).doesNotContain(SECRET);
        assertThat(host.output()).contains("callbacks at /gewe/callback/***").doesNotContain(SECRET)
                // The rig starts hosts with the open flag: with a secret it changes nothing.
                .doesNotContain("Callbacks are taken without a secret");
    }
}
