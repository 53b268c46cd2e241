/**
 * Conversations: who may command the bot, routing commands to contact operations (among them the
 * address book's, on the account's friends), answering friend requests (by an admin or by a
 * friend-request rule, with what follows an accept), sending the replies back to the chat (through
 * GeWe) or the console, and bringing a dropped account back.
 */
package io.gewebot.host.chat;
