package io.gewebot.contacts;

import org.pf4j.Plugin;

/**
 * The PF4J plugin {@code gewe-contacts}: its one extension is {@link GeweContactAction}.
 *
 * <p>Stopping the plugin closes every {@link GeweContactAction} of this plugin that is still open,
 * with its connection pool, so a host that stops or unloads the plugin leaves no connection behind
 * even when it forgot to close an extension itself.
 */
public final class GeweContactsPlugin extends Plugin {

    private final OpenActions openActions;

    /** Used by PF4J. */
    public GeweContactsPlugin() {
        this(OpenActions.OF_THIS_PLUGIN);
    }

    GeweContactsPlugin(OpenActions openActions) {
        this.openActions = openActions;
    }

    @Override
    public void stop() {
        int closed = openActions.closeAll();
        log.debug("gewe-contacts stopped; closed {} open extension(s)", closed);
    }
}
