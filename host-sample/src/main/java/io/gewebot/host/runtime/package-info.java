/**
 * Finding and running contact plugins: PF4J over the plugins folder plus {@link java.util.ServiceLoader}
 * over the host's classpath, and calling their extensions with a time limit.
 */
package io.gewebot.host.runtime;
