/**
 * A stateful stand-in for the GeWe HTTP API, over real HTTP on loopback, for demos and tests.
 *
 * <p>{@link io.gewebot.sandbox.GeweSandbox} is the entry point: it serves GeWe's endpoints in GeWe's
 * wire format (envelope {@code {"ret":200,"msg":"操作成功","data":...}}, failures with HTTP 200 and
 * {@code ret: 500}), keeps a directory of people and the account's address book (friends, remarks,
 * labels), issues and checks v3/v4 tickets, tracks friend requests both ways, records every call, misbehaves on demand through {@link io.gewebot.sandbox.Faults},
 * and pushes callbacks in GeWe's classic format through {@link io.gewebot.sandbox.Callbacks}. One token may
 * hold several accounts, each a {@link io.gewebot.sandbox.SandboxAccount} with its own state, faults and
 * callbacks, all pushed to the token's one callback URL.
 *
 * <pre>{@code
 * try (GeweSandbox gewe = GeweSandbox.start()) {
 *     gewe.setCallbackUrl(bot.webhookUrl());
 *     IncomingRequest request = gewe.callbacks().pushFriendRequest("wxid_demo", "Demo", "hi", 6);
 *     gewe.callbacks().pushText("wxid_demo_friend", "/accept wxid_demo");
 *     RecordedCall accept = gewe.awaitCall("/contacts/addContacts", Duration.ofSeconds(5));
 *     assert accept.json().path("v4").asText().equals(request.v4());
 * }
 * }</pre>
 *
 * <p>Run standalone with {@code java -jar gewe-sandbox/target/gewe-sandbox-standalone.jar --port 2531}.
 * The package uses only the JDK ({@code com.sun.net.httpserver}, {@code java.net.http}) and Jackson.
 */
package io.gewebot.sandbox;
