package io.gewebot.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.Failed;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.IncomingRequest;
import io.gewebot.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Drives every success and failure path with every logger at DEBUG (see the surefire configuration)
 * and checks that the token shows up in no outcome, no exception message and no line of log output.
 */
class TokenSecrecyTest {

    private static final String TOKEN = "tok-3f9a1c-very-secret";
    private static final String WRONG_TOKEN = "tok-wrong-77e2b0";
    private static final String SEARCH = "/contacts/search";
    private static final String ADD = "/contacts/addContacts";

    private final List<String> seen = new ArrayList<>();

    @Test
    void theTokenAppearsInNoOutcomeExceptionOrLogLine() {
        // slf4j-simple writes to whatever System.err is at the time of each line.
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            driveEveryPath();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);

        // The capture must really hold HttpClient's DEBUG output, or the check below proves nothing.
        assertThat(LoggerFactory.getLogger("org.apache.hc.client5.http.headers").isDebugEnabled()).isTrue();
        assertThat(log).contains("org.apache.hc.client5").contains("/contacts/addContacts");
        assertThat(log).doesNotContain(TOKEN).doesNotContain(WRONG_TOKEN);
        assertThat(seen).hasSizeGreaterThan(15).allSatisfy(text ->
                assertThat(text).doesNotContain(TOKEN).doesNotContain(WRONG_TOKEN));
    }

    private void driveEveryPath() {
        try (GeweSandbox gewe = GeweSandbox.start(SandboxOptions.defaults().withToken(TOKEN));
             CallbackSink sink = new CallbackSink();
             ScriptedGewe scripted = new ScriptedGewe()) {
            gewe.setCallbackUrl(sink.url());
            GeweContactAction action = new GeweContactAction(new OpenActions());
            action.configure(Fixtures.settings(gewe, Map.of(ContactSettings.RESPONSE_TIMEOUT_MS, "300")));

            see(action.add(AddRequest.of("wxid_demo", "hi")));
            see(action.add(AddRequest.of(GeweSandbox.DEMO_FRIEND)));
            see(action.add(AddRequest.of("wxid_nobody")));
            IncomingRequest pushed = gewe.callbacks().pushFriendRequest("wxid_bob", "Bob", "hi", 6);
            see(action.accept(request(pushed.v3(), pushed.v4()), "welcome"));
            see(action.reject(request("v3_stale", "v4_stale"), ""));

            for (String path : List.of(SEARCH, ADD)) {
                for (Fault fault : List.of(Fault.delay(Duration.ofSeconds(10)), Fault.httpStatus(502),
                        Fault.connectionReset(), Fault.malformedJson(),
                        Fault.ret500("X-GEWE-TOKEN=" + TOKEN + " 不可用或已过期"))) {
                    gewe.faults().once(path, fault);
                    see(action.add(AddRequest.of("wxid_demo")));
                    gewe.faults().clear();
                }
            }
            gewe.faults().always(SEARCH, Fault.connectionReset());
            see(action.add(AddRequest.of("wxid_demo")));
            gewe.faults().clear();

            action.configure(Fixtures.settings(gewe, Map.of(ContactSettings.TOKEN, WRONG_TOKEN)));
            see(action.add(AddRequest.of("wxid_demo")));
            see(action.accept(request("v3_x", "v4_y"), ""));

            action.configure(Fixtures.settings("http://127.0.0.1:" + Fixtures.closedPort() + "/v2/api", TOKEN,
                    gewe.appId(), Map.of()));
            see(action.add(AddRequest.of("wxid_demo")));

            scripted.answer(SEARCH, "{\"ret\":500,\"msg\":\"token " + TOKEN + " expired\","
                    + "\"data\":{\"code\":\"" + TOKEN + "\",\"msg\":\"bad " + TOKEN + "\"}}");
            action.configure(Fixtures.settings(scripted.baseUrl(), TOKEN, gewe.appId(), Map.of()));
            see(action.add(AddRequest.of("wxid_demo")));
            scripted.answer(SEARCH, "{\"ret\":200,\"data\":{\"v3\":\"v3_a\",\"v4\":\"v4_b\"}}").answer(ADD, "");
            see(action.add(AddRequest.of("wxid_demo")));

            seeThrown(() -> action.configure(ContactSettings.of(Map.of(ContactSettings.TOKEN, TOKEN))));
            seeThrown(() -> action.configure(Fixtures.settings("not a url", TOKEN, "a", Map.of())));
            seeThrown(() -> action.configure(Fixtures.settings(gewe.baseUrl(), TOKEN + "\n", "a", Map.of())));
            seen.add(Fixtures.settings(gewe).toString());
            action.close();
        }
    }

    private void see(ContactOutcome outcome) {
        seen.add(outcome.toString());
        if (outcome instanceof Failed failed) {
            seen.add(failed.texts());
        }
    }

    private void seeThrown(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isNotNull();
        seen.add(String.valueOf(thrown));
    }

    private static FriendRequest request(String v3, String v4) {
        return new FriendRequest("wxid_bob", "Bob", "hi", 6, v3, v4, Instant.now());
    }
}
