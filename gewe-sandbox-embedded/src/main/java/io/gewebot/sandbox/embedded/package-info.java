/**
 * The GeWe sandbox as the bot host's {@link io.gewebot.host.spi.EmbeddedGewe}.
 *
 * <p>{@link io.gewebot.sandbox.embedded.SandboxGewe} is registered in
 * {@code META-INF/services/io.gewebot.host.spi.EmbeddedGewe}: with this jar on its classpath, a host
 * without a GeWe base URL runs on a {@link io.gewebot.sandbox.GeweSandbox} with the demo people. The
 * runnable host jar bundles it; the host's code never compiles against it.
 */
package io.gewebot.sandbox.embedded;
