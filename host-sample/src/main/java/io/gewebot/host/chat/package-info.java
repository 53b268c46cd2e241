/**
 * Conversations: who may command the bot, routing commands to contact operations (among them the
 * address book's, on the account's friends), sending the replies back to the chat (through GeWe) or
 * the console, and bringing a dropped account back.
 */
package io.gewebot.host.chat;
