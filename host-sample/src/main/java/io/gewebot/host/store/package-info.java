/**
 * The host's persistent state in one SQLite file: pending friend requests, delivered callbacks and
 * the journal of commands.
 */
package io.gewebot.host.store;
