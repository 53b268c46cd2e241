/**
 * The host's persistent state in one SQLite file: pending friend requests, delivered callbacks, the
 * address book (the account's friends as last read, and the pause of relation checks) and
 * the journal of commands.
 */
package io.gewebot.host.store;
