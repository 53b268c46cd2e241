/**
 * The host's configuration file ({@code --config}): a YAML file for what flags cannot say, such as the
 * friend-request rules. {@link io.gewebot.host.config.ConfigFile#read} binds it with Jackson into
 * package-private records, refusing anything it does not know, then checks it into the host's model;
 * every problem is reported with the file, the line and the key path.
 */
package io.gewebot.host.config;
