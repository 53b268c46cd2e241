package io.gewebot.host.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.FriendRequest;
import io.gewebot.host.callback.CallbackEvent.AccountOffline;
import io.gewebot.host.callback.CallbackEvent.ContactDeleted;
import io.gewebot.host.callback.CallbackEvent.ContactModified;
import io.gewebot.host.callback.CallbackEvent.FriendRequestReceived;
import io.gewebot.host.callback.CallbackEvent.OtherMessage;
import io.gewebot.host.callback.CallbackEvent.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CallbackDecoderSamplesTest {

    private static final String APP_ID = "wx_wR_U4zPj2M_OTS3BCyoE4";

    private static final String V3 = "v3_020b3826fd03010000000000feba078fc1e760000000501ea9a3dba12f95f6b60a0536a1adb6f"
            + "6352c38d0916c9c74045d85aa602efa2d81b84adde05d285124e8a54b9fcd039f725d6ac0d3bd651c7c74503a@stranger";

    private static final String V4 = "v4_000b708f0b040000010000000000c502ff3b59b31c08394fdaefa0651000000050ded0b020927e"
            + "3c97896a09d47e6e9eec84bb6bebe542fb120b366298a0157c280337855083f4a87fc4b15cfba311a11720041ce2d9f8a575cf7b"
            + "432a2c0bebc5ed9c9a70bf7784c54ebbfb816e54e0fda2befcf2f873d162f5ed54108c76ce53310321077ced22420c5fbd199cff5"
            + "7d8e0a583f155e7e558@stranger";

    /** What each vendor sample must decode to; every other AddMsg kind is ignored by the bot. */
    private static final Map<String, Class<? extends CallbackEvent>> EXPECTED = expected();

    private final CallbackDecoder decoder = new CallbackDecoder();

    private static Map<String, Class<? extends CallbackEvent>> expected() {
        Map<String, Class<? extends CallbackEvent>> kinds = new TreeMap<>();
        for (String name : Samples.names()) {
            kinds.put(name, OtherMessage.class);
        }
        kinds.put("01-text.json", TextMessage.class);
        kinds.put("10-friend-request.json", FriendRequestReceived.class);
        kinds.put("11-contact-modified.json", ContactModified.class);
        kinds.put("26-group-info-modified.json", ContactModified.class);
        kinds.put("29-friend-deleted.json", ContactDeleted.class);
        kinds.put("30-left-group.json", ContactDeleted.class);
        kinds.put("31-offline.json", AccountOffline.class);
        return kinds;
    }

    static Stream<String> samples() {
        return Samples.names().stream();
    }

    @Test
    void allThirtyOneVendorSamplesArePresent() {
        assertThat(Samples.names()).hasSize(31).first().isEqualTo("01-text.json");
        assertThat(Samples.names()).last().isEqualTo("31-offline.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyVendorSampleDecodesToItsKindForTheDevice(String name) throws Exception {
        CallbackEvent event = decoder.decode(Samples.bytes(name));

        assertThat(event).isInstanceOf(EXPECTED.get(name));
        assertThat(event.appId()).isEqualTo(APP_ID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theTextAndTheBytesOfASampleDecodeAlike(String name) throws Exception {
        assertThat(decoder.decode(Samples.text(name))).isEqualTo(decoder.decode(Samples.bytes(name)));
    }

    @Test
    void oneDecoderSharedByManyThreadsDecodesEverySampleAsOneThreadDoes() throws Exception {
        List<String> names = Samples.names();
        List<CallbackEvent> expected = new ArrayList<>();
        for (String name : names) {
            expected.add(decoder.decode(Samples.bytes(name)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<CallbackEvent>>> runs = new ArrayList<>();
            for (int run = 0; run < 16; run++) {
                runs.add(pool.submit(() -> {
                    List<CallbackEvent> events = new ArrayList<>();
                    for (String name : names) {
                        events.add(decoder.decode(Samples.bytes(name)));
                    }
                    return events;
                }));
            }
            for (Future<List<CallbackEvent>> run : runs) {
                assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPrivateTextKeepsItsSenderTextIdAndTime() throws Exception {
        TextMessage text = (TextMessage) decoder.decode(Samples.bytes("01-text.json"));

        assertThat(text.senderWxid()).isEqualTo("wxid_phyyedw9xap22");
        assertThat(text.text()).isEqualTo("123");
        assertThat(text.newMsgId()).isEqualTo(7773749793478223190L);
        assertThat(text.sentAt()).isEqualTo(Instant.ofEpochSecond(1705043418L));
        assertThat(text.inGroup()).isFalse();
        assertThat(text.accountWxid()).isEqualTo("wxid_phyyedw9xap22");
        assertThat(text.dedupKey()).contains(APP_ID + ":7773749793478223190");
    }

    @Test
    void theVendorTextSampleIsFromTheAccountItselfSoItsConversationIsTheReceiver() throws Exception {
        // The vendor's sample names the same wxid as Wxid and as FromUserName.
        TextMessage text = (TextMessage) decoder.decode(Samples.bytes("01-text.json"));

        assertThat(text.fromSelf()).isTrue();
        assertThat(text.conversationId()).isEqualTo("wxid_0xsqb3o0tsvz22");
    }

    @Test
    void theFriendRequestSampleKeepsV3AndV4Apart() throws Exception {
        FriendRequestReceived received = (FriendRequestReceived) decoder.decode(Samples.bytes("10-friend-request.json"));

        assertThat(received.newMsgId()).isEqualTo(1109510141823131559L);
        assertThat(received.accountWxid()).isEqualTo("wxid_phyyedw9xap22");
        assertThat(received.dedupKey()).contains(APP_ID + ":1109510141823131559");
        assertThat(received.request()).isEqualTo(new FriendRequest(
                "wxid_phyyedw9xap22", "朝夕。", "我是朝夕。", 6, V3, V4, Instant.ofEpochSecond(1705045979L)));
    }

    @Test
    void theContactModifiedSampleGivesWxidNicknameAndV3() throws Exception {
        // 11 carries SnsBgobjectId 14216284872728580667, beyond a signed long, and no Wxid.
        CallbackEvent event = decoder.decode(Samples.bytes("11-contact-modified.json"));

        assertThat(event).isEqualTo(new ContactModified(APP_ID, "wxid_0xsqb3o0tsvz22", "chaoxi。", V3));
        assertThat(event.dedupKey()).isEmpty();
    }

    @Test
    void aModifiedGroupIsAContactModifiedWithTheGroupId() throws Exception {
        assertThat(decoder.decode(Samples.bytes("26-group-info-modified.json")))
                .isEqualTo(new ContactModified(APP_ID, "34757816141@chatroom", "GeWe test", ""));
    }

    @Test
    void aKickedFromGroupNoticeIsAnOtherMessageWithItsTypeAndId() throws Exception {
        CallbackEvent event = decoder.decode(Samples.bytes("22-kicked-from-group.json"));

        assertThat(event).isEqualTo(new OtherMessage(APP_ID, 7100572668516374210L, 10002));
        assertThat(event.dedupKey()).contains(APP_ID + ":7100572668516374210");
    }

    @Test
    void aNameCardIsNotMistakenForAFriendRequest() throws Exception {
        assertThat(decoder.decode(Samples.bytes("09-name-card.json")))
                .isEqualTo(new OtherMessage(APP_ID, 766322251431765776L, 42));
    }

    @Test
    void deletedFriendsAndLeftGroupsAreContactDeleted() throws Exception {
        assertThat(decoder.decode(Samples.bytes("29-friend-deleted.json")))
                .isEqualTo(new ContactDeleted(APP_ID, "wxid_phyyedw9xap22"));
        assertThat(decoder.decode(Samples.bytes("30-left-group.json")))
                .isEqualTo(new ContactDeleted(APP_ID, "34559815390@chatroom"));
    }

    @Test
    void theOfflineSampleIsAccountOfflineForTheAccount() throws Exception {
        CallbackEvent event = decoder.decode(Samples.bytes("31-offline.json"));

        assertThat(event).isEqualTo(new AccountOffline(APP_ID, "wxid_phyyedw9xap22"));
        assertThat(event.dedupKey()).isEqualTo(Optional.empty());
    }
}
