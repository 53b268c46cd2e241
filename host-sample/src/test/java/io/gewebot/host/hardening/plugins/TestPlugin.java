package io.gewebot.host.hardening.plugins;

import org.pf4j.Plugin;

/** The PF4J plugin class of the test plugin jars; it does nothing itself. */
public final class TestPlugin extends Plugin {

    /** Created by PF4J. */
    public TestPlugin() {
    }
}
