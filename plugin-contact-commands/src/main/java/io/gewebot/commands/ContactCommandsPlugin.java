package io.gewebot.commands;

import org.pf4j.Plugin;

/**
 * The contact commands as a PF4J plugin. The plugin itself holds nothing: the host makes one
 * {@link io.gewebot.commands.chat.ContactCommands} per account from its extension index and closes each.
 */
public final class ContactCommandsPlugin extends Plugin {

    /** Made by PF4J. */
    public ContactCommandsPlugin() {
    }
}
