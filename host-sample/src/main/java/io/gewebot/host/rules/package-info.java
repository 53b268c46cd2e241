/**
 * Friend-request rules: which incoming requests the host answers by itself (accept or reject), and
 * what follows an accept (a welcome, a remark, labels). The rules are read from the configuration file;
 * this package holds what they are and how one is matched and its texts filled in, not how answers are
 * paced (that is the pacer's).
 */
package io.gewebot.host.rules;
