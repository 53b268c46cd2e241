/**
 * Runs the host jar Maven built as a process of its own, for the host's integration tests and the
 * benchmarks: {@link io.gewebot.testkit.HostProcess} starts it with the options, environment and
 * folders given, waits for it to listen or be healthy, reads and waits on its output, types at its
 * console and stops it with SIGTERM or SIGKILL. It knows the host only from the outside: its
 * command line, its log lines and its HTTP endpoints. {@link io.gewebot.testkit.TestPostgres} gives them
 * a real PostgreSQL: one embedded server per JVM, a fresh database per test.
 */
package io.gewebot.testkit;
