package io.gewebot.contacts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The extensions of this plugin that hold an open GeWe client, so that stopping the plugin can close
 * them.
 *
 * <p>PF4J creates the plugin and its extensions separately, each through a no-argument constructor,
 * and hands neither a reference to the other; a registry both can reach is the only meeting point.
 * It is {@link #OF_THIS_PLUGIN}, one per plugin class loader: each load of the plugin jar has its own,
 * and unloading the plugin drops it with the class loader. Extensions are held weakly, so one the host
 * dropped without closing (as a plain {@link java.util.ServiceLoader} host may) is not kept alive here.
 */
final class OpenActions {

    /** The registry shared by the plugin and the extensions loaded with it. */
    static final OpenActions OF_THIS_PLUGIN = new OpenActions();

    private final Set<GeweContactAction> open = Collections.newSetFromMap(new WeakHashMap<>());

    /** @param action an extension that now holds an open client */
    synchronized void opened(GeweContactAction action) {
        open.add(action);
    }

    /** @param action an extension that released its client */
    synchronized void closed(GeweContactAction action) {
        open.remove(action);
    }

    /** @return how many extensions hold an open client */
    synchronized int count() {
        return open.size();
    }

    /**
     * Closes every extension that still holds an open client.
     *
     * @return how many were closed
     */
    int closeAll() {
        List<GeweContactAction> toClose;
        synchronized (this) {
            toClose = new ArrayList<>(open);
            open.clear();
        }
        // Closed outside the lock: close() reports back through closed().
        toClose.forEach(GeweContactAction::close);
        return toClose.size();
    }
}
