package io.gewebot.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Serves every GeWe endpoint the sandbox knows. */
final class ApiHandler implements HttpHandler {

    ApiHandler(SandboxOptions options, AccountState state, CallLog log, Faults faults, MessageIds ids,
               CallbackSender sender, Consumer<String> pushModContactsLater) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] body = "{\"ret\":404,\"msg\":\"接口不存在\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(404, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
