package io.gewebot.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gewebot.contacts.GeweApi.AddContactsRequest;
import io.gewebot.contacts.GeweApi.Envelope;
import io.gewebot.contacts.GeweApi.FailureDetail;
import io.gewebot.contacts.GeweApi.SearchRequest;
import io.gewebot.contacts.GeweApi.SearchedContact;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** GeWe's bodies as written byte for byte, and GeWe's answers as read, odd ones included. */
class GeweWireTest {

    private static String written(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static Envelope read(String answer) throws Exception {
        return GeweWire.readEnvelope(answer.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bodiesAreWrittenInGeWesOrderWithTextEscaped() {
        assertThat(written(GeweWire.write(new SearchRequest("app-1", "wxid_a"))))
                .isEqualTo("{\"appId\":\"app-1\",\"contactsInfo\":\"wxid_a\"}");
        assertThat(written(GeweWire.write(new AddContactsRequest("app-1", 3, 2, "v3_x@stranger", "v4_y", "你好 \"朋友\"\n"))))
                .isEqualTo("{\"appId\":\"app-1\",\"scene\":3,\"option\":2,\"v3\":\"v3_x@stranger\",\"v4\":\"v4_y\","
                        + "\"content\":\"你好 \\\"朋友\\\"\\n\"}");
    }

    @Test
    void anEnvelopeIsReadWithItsDataAndUnknownFieldsSkipped() throws Exception {
        Envelope e = read("{\"ret\":200,\"msg\":\"操作成功\",\"x\":[1,{\"y\":2}],"
                + "\"data\":{\"v3\":\"v3_a\",\"v4\":\"v4_b\",\"nickName\":\"Zed\",\"big\":14216284872728580667}}");

        assertThat(e.ret()).isEqualTo(BigInteger.valueOf(200));
        assertThat(e.msg()).isEqualTo("操作成功");
        assertThat(GeweWire.searchedContact(e.data().orElseThrow())).isEqualTo(new SearchedContact("v3_a", "v4_b", "Zed"));
    }

    @Test
    void resultCodesAreReadFromNumbersAndText() throws Exception {
        assertThat(read("{\"ret\":\"500\"}").ret()).isEqualTo(BigInteger.valueOf(500));
        assertThat(read("{\"ret\":200.0}").ret()).isEqualTo(BigInteger.valueOf(200));
        assertThat(read("{\"ret\":99999999999999999999}").ret()).isEqualTo(new BigInteger("99999999999999999999"));
        assertThat(read("{\"ret\":null}").ret()).isNull();
        assertThat(read("{\"msg\":\"no code\"}").ret()).isNull();
    }

    @Test
    void scalarsWhereTextIsExpectedAreTakenAsTheirText() throws Exception {
        Envelope e = read("{\"ret\":500,\"msg\":7,\"data\":{\"code\":-4,\"msg\":\"用户不存在\"}}");

        assertThat(e.msg()).isEqualTo("7");
        assertThat(GeweWire.failureDetail(e.data())).isEqualTo(new FailureDetail("-4", "用户不存在"));
    }

    @Test
    void dataThatIsNotAnObjectCountsAsNone() throws Exception {
        assertThat(read("{\"ret\":500,\"data\":\"oops\"}").data()).isEmpty();
        assertThat(read("{\"ret\":200,\"data\":null}").data()).isEmpty();
        assertThat(read("{\"ret\":200,\"data\":[1]}").data()).isEmpty();
        assertThat(GeweWire.failureDetail(read("{\"ret\":500,\"data\":{\"code\":{\"a\":1}}}").data()))
                .isEqualTo(new FailureDetail(null, null));
    }

    @Test
    void aNestedValueWhereAContactFieldIsExpectedIsTheWrongShape() throws Exception {
        Envelope e = read("{\"ret\":200,\"data\":{\"v3\":{\"nested\":true}}}");

        assertThatThrownBy(() -> GeweWire.searchedContact(e.data().orElseThrow()))
                .isInstanceOf(GeweWire.WrongShapeException.class);
    }

    @Test
    void jsonThatIsNoEnvelopeIsToldApartFromBrokenJson() {
        assertThatThrownBy(() -> read("[1,2,3]")).isInstanceOf(GeweWire.WrongShapeException.class);
        assertThatThrownBy(() -> read("{\"ret\":true}")).isInstanceOf(GeweWire.WrongShapeException.class);
        assertThatThrownBy(() -> read("{\"ret\":\"ok\"}")).isInstanceOf(GeweWire.WrongShapeException.class);
        assertThatThrownBy(() -> read("{\"ret\":200,\"msg\":{\"a\":1}}")).isInstanceOf(GeweWire.WrongShapeException.class);
        assertThatThrownBy(() -> read("{\"ret\":200,")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("<html>502</html>")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("[1,2")).isInstanceOf(IOException.class);
    }
}
