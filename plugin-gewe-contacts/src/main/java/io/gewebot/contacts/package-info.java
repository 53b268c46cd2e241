/**
 * The GeWe contacts plugin: {@link io.gewebot.contacts.GeweContactAction}, a
 * {@link io.gewebot.api.ContactAction} that adds WeChat contacts, answers friend requests and keeps
 * the account's address book (remarks, labels, the friends list, relations) through the GeWe HTTP API,
 * and {@link io.gewebot.contacts.GeweContactsPlugin}, the PF4J plugin that carries it.
 *
 * <p>Everything else here is internal: a small GeWe client on Apache HttpClient 5 and Jackson, with one
 * record per request and answer body. In the plugin jar both libraries are relocated under
 * {@code io.gewebot.contacts.shaded}, so they never clash with the host's own copies.
 */
package io.gewebot.contacts;
