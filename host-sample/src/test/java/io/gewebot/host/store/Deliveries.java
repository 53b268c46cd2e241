package io.gewebot.host.store;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** One callback through the host's store as the host takes it: recorded, then handled and let go. */
final class Deliveries {

    private Deliveries() {
    }

    /**
     * @param delivered the store
     * @param key {@code Appid:NewMsgId}
     * @return {@code true} the first time, {@code false} for a duplicate
     */
    static boolean first(DeliveredCallbacks delivered, String key) {
        String appId = key.substring(0, key.indexOf(':'));
        byte[] body = ("{\"k\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
        boolean first = delivered.record(List.of(new DeliveredCallbacks.Arrival(key, appId, body))).get(0);
        if (first) {
            delivered.begin(key);
            delivered.finished(key);
            delivered.letGo();
        }
        return first;
    }
}
