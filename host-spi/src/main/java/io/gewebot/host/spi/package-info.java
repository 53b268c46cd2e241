/**
 * The services the bot host looks up at run time with {@link java.util.ServiceLoader}, so that it
 * never compiles against what implements them.
 *
 * <p>{@link io.gewebot.host.spi.EmbeddedGewe} is the GeWe the host starts in its own JVM when no GeWe
 * base URL is configured: the quick start's backend. The runnable host jar bundles one (over the GeWe
 * sandbox); a production deployment configures a real GeWe and needs none.
 *
 * <p>The package uses only the JDK.
 */
package io.gewebot.host.spi;
