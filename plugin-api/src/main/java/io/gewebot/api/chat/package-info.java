/**
 * Chat commands a bot host routes to.
 *
 * <p>A host finds {@link io.gewebot.api.chat.ChatExtension} extensions (PF4J from a plugins folder, or
 * {@link java.util.ServiceLoader} from its classpath), makes one per account, starts it with a
 * {@link io.gewebot.api.chat.ChatContext} of its own making, and hands it the account's texts
 * ({@link io.gewebot.api.chat.IncomingText}), friend requests and contact changes. The host decides
 * who is an admin; the extension decides what a command does, keeps its own state and answers through
 * the context. Its {@link io.gewebot.api.chat.CommandInfo commands} feed the host's help.
 */
package io.gewebot.api.chat;
