/**
 * Friend-request rules: which incoming requests the host answers by itself (accept or reject), and
 * what follows an accept (a welcome, a remark, labels). The rules are read from the configuration file;
 * this package holds what they are, how one is matched and its texts filled in, and the
 * {@link io.gewebot.commands.rules.Rulebook} of what they did (each request's decision, the friends
 * welcomed), not how answers are paced (that is the pacer's) nor how they are given (that is
 * {@link io.gewebot.commands.chat.FriendRequestAnswers}'s).
 */
package io.gewebot.commands.rules;
