/**
 * Conversations: who may command the bot, routing commands to contact operations, and sending the
 * replies back to the chat (through GeWe) or the console.
 */
package io.gewebot.host.chat;
