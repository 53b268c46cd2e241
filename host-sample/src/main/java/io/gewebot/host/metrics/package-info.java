/**
 * What the host counts, for {@code GET /metrics}: {@link io.gewebot.host.metrics.HostMetrics}, the
 * counting side the other parts are given, and {@link io.gewebot.host.metrics.PrometheusMetrics}, the
 * one registry of the host, which also measures the JVM and renders the Prometheus text format.
 *
 * <p>Every meter of an account is tagged {@code account=<appId>} (a device id, not a secret), so that
 * one registry serves a host of many accounts. No name, tag or value ever holds a token, a wxid, a
 * nickname, a greeting or a message's text.
 */
package io.gewebot.host.metrics;
