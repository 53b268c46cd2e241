package io.gewebot.host;

import io.gewebot.host.chat.AccountState;
import io.gewebot.host.chat.GeweMessenger;
import io.gewebot.host.runtime.PluginRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@code GET /health} answers: the plugins and extensions, what GeWe last said about the
 * account (asked again at most every {@value #CACHE_SECONDS} s, so that health checks never flood
 * GeWe), the account's offline state and the callback queue.
 */
final class HealthReport {

    static final int CACHE_SECONDS = 5;

    private final PluginRuntime plugins;
    private final GeweMessenger probe;
    private final boolean embeddedSandbox;
    private final AccountState account;
    private final ThreadPoolExecutor callbacks;
    private final int queueCapacity;
    private final Clock clock;
    private final AtomicReference<GeweCheck> lastCheck = new AtomicReference<>();

    /** What GeWe said about the account, and when. */
    private record GeweCheck(Map<String, Object> document, boolean online, Instant at) {
    }

    HealthReport(PluginRuntime plugins, GeweMessenger probe, boolean embeddedSandbox, AccountState account,
            ThreadPoolExecutor callbacks, int queueCapacity, Clock clock) {
        this.plugins = Objects.requireNonNull(plugins, "plugins");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.embeddedSandbox = embeddedSandbox;
        this.account = Objects.requireNonNull(account, "account");
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
        this.queueCapacity = queueCapacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Asks GeWe whether the account is online, now.
     *
     * @return whether GeWe said it is
     */
    boolean checkGewe() {
        GeweMessenger.Answer<Boolean> answer = probe.checkOnline();
        boolean online = answer.ok() && answer.data().orElse(false);
        Map<String, Object> gewe = new LinkedHashMap<>();
        gewe.put("answered", answer.answered());
        gewe.put("online", online);
        gewe.put("detail", answer.text());
        gewe.put("embeddedSandbox", embeddedSandbox);
        lastCheck.set(new GeweCheck(gewe, online, clock.instant()));
        return online;
    }

    /** @return the health document */
    Map<String, Object> document() {
        GeweCheck check = lastCheck.get();
        if (check == null || Duration.between(check.at(), clock.instant()).getSeconds() >= CACHE_SECONDS) {
            checkGewe();
            check = lastCheck.get();
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", "UP");
        List<Map<String, Object>> pluginList = new ArrayList<>();
        for (PluginRuntime.PluginInfo p : plugins.plugins()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", p.id());
            entry.put("version", p.version());
            entry.put("state", p.state());
            if (!p.problem().isEmpty()) {
                entry.put("problem", p.problem());
            }
            pluginList.add(entry);
        }
        doc.put("plugins", pluginList);
        List<Map<String, Object>> extensionList = new ArrayList<>();
        for (PluginRuntime.Extension e : plugins.extensions()) {
            extensionList.add(Map.of("name", e.name(), "class", e.className(), "source", e.source(), "state", e.state()));
        }
        doc.put("extensions", extensionList);
        doc.put("gewe", check.document());
        doc.put("accountOffline", account.offline());
        doc.put("queue", Map.of("waiting", callbacks.getQueue().size(), "capacity", queueCapacity));
        return doc;
    }
}
