package io.gewebot.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.contacts.GeweApi.FailureDetail;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** GeWe's failure answers, as seen in the wild and as the sandbox sends them, and the kind each one is. */
class GeweFailuresTest {

    private static final String SEARCH = GeweApi.SEARCH;
    private static final String ADD = GeweApi.ADD_CONTACTS;

    private static Arguments row(String path, int ret, String msg, String code, String detail, FailureKind kind) {
        return Arguments.of(path, ret, msg, code, detail, kind);
    }

    /** Every row of the failure table GeWe's clients have gathered, on the calls where it is seen. */
    static Stream<Arguments> failuresSeenInTheWild() {
        return Stream.of(
                row(SEARCH, 500, "搜索联系人失败", "-4", "用户不存在", FailureKind.NOT_FOUND),
                row(ADD, 500, "添加好友失败", "-2", "user ticket invalid", FailureKind.TICKET_INVALID),
                row(SEARCH, 500, "HTTP HEADER: X-GEWE-TOKEN=xxx 不可用或已过期", null, null, FailureKind.TOKEN_INVALID),
                row(ADD, 500, "HTTP HEADER: X-GEWE-TOKEN=*** 不可用或已过期", null, null, FailureKind.TOKEN_INVALID),
                row(SEARCH, 500, "X-GEWE-TOKEN 不可为空", null, null, FailureKind.TOKEN_INVALID),
                row(ADD, 500, "微信已离线，请重新登录", null, null, FailureKind.ACCOUNT_OFFLINE),
                row(SEARCH, 500, "账号离线", null, null, FailureKind.ACCOUNT_OFFLINE),
                row(ADD, 500, "操作过于频繁，请稍后再试", null, null, FailureKind.RATE_LIMITED),
                row(ADD, 500, "添加频繁", null, null, FailureKind.RATE_LIMITED),
                row(ADD, 500, "添加好友失败", "-1", "触发风控", FailureKind.RATE_LIMITED),
                row(SEARCH, 500, "今日搜索次数已达限制", null, null, FailureKind.RATE_LIMITED),
                row(SEARCH, 500, null, null, null, FailureKind.TOKEN_INVALID),
                row(ADD, 500, null, null, null, FailureKind.TOKEN_INVALID),
                row(ADD, 500, "  ", null, "", FailureKind.TOKEN_INVALID));
    }

    /** GeWe's English texts, in whatever case they come. */
    static Stream<Arguments> englishWordsInAnyCase() {
        return Stream.of(
                row(ADD, 500, "Too Frequent, try later", null, null, FailureKind.RATE_LIMITED),
                row(ADD, 500, "operation TOO OFTEN", null, null, FailureKind.RATE_LIMITED),
                row(ADD, 500, "Too Many Requests", null, null, FailureKind.RATE_LIMITED),
                row(SEARCH, 500, "failed", "-1", "Rate Limit exceeded", FailureKind.RATE_LIMITED),
                row(ADD, 500, "RISK CONTROL", null, null, FailureKind.RATE_LIMITED),
                row(ADD, 500, "添加好友失败", "-9", "User Ticket Invalid", FailureKind.TICKET_INVALID),
                row(SEARCH, 500, "http header: x-gewe-token=xxx 不可用或已过期", null, null, FailureKind.TOKEN_INVALID));
    }

    /** Codes mean something on the call they come from only; words wherever they appear. */
    static Stream<Arguments> detailCodesOnTheirOwnCalls() {
        return Stream.of(
                row(SEARCH, 500, "搜索联系人失败", " -4 ", null, FailureKind.NOT_FOUND),
                row(ADD, 500, "添加好友失败", "-2", null, FailureKind.TICKET_INVALID),
                row(SEARCH, 500, "搜索联系人失败", "-2", null, FailureKind.PLATFORM),
                row(ADD, 500, "添加好友失败", "-4", null, FailureKind.PLATFORM),
                row(ADD, 500, "添加好友失败", null, "用户不存在", FailureKind.NOT_FOUND),
                row(SEARCH, 500, "搜索联系人失败", "-3", "系统繁忙", FailureKind.PLATFORM),
                row(SEARCH, 500, "服务器内部错误", null, null, FailureKind.PLATFORM),
                row(SEARCH, 501, null, null, null, FailureKind.PLATFORM),
                row(ADD, -1, "failed", null, null, FailureKind.PLATFORM));
    }

    /** GeWe refusing the request itself: a 4xx result code, or a field it names as missing or wrong. */
    static Stream<Arguments> refusedRequests() {
        return Stream.of(
                row(SEARCH, 400, "Bad Request", null, null, FailureKind.BAD_REQUEST),
                row(ADD, 404, null, null, null, FailureKind.BAD_REQUEST),
                row(SEARCH, 500, "请求参数错误: body 不是合法的 JSON", null, null, FailureKind.BAD_REQUEST),
                row(ADD, 500, "scene 参数错误: 添加好友时只能是 3 (微信号搜索), 4 (QQ好友), 8 (来自群聊), 15 (手机号)", null,
                        null, FailureKind.BAD_REQUEST),
                row(ADD, 500, "option 参数错误: 2 添加好友, 3 同意好友, 4 拒绝好友", null, null, FailureKind.BAD_REQUEST),
                row(ADD, 500, "v4 不可为空", null, null, FailureKind.BAD_REQUEST),
                row(SEARCH, 500, "contactsInfo 不可为空", null, null, FailureKind.BAD_REQUEST),
                row(SEARCH, 500, "appId 不可为空", null, null, FailureKind.BAD_REQUEST),
                row(SEARCH, 500, "appId 不可用或已过期", null, null, FailureKind.BAD_REQUEST));
    }

    /** What the sandbox's {@code Fault.ret500} is armed with across the project's tests. */
    static Stream<Arguments> sandboxFaultTexts() {
        return Stream.of(
                row(ADD, 500, "操作过于频繁", null, null, FailureKind.RATE_LIMITED),
                row(SEARCH, 500, "频繁", null, null, FailureKind.RATE_LIMITED),
                row(ADD, 500, "token secret-token 操作过于频繁", null, null, FailureKind.RATE_LIMITED),
                row(ADD, 500, "user ticket invalid", null, null, FailureKind.TICKET_INVALID),
                row(ADD, 500, "HTTP HEADER: X-GEWE-TOKEN=xxx 不可用或已过期", null, null, FailureKind.TOKEN_INVALID),
                row(SEARCH, 500, "first", null, null, FailureKind.PLATFORM));
    }

    @ParameterizedTest(name = "{0} ret {1} \"{2}\" ({3} {4}) is {5}")
    @MethodSource({"failuresSeenInTheWild", "englishWordsInAnyCase", "detailCodesOnTheirOwnCalls", "refusedRequests",
            "sandboxFaultTexts"})
    void aFailureAnswerIsTheKindItsCodesAndWordsSay(String path, int ret, String msg, String code, String detail,
            FailureKind kind) {
        assertThat(GeweFailures.kindOf(path, ret, msg, new FailureDetail(code, detail))).isEqualTo(kind);
    }
}
