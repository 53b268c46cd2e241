/**
 * The host's persistent state: pending friend requests, delivered callbacks, the address book (the
 * account's friends as last read, and the pause of relation checks), in one {@link
 * io.gewebot.host.store.Database}: a SQLite file by default, or PostgreSQL ({@link
 * io.gewebot.host.store.DatabaseSettings}). Its schema is Flyway's migrations' ({@code db/migration}).
 */
package io.gewebot.host.store;
