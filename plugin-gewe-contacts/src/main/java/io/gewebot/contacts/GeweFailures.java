package io.gewebot.contacts;

import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.contacts.GeweApi.FailureDetail;
import java.util.List;
import java.util.Locale;

/**
 * What a GeWe failure answer ({@code ret != 200}) means, as a {@link FailureKind}: the one place that
 * knows GeWe's wording.
 *
 * <p>GeWe publishes no table of codes, so a failure is read from its {@code ret}, its detail
 * {@code data.code} and the words of its {@code msg} and {@code data.msg}, the way GeWe's answers are
 * seen in the wild. The texts themselves are not changed: they still reach people as GeWe wrote them.
 * The rules are tried in order, the first that matches wins: a missing or expired token makes every
 * call fail, so it goes first; an offline account before risk control, because nothing can be done
 * until it is logged in again.
 */
final class GeweFailures {

    /** How GeWe words a missing, unusable or expired token; it always names the header. */
    private static final List<String> TOKEN_WORDS = List.of("不可用", "已过期", "不可为空");

    private static final List<String> OFFLINE_WORDS = List.of("离线");

    /** Risk control: GeWe's own words ("操作过于频繁") and those of the English texts some versions send. */
    private static final List<String> RATE_LIMIT_WORDS = List.of(
            "频繁", "风控", "限制", "too frequent", "too often", "too many request", "rate limit", "risk control");

    private static final String TICKET_INVALID_WORDS = "ticket invalid";
    /** The detail code of a stale or foreign v3/v4 ticket on {@code /contacts/addContacts}. */
    private static final String TICKET_INVALID_CODE = "-2";

    private static final String NOT_FOUND_WORDS = "用户不存在";
    /** The detail code of a search for someone who does not exist. */
    private static final String NOT_FOUND_CODE = "-4";

    /** A field missing or out of range ("scene 参数错误", "v3 不可为空"). */
    private static final List<String> BAD_REQUEST_WORDS = List.of("参数错误", "不可为空");

    /** How GeWe answers a path it does not have ("no such interface"). */
    private static final String UNKNOWN_ENDPOINT_WORDS = "接口不存在";

    private GeweFailures() {
    }

    /**
     * Whether an answer says the endpoint does not exist on this GeWe, as the self-hosted container
     * answers the hosted service's {@code /contacts/checkRelation}: HTTP 404, or {@code ret} 404 or
     * {@code 接口不存在} in an envelope.
     *
     * @param httpStatus the answer's HTTP status
     * @param ret the envelope's result code, when it was read
     * @param msg the envelope's {@code msg}, may be {@code null}
     * @return {@code true} when the endpoint is unknown there
     */
    static boolean meansUnknownEndpoint(int httpStatus, Integer ret, String msg) {
        return httpStatus == 404 || ret != null && ret == 404 || lower(msg).contains(UNKNOWN_ENDPOINT_WORDS);
    }

    /**
     * @param path the endpoint that answered, such as {@link GeweApi#SEARCH}
     * @param ret the answer's result code, not 200
     * @param msg the answer's {@code msg}, may be {@code null}
     * @param detail the answer's {@code data.code} and {@code data.msg}
     * @return what the failure means; {@link FailureKind#PLATFORM} when none of GeWe's known failures
     */
    static FailureKind kindOf(String path, int ret, String msg, FailureDetail detail) {
        String texts = lower(msg) + "\n" + lower(detail.msg());
        String code = detail.code() == null ? "" : detail.code().strip();
        if (texts.contains("x-gewe-token") && containsAny(texts, TOKEN_WORDS)
                || isBare(ret, msg, detail)) {
            return FailureKind.TOKEN_INVALID;
        }
        if (containsAny(texts, OFFLINE_WORDS)) {
            return FailureKind.ACCOUNT_OFFLINE;
        }
        if (containsAny(texts, RATE_LIMIT_WORDS)) {
            return FailureKind.RATE_LIMITED;
        }
        if (texts.contains(TICKET_INVALID_WORDS)
                || path.equals(GeweApi.ADD_CONTACTS) && code.equals(TICKET_INVALID_CODE)) {
            return FailureKind.TICKET_INVALID;
        }
        if (texts.contains(NOT_FOUND_WORDS) || path.equals(GeweApi.SEARCH) && code.equals(NOT_FOUND_CODE)) {
            return FailureKind.NOT_FOUND;
        }
        if (ret >= 400 && ret <= 499 || containsAny(texts, BAD_REQUEST_WORDS)
                || texts.contains("appid") && texts.contains("不可用")) {
            return FailureKind.BAD_REQUEST;
        }
        return FailureKind.PLATFORM;
    }

    /**
     * {@code {"ret":500,"msg":null}} and nothing more: how GeWe answers a wrong token on some calls. No
     * other meaning of it is known on the calls this plugin makes, so it is taken as that on all of them.
     */
    private static boolean isBare(int ret, String msg, FailureDetail detail) {
        return ret == 500 && isBlank(msg) && isBlank(detail.code()) && isBlank(detail.msg());
    }

    private static boolean containsAny(String texts, List<String> words) {
        return words.stream().anyMatch(texts::contains);
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
