package io.gewebot.host.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gewebot.host.callback.CallbackEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Callbacks go to the account their Appid names, and to no other. */
class CallbackRoutingTest {

    private final List<CallbackEvent> a = new ArrayList<>();
    private final List<CallbackEvent> b = new ArrayList<>();

    private CallbackRouting routing(Consumer<CallbackEvent> second) {
        Map<String, Consumer<CallbackEvent>> accounts = new LinkedHashMap<>();
        accounts.put("wx_aaa", a::add);
        accounts.put("wx_bbb", second);
        return new CallbackRouting(accounts, Clock.systemUTC());
    }

    @Test
    void eachCallbackGoesToTheAccountItNamesOnly() {
        CallbackRouting routing = routing(b::add);
        CallbackEvent forB = new CallbackEvent.ContactDeleted("wx_bbb", "wxid_gone");
        CallbackEvent forA = new CallbackEvent.AccountOffline("wx_aaa", "wxid_bot_a");

        routing.route(forB);
        routing.route(forA);

        assertThat(a).containsExactly(forA);
        assertThat(b).containsExactly(forB);
        assertThat(routing.ignored()).isZero();
    }

    @Test
    void aCallbackForAnAppIdNoAccountHasIsIgnoredAndCounted() {
        CallbackRouting routing = routing(b::add);

        for (int i = 0; i < 1_000; i++) {
            routing.route(new CallbackEvent.ContactDeleted("wx_stranger_" + i, "wxid_x"));
        }
        // Letter case counts: GeWe's appIds are ids, not names.
        routing.route(new CallbackEvent.ContactDeleted("WX_AAA", "wxid_x"));

        assertThat(a).isEmpty();
        assertThat(b).isEmpty();
        assertThat(routing.ignored()).isEqualTo(1_001);
    }

    @Test
    void gewesTestMessageGoesToTheFirstAccount() {
        CallbackRouting routing = routing(b::add);
        CallbackEvent probe = new CallbackEvent.Probe();

        routing.route(probe);

        assertThat(a).containsExactly(probe);
        assertThat(b).isEmpty();
    }

    @Test
    void anAccountWhoseQueueIsFullRefusesItsOwnCallbacksOnly() {
        CallbackRouting routing = routing(e -> {
            throw new RejectedExecutionException("full");
        });

        assertThatThrownBy(() -> routing.route(new CallbackEvent.ContactDeleted("wx_bbb", "wxid_x")))
                .isInstanceOf(RejectedExecutionException.class);
        routing.route(new CallbackEvent.ContactDeleted("wx_aaa", "wxid_x"));

        assertThat(a).hasSize(1);
    }
}
