/**
 * A runnable bot host: {@link io.gewebot.host.Main} reads the {@link io.gewebot.host.HostConfig},
 * {@link io.gewebot.host.BotHost} wires plugins, the callback endpoint, the stores and the workers.
 */
package io.gewebot.host;
