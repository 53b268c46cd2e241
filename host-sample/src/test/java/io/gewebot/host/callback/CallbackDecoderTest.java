package io.gewebot.host.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gewebot.host.callback.CallbackEvent.AccountOffline;
import io.gewebot.host.callback.CallbackEvent.ContactModified;
import io.gewebot.host.callback.CallbackEvent.OtherMessage;
import io.gewebot.host.callback.CallbackEvent.Probe;
import io.gewebot.host.callback.CallbackEvent.TextMessage;
import io.gewebot.host.json.HostJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackDecoderTest {

    private static final String APP = "wx_app";
    private static final String ME = "wxid_me";
    private static final String GROUP = "34757816141@chatroom";

    private final CallbackDecoder decoder = new CallbackDecoder();

    /** An AddMsg envelope around the given {@code Data} members. */
    private static String addMsg(String dataMembers) {
        return "{\"TypeName\":\"AddMsg\",\"Appid\":\"" + APP + "\",\"Wxid\":\"" + ME + "\",\"Data\":{" + dataMembers + "}}";
    }

    /** The members of a text message's {@code Data}; {@code content} is a JSON string literal. */
    private static String textData(String from, String to, String content) {
        return "\"MsgId\":1,\"FromUserName\":{\"string\":\"" + from + "\"},\"ToUserName\":{\"string\":\"" + to + "\"},"
                + "\"MsgType\":1,\"Content\":{\"string\":" + content + "},\"CreateTime\":1705043418,"
                + "\"NewMsgId\":42,\"MsgSeq\":7";
    }

    private static String text(String from, String to, String content) {
        return addMsg(textData(from, to, content));
    }

    private String reasonFor(String body) {
        return reasonFor(body.getBytes(StandardCharsets.UTF_8));
    }

    private String reasonFor(byte[] body) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> decoder.decode(body));
        assertThat(thrown).isInstanceOf(MalformedCallbackException.class);
        return thrown.getMessage();
    }

    @Nested
    class Texts {

        @Test
        void aPrivateTextFromSomeoneElseIsAnsweredToThem() throws Exception {
            assertThat(decoder.decode(text("wxid_friend", ME, "\"/help\"")))
                    .isEqualTo(new TextMessage(APP, ME, 42L, "wxid_friend", "wxid_friend", "/help",
                            Instant.ofEpochSecond(1705043418L), false, false));
        }

        @Test
        void aGroupTextTakesSenderAndTextFromThePrefixAndIsAnsweredToTheGroup() throws Exception {
            assertThat(decoder.decode(text(GROUP, ME, "\"wxid_alice:\\n/add wxid_bob hi there\"")))
                    .isEqualTo(new TextMessage(APP, ME, 42L, GROUP, "wxid_alice", "/add wxid_bob hi there",
                            Instant.ofEpochSecond(1705043418L), true, false));
        }

        @Test
        void aGroupTextKeepsLaterLinesAndColonsOfItsText() throws Exception {
            TextMessage text = (TextMessage) decoder.decode(text(GROUP, ME, "\"wxid_alice:\\nfirst:\\nsecond\""));

            assertThat(text.senderWxid()).isEqualTo("wxid_alice");
            assertThat(text.text()).isEqualTo("first:\nsecond");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"no prefix at all\"", "\"two words:\\nhello\"", "\":\\nempty sender\"", "\"\""})
        void aGroupTextWithoutASenderPrefixHasAnEmptySenderAndTheWholeText(String content) throws Exception {
            TextMessage text = (TextMessage) decoder.decode(text(GROUP, ME, content));

            String raw = content.substring(1, content.length() - 1).replace("\\n", "\n");
            assertThat(text.senderWxid()).isEmpty();
            assertThat(text.text()).isEqualTo(raw);
            assertThat(text.inGroup()).isTrue();
            assertThat(text.conversationId()).isEqualTo(GROUP);
        }

        @Test
        void aGroupTextWhosePrefixIsTheAccountIsFromSelf() throws Exception {
            TextMessage text = (TextMessage) decoder.decode(text(GROUP, ME, "\"wxid_me:\\nhello\""));

            assertThat(text.fromSelf()).isTrue();
            assertThat(text.senderWxid()).isEqualTo(ME);
        }

        @Test
        void aTextTheAccountSentToAGroupIsFromSelfInThatGroup() throws Exception {
            assertThat(decoder.decode(text(ME, GROUP, "\"/requests\"")))
                    .isEqualTo(new TextMessage(APP, ME, 42L, GROUP, ME, "/requests",
                            Instant.ofEpochSecond(1705043418L), true, true));
        }

        @Test
        void aTextTheAccountSentToAPersonIsFromSelfInThatChat() throws Exception {
            TextMessage text = (TextMessage) decoder.decode(text(ME, "wxid_friend", "\"hi\""));

            assertThat(text.fromSelf()).isTrue();
            assertThat(text.conversationId()).isEqualTo("wxid_friend");
            assertThat(text.inGroup()).isFalse();
        }

        @Test
        void anEmojiAndChineseTextSurvivesUnchanged() throws Exception {
            TextMessage text = (TextMessage) decoder.decode(text("wxid_friend", ME, "\"你好 \\ud83d\\ude00\""));

            assertThat(text.text()).isEqualTo("你好 \uD83D\uDE00");
        }
    }

    @Nested
    class Ids {

        @ParameterizedTest
        @CsvSource({
            "0, 0",
            "7773749793478223190, 7773749793478223190",
            "9223372036854775807, 9223372036854775807",
            "9223372036854775808, 9223372036854775808",
            "14216284872728580667, 14216284872728580667",
            "18446744073709551615, 18446744073709551615"
        })
        void aNewMsgIdUpToTwoToTheSixtyFourIsKeptExactlyInTheDedupKey(String json, String key) throws Exception {
            String body = addMsg("\"FromUserName\":{\"string\":\"wxid_x\"},\"MsgType\":3,\"CreateTime\":1,\"NewMsgId\":" + json);

            assertThat(decoder.decode(body).dedupKey()).contains(APP + ":" + key);
        }

        @Test
        void aNewMsgIdBeyondASignedLongIsStoredAsTheSameSixtyFourBits() throws Exception {
            String body = addMsg("\"FromUserName\":{\"string\":\"wxid_x\"},\"MsgType\":3,\"CreateTime\":1,"
                    + "\"NewMsgId\":14216284872728580667");

            assertThat(((OtherMessage) decoder.decode(body)).newMsgId())
                    .isEqualTo(Long.parseUnsignedLong("14216284872728580667"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "18446744073709551616", "123456789012345678901234567890"})
        void aNewMsgIdOutsideTheUnsignedRangeIsRefused(String id) {
            String body = addMsg("\"FromUserName\":{\"string\":\"wxid_x\"},\"MsgType\":3,\"CreateTime\":1,\"NewMsgId\":" + id);

            assertThat(reasonFor(body)).isEqualTo("Data.NewMsgId is out of range");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.5", "7.773749793478223E18", "\"7773749793478223190x\"", "\"-1\"", "\"\"", "true", "{}"})
        void aNewMsgIdThatIsNoIntegerIsRefused(String id) {
            String body = addMsg("\"FromUserName\":{\"string\":\"wxid_x\"},\"MsgType\":3,\"CreateTime\":1,\"NewMsgId\":" + id);

            assertThat(reasonFor(body)).isEqualTo("Data.NewMsgId is not an integer");
        }

        @Test
        void hugeNumbersElsewhereInTheBodyDoNotMatter() throws Exception {
            String body = addMsg(textData("wxid_friend", ME, "\"x\"")
                    + ",\"SnsBgobjectId\":14216284872728580667,\"Big\":-99999999999999999999999,\"F\":1e308");

            assertThat(decoder.decode(body)).isInstanceOf(TextMessage.class);
        }
    }

    @Test
    void theRegistrationProbeIsAProbe() throws Exception {
        CallbackEvent event = decoder.decode("{\"testMsg\":\"验证回调地址是否可用\",\"token\":\"secret-token\"}");

        assertThat(event).isEqualTo(new Probe());
        assertThat(event.appId()).isEmpty();
        assertThat(event.dedupKey()).isEmpty();
    }

    @Test
    void aFriendRequestWithUnreadableXmlIsRefused() {
        String body = addMsg("\"FromUserName\":{\"string\":\"fmessage\"},\"MsgType\":37,\"CreateTime\":1,\"NewMsgId\":5,"
                + "\"Content\":{\"string\":\"<msg fromusername=\\\"wxid_a\\\"\"}");

        assertThat(reasonFor(body)).isEqualTo("friend request XML is not well-formed");
    }

    @Test
    void aMsgType37FromAPersonIsNotAFriendRequest() throws Exception {
        String body = addMsg("\"FromUserName\":{\"string\":\"wxid_a\"},\"MsgType\":37,\"CreateTime\":1,\"NewMsgId\":5,"
                + "\"Content\":{\"string\":\"whatever\"}");

        assertThat(decoder.decode(body)).isEqualTo(new OtherMessage(APP, 5L, 37));
    }

    @Test
    void aContactWithoutNicknameOrV3HasThemEmpty() throws Exception {
        String body = "{\"TypeName\":\"ModContacts\",\"Appid\":\"a\",\"Data\":{\"UserName\":{\"string\":\"wxid_b\"},"
                + "\"NickName\":{},\"EncryptUserName\":null}}";

        assertThat(decoder.decode(body)).isEqualTo(new ContactModified("a", "wxid_b", "", ""));
    }

    @Test
    void anOfflineNoticeWithoutWxidHasItEmpty() throws Exception {
        assertThat(decoder.decode("{\"TypeName\":\"Offline\",\"Appid\":\"a\"}")).isEqualTo(new AccountOffline("a", ""));
    }

    @Nested
    class Refusals {

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\n\t "})
        void anEmptyBodyIsRefused(String body) {
            assertThat(reasonFor(body)).isEqualTo("body is empty");
        }

        @Test
        void nullBodiesAreRefusedAsEmpty() {
            assertThatThrownBy(() -> decoder.decode((byte[]) null))
                    .isInstanceOf(MalformedCallbackException.class).hasMessage("body is empty");
            assertThatThrownBy(() -> decoder.decode((String) null))
                    .isInstanceOf(MalformedCallbackException.class).hasMessage("body is empty");
        }

        @ParameterizedTest
        @ValueSource(strings = {"not json", "{", "{\"TypeName\":}", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}",
            "{'TypeName':'AddMsg'}", "{\"TypeName\":\"Offline\",\"Appid\":\"a\",\"Appid\":\"b\"}"})
        void aBodyThatIsNotOneJsonValueIsRefused(String body) {
            assertThat(reasonFor(body)).isEqualTo("body is not valid JSON");
        }

        @Test
        void invalidUtf8IsRefused() {
            byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

            assertThat(reasonFor(body)).isEqualTo("body is not valid JSON");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "\"AddMsg\"", "42", "null", "true"})
        void aBodyThatIsNoObjectIsRefused(String body) {
            assertThat(reasonFor(body)).isEqualTo("callback is not a JSON object");
        }

        @Test
        void theFlatHostedFormatIsRefusedWithAReasonThatNamesIt() {
            String body = "{\"appid\":\"wx_1\",\"wxid\":\"wxid_me\",\"msgType\":\"TEXT\",\"fromUser\":\"wxid_a\","
                    + "\"content\":\"/help\",\"newMsgId\":1,\"createTime\":1705043418000}";

            assertThat(reasonFor(body)).isEqualTo("unsupported callback format: the flat hosted format is not supported");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{\"Appid\":\"a\"}                                  | missing TypeName",
            "{\"TypeName\":null,\"Appid\":\"a\"}                 | missing TypeName",
            "{\"TypeName\":\" \",\"Appid\":\"a\"}                | TypeName is blank",
            "{\"TypeName\":1,\"Appid\":\"a\"}                    | TypeName is not a string",
            "{\"TypeName\":\"Offline\"}                          | missing Appid",
            "{\"TypeName\":\"Offline\",\"Appid\":\"\"}           | Appid is blank",
            "{\"TypeName\":\"Offline\",\"Appid\":[\"a\"]}        | Appid is not a string",
            "{\"TypeName\":\"Offline\",\"Appid\":\"a\",\"Wxid\":7} | Wxid is not a string",
            "{\"TypeName\":\"AddMsg\",\"Appid\":\"a\",\"Data\":{}} | missing Wxid",
            "{\"TypeName\":\"AddMsg\",\"Appid\":\"a\",\"Wxid\":\"w\"} | missing Data",
            "{\"TypeName\":\"AddMsg\",\"Appid\":\"a\",\"Wxid\":\"w\",\"Data\":[]} | Data is not an object",
            "{\"TypeName\":\"DelContacts\",\"Appid\":\"a\",\"Data\":\"x\"} | Data is not an object",
            "{\"TypeName\":\"DelContacts\",\"Appid\":\"a\",\"Data\":{}} | missing Data.UserName",
            "{\"TypeName\":\"DelContacts\",\"Appid\":\"a\",\"Data\":{\"UserName\":{}}} | Data.UserName is blank",
            "{\"TypeName\":\"DelContacts\",\"Appid\":\"a\",\"Data\":{\"UserName\":\"wxid_b\"}} | Data.UserName is not {\"string\": ...}",
            "{\"TypeName\":\"ModContacts\",\"Appid\":\"a\",\"Data\":{\"UserName\":{\"string\":1}}} | Data.UserName.string is not a string",
            "{\"TypeName\":\"ModContacts\",\"Appid\":\"a\",\"Data\":{\"UserName\":{\"string\":\"b\"},\"EncryptUserName\":{}}} | Data.EncryptUserName is not a string",
            "{\"TypeName\":\"ModContacts\",\"Appid\":\"a\",\"Data\":{\"UserName\":{\"string\":\"b\"},\"NickName\":\"n\"}} | Data.NickName is not {\"string\": ...}"
        })
        void anEnvelopeWithAMissingOrMistypedFieldIsRefusedNamingTheField(String body, String reason) {
            assertThat(reasonFor(body)).isEqualTo(reason);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "\"FromUserName\":{\"string\":\"w\"},\"CreateTime\":1,\"NewMsgId\":1 | missing Data.MsgType",
            "\"FromUserName\":{\"string\":\"w\"},\"MsgType\":\"1\",\"CreateTime\":1,\"NewMsgId\":1 | Data.MsgType is not an integer",
            "\"FromUserName\":{\"string\":\"w\"},\"MsgType\":1.0,\"CreateTime\":1,\"NewMsgId\":1 | Data.MsgType is not an integer",
            "\"FromUserName\":{\"string\":\"w\"},\"MsgType\":4294967297,\"CreateTime\":1,\"NewMsgId\":1 | Data.MsgType is out of range",
            "\"FromUserName\":{\"string\":\"w\"},\"MsgType\":3,\"CreateTime\":1 | missing Data.NewMsgId",
            "\"FromUserName\":{\"string\":\"w\"},\"MsgType\":3,\"NewMsgId\":1 | missing Data.CreateTime",
            "\"FromUserName\":{\"string\":\"w\"},\"MsgType\":3,\"CreateTime\":\"1\",\"NewMsgId\":1 | Data.CreateTime is not an integer",
            "\"FromUserName\":{\"string\":\"w\"},\"MsgType\":3,\"CreateTime\":-1,\"NewMsgId\":1 | Data.CreateTime is out of range",
            "\"FromUserName\":{\"string\":\"w\"},\"MsgType\":3,\"CreateTime\":99999999999999,\"NewMsgId\":1 | Data.CreateTime is out of range",
            "\"MsgType\":3,\"CreateTime\":1,\"NewMsgId\":1 | missing Data.FromUserName",
            "\"FromUserName\":\"w\",\"MsgType\":3,\"CreateTime\":1,\"NewMsgId\":1 | Data.FromUserName is not {\"string\": ...}",
            "\"FromUserName\":{\"string\":\"w\"},\"ToUserName\":[],\"MsgType\":3,\"CreateTime\":1,\"NewMsgId\":1 | Data.ToUserName is not {\"string\": ...}",
            "\"FromUserName\":{\"string\":\"w\"},\"MsgType\":1,\"CreateTime\":1,\"NewMsgId\":1 | missing Data.Content",
            "\"FromUserName\":{\"string\":\"w\"},\"MsgType\":1,\"Content\":\"hi\",\"CreateTime\":1,\"NewMsgId\":1 | Data.Content is not {\"string\": ...}"
        })
        void aMessageWithAMissingOrMistypedFieldIsRefusedNamingTheField(String data, String reason) {
            assertThat(reasonFor(addMsg(data))).isEqualTo(reason);
        }

        @Test
        void anUnknownTypeNameIsRefusedWithItsName() {
            assertThat(reasonFor("{\"TypeName\":\"AddChatroom\",\"Appid\":\"a\"}"))
                    .isEqualTo("unknown TypeName 'AddChatroom'");
        }

        @Test
        void anUnknownTypeNameIsQuotedShortAndWithoutControlCharacters() {
            String name = "Evil\\u202e\\n'" + "x".repeat(500);

            assertThat(reasonFor("{\"TypeName\":\"" + name + "\",\"Appid\":\"a\"}"))
                    .isEqualTo("unknown TypeName 'Evil???" + "x".repeat(33) + "...'");
        }

        @Test
        void aReasonNeverRepeatsTheBody() {
            String secret = "secret-token-value";
            String body = "{\"TypeName\":\"AddMsg\",\"Appid\":\"a\",\"Wxid\":\"w\",\"token\":\"" + secret + "\",\"Data\":1}";

            assertThat(reasonFor(body)).isEqualTo("Data is not an object").doesNotContain(secret);
        }

        @Test
        void deepNestingIsRefusedByTheLimitWithoutOverflowingTheStack() {
            String body = "{\"TypeName\":\"Offline\",\"Appid\":\"a\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

            assertThat(reasonFor(body)).isEqualTo("body exceeds the size or nesting limits");
        }

        @Test
        void nestingUpToTheLimitIsAccepted() throws Exception {
            int depth = HostJson.MAX_NESTING_DEPTH - 1;
            String body = "{\"TypeName\":\"Offline\",\"Appid\":\"a\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

            assertThat(decoder.decode(body)).isEqualTo(new AccountOffline("a", ""));
        }

        @Test
        void aStringLongerThanTheLimitIsRefused() {
            String body = "{\"TypeName\":\"Offline\",\"Appid\":\"a\",\"x\":\"" + "a".repeat(HostJson.MAX_STRING_LENGTH + 1) + "\"}";

            assertThat(reasonFor(body)).isEqualTo("body exceeds the size or nesting limits");
        }

        @Test
        void aNumberWithTooManyDigitsIsRefused() {
            String body = "{\"TypeName\":\"Offline\",\"Appid\":\"a\",\"x\":" + "9".repeat(100_000) + "}";

            assertThat(reasonFor(body)).isEqualTo("body exceeds the size or nesting limits");
        }

        @Test
        void aBodyLargerThanTheLimitIsRefused() {
            StringBuilder body = new StringBuilder("{\"TypeName\":\"Offline\",\"Appid\":\"a\",\"x\":[");
            String chunk = "\"" + "b".repeat(1000) + "\",";
            while (body.length() <= HostJson.MAX_DOCUMENT_LENGTH) {
                body.append(chunk);
            }
            body.append("1]}");

            assertThat(reasonFor(body.toString())).isEqualTo("body exceeds the size or nesting limits");
        }
    }
}
