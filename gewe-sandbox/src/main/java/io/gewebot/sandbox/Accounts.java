package io.gewebot.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts one token holds, in the order they were added: the first is the one
 * {@link GeweSandbox}'s own per-account methods act on. Thread-safe.
 */
final class Accounts {

    private final Map<String, SandboxAccount> byAppId = new LinkedHashMap<>();

    /**
     * @throws IllegalArgumentException when an account already has that appId or that wxid
     */
    synchronized SandboxAccount add(SandboxAccount account) {
        if (byAppId.containsKey(account.appId())) {
            throw new IllegalArgumentException("the sandbox already has an account with appId " + account.appId());
        }
        for (SandboxAccount other : byAppId.values()) {
            if (other.wxid().equals(account.wxid())) {
                throw new IllegalArgumentException("the sandbox already has an account with wxid " + account.wxid());
            }
        }
        byAppId.put(account.appId(), account);
        return account;
    }

    synchronized Optional<SandboxAccount> byAppId(String appId) {
        return appId == null ? Optional.empty() : Optional.ofNullable(byAppId.get(appId));
    }

    synchronized SandboxAccount first() {
        return byAppId.values().iterator().next();
    }

    synchronized List<SandboxAccount> all() {
        return List.copyOf(byAppId.values());
    }

    /**
     * The device a login QR code asked for with {@code appId ""} becomes: the first account not online
     * (the one waiting for a login), else the first. The sandbox does not invent devices; its accounts
     * are those it was given.
     */
    synchronized SandboxAccount forNewDevice() {
        return byAppId.values().stream().filter(a -> !a.isOnline()).findFirst().orElse(first());
    }
}
