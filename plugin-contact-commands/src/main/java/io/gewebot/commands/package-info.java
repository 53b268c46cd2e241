/**
 * The contact commands and the account safety behind them, as a chat extension any bot host loads:
 * {@link io.gewebot.commands.chat.ContactCommands} is the {@link io.gewebot.api.chat.ChatExtension}.
 */
package io.gewebot.commands;
