package io.gewebot.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.util.BufferRecyclers;
import io.gewebot.contacts.GeweApi.AddContactsRequest;
import io.gewebot.contacts.GeweApi.Envelope;
import io.gewebot.contacts.GeweApi.FailureDetail;
import io.gewebot.contacts.GeweApi.SearchRequest;
import io.gewebot.contacts.GeweApi.SearchedContact;
import java.io.IOException;
import java.lang.reflect.Field;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** GeWe's bodies as the plugin's mapper writes them byte for byte, and GeWe's answers as it reads them, odd ones included. */
class GeweJsonTest {

    private static String written(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static Envelope read(String answer) throws Exception {
        return GeweJson.readEnvelope(answer.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bodiesAreWrittenInGeWesOrderWithTextEscaped() {
        assertThat(written(GeweJson.write(new SearchRequest("app-1", "wxid_a"))))
                .isEqualTo("{\"appId\":\"app-1\",\"contactsInfo\":\"wxid_a\"}");
        assertThat(written(GeweJson.write(new AddContactsRequest("app-1", 3, 2, "v3_x@stranger", "v4_y", "你好 \"朋友\"\n"))))
                .isEqualTo("{\"appId\":\"app-1\",\"scene\":3,\"option\":2,\"v3\":\"v3_x@stranger\",\"v4\":\"v4_y\","
                        + "\"content\":\"你好 \\\"朋友\\\"\\n\"}");
    }

    @Test
    void anEnvelopeIsReadWithItsDataAndUnknownFieldsSkipped() throws Exception {
        Envelope e = read("{\"ret\":200,\"msg\":\"操作成功\",\"x\":[1,{\"y\":2}],"
                + "\"data\":{\"v3\":\"v3_a\",\"v4\":\"v4_b\",\"nickName\":\"Zed\",\"big\":14216284872728580667}}");

        assertThat(e.ret()).isEqualTo(BigInteger.valueOf(200));
        assertThat(e.msg()).isEqualTo("操作成功");
        assertThat(GeweJson.searchedContact(e.dataObject().orElseThrow()))
                .isEqualTo(new SearchedContact("v3_a", "v4_b", "Zed"));
    }

    @Test
    void resultCodesAreReadFromNumbersAndText() throws Exception {
        assertThat(read("{\"ret\":\"500\"}").ret()).isEqualTo(BigInteger.valueOf(500));
        assertThat(read("{\"ret\":200.0}").ret()).isEqualTo(BigInteger.valueOf(200));
        assertThat(read("{\"ret\":99999999999999999999}").ret()).isEqualTo(new BigInteger("99999999999999999999"));
        assertThat(read("{\"ret\":\" 404 \"}").ret()).isEqualTo(BigInteger.valueOf(404));
        assertThat(read("{\"ret\":null}").ret()).isNull();
        assertThat(read("{\"ret\":\"\"}").ret()).isNull();
        assertThat(read("{\"msg\":\"no code\"}").ret()).isNull();
    }

    @Test
    void scalarsWhereTextIsExpectedAreTakenAsTheirText() throws Exception {
        Envelope e = read("{\"ret\":500,\"msg\":7,\"data\":{\"code\":-4,\"msg\":\"用户不存在\"}}");

        assertThat(e.msg()).isEqualTo("7");
        assertThat(GeweJson.failureDetail(e.dataObject())).isEqualTo(new FailureDetail("-4", "用户不存在"));
    }

    @Test
    void dataThatIsNotAnObjectCountsAsNone() throws Exception {
        assertThat(read("{\"ret\":500,\"data\":\"oops\"}").dataObject()).isEmpty();
        assertThat(read("{\"ret\":200,\"data\":null}").dataObject()).isEmpty();
        assertThat(read("{\"ret\":200,\"data\":[1]}").dataObject()).isEmpty();
        assertThat(read("{\"ret\":200}").dataObject()).isEmpty();
        assertThat(GeweJson.failureDetail(read("{\"ret\":500,\"data\":{\"code\":{\"a\":1}}}").dataObject()))
                .isEqualTo(new FailureDetail(null, null));
    }

    @Test
    void aNestedValueWhereAContactFieldIsExpectedIsTheWrongShape() throws Exception {
        Envelope e = read("{\"ret\":200,\"data\":{\"v3\":{\"nested\":true}}}");

        assertThatThrownBy(() -> GeweJson.searchedContact(e.dataObject().orElseThrow()))
                .isInstanceOf(GeweJson.WrongShapeException.class);
    }

    @Test
    void jsonThatIsNoEnvelopeIsToldApartFromBrokenJson() {
        assertThatThrownBy(() -> read("[1,2,3]")).isInstanceOf(GeweJson.WrongShapeException.class);
        assertThatThrownBy(() -> read("{\"ret\":true}")).isInstanceOf(GeweJson.WrongShapeException.class);
        assertThatThrownBy(() -> read("{\"ret\":\"ok\"}")).isInstanceOf(GeweJson.WrongShapeException.class);
        assertThatThrownBy(() -> read("{\"ret\":200,\"msg\":{\"a\":1}}")).isInstanceOf(GeweJson.WrongShapeException.class);
        assertThatThrownBy(() -> read("{\"ret\":200,")).isInstanceOf(IOException.class);
        // Broken JSON wins over a wrong shape seen before the break.
        assertThatThrownBy(() -> read("{\"ret\":true,\"msg\":")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{\"ret\":[1],\"msg\":\"x\"")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("<html>502</html>")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("[1,2")).isInstanceOf(IOException.class);
    }

    @Test
    void numbersFarBeyondSixtyFourBitsAnywhereNeverFailARead() throws Exception {
        Envelope e = read("{\"ret\":200,\"id\":14216284872728580667,\"f\":1e400,"
                + "\"data\":{\"v3\":12345678901234567890123,\"big\":-99999999999999999999999999,\"x\":1e-400}}");

        assertThat(GeweJson.searchedContact(e.dataObject().orElseThrow()))
                .isEqualTo(new SearchedContact("12345678901234567890123", null, null));
    }

    @Test
    void aNumberLongerThanTheReadConstraintsAllowIsBrokenJson() {
        // Jackson's default stream constraints, as before: a number of more than 1,000 digits is refused.
        String huge = "1".repeat(1_001);

        assertThatThrownBy(() -> read("{\"ret\":200,\"x\":" + huge + "}")).isInstanceOf(IOException.class);
    }

    @Test
    void onlyTheFirstJsonValueOfABodyIsRead() throws Exception {
        assertThat(read("{\"ret\":200} trailing").ret()).isEqualTo(BigInteger.valueOf(200));
    }

    @Test
    void readingAndWritingLeaveNoBufferRecyclerBehindOnTheThread() throws Exception {
        // Jackson's per-thread pool keeps its recycler here; one left on a host thread would pin the
        // plugin's class loader after the plugin is unloaded.
        Field perThread = BufferRecyclers.class.getDeclaredField("_recyclerRef");
        perThread.setAccessible(true);
        ThreadLocal<?> recyclers = (ThreadLocal<?>) perThread.get(null);
        AtomicReference<Object> left = new AtomicReference<>("not run");

        Thread thread = new Thread(() -> {
            try {
                read("{\"ret\":200,\"msg\":\"" + "长".repeat(10_000) + "\"}");
                GeweJson.write(new SearchRequest("app-1", "wxid_a"));
                left.set(recyclers.get());
            } catch (Exception e) {
                left.set(e);
            }
        });
        thread.start();
        thread.join();

        assertThat(left.get()).isNull();
    }
}
