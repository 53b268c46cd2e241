package io.gewebot.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the sandbox answers to one call: an HTTP status and a GeWe envelope, plus what to do once
 * the answer is out (e.g. push a callback, which GeWe does after answering).
 */
record Reply(int httpStatus, ObjectNode envelope, Runnable afterAnswer) {

    static final String OK = "操作成功";

    static Reply ok() {
        return new Reply(200, envelope(200, OK), () -> { });
    }

    static Reply ok(JsonNode data) {
        ObjectNode env = envelope(200, OK);
        env.set("data", data);
        return new Reply(200, env, () -> { });
    }

    static Reply ok(boolean data) {
        ObjectNode env = envelope(200, OK);
        env.put("data", data);
        return new Reply(200, env, () -> { });
    }

    static Reply ok(String data) {
        ObjectNode env = envelope(200, OK);
        env.put("data", data);
        return new Reply(200, env, () -> { });
    }

    /** A failure as GeWe sends most of them: HTTP 200, {@code ret} 500. */
    static Reply fail(String msg) {
        return new Reply(200, envelope(500, msg), () -> { });
    }

    /** A failure with GeWe's {@code data: {code, msg}} detail. */
    static Reply fail(String msg, String code, String detail) {
        ObjectNode env = envelope(500, msg);
        env.putObject("data").put("code", code).put("msg", detail);
        return new Reply(200, env, () -> { });
    }

    static Reply httpError(int status, String msg) {
        return new Reply(status, envelope(status, msg), () -> { });
    }

    Reply then(Runnable next) {
        return new Reply(httpStatus, envelope, next);
    }

    static ObjectNode envelope(int ret, String msg) {
        ObjectNode env = Json.MAPPER.createObjectNode();
        env.put("ret", ret);
        env.put("msg", msg);
        return env;
    }
}
