package io.gewebot.commands.pacing;

import io.gewebot.commands.store.FriendRequestInbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The account's friend requests as a health report shows them: fields, not words for people. */
public final class HealthFields {

    private HealthFields() {
    }

    /**
     * @param pacer the account's queue
     * @param inbox the requests the account received
     * @param appId the account
     * @return {@code friendRequests} (how many wait in the queue as {@code waiting}, when the next goes out
     *     as {@code nextSendAt}, a pause as {@code pausedUntil}) and {@code pendingFriendRequests} (received
     *     ones nobody has answered)
     */
    public static Map<String, Object> of(FriendRequestPacer pacer, FriendRequestInbox inbox, String appId) {
        List<QueuedAdd> queued = pacer.queued(appId);
        Map<String, Object> queue = new LinkedHashMap<>();
        queue.put("waiting", queued.size());
        if (!queued.isEmpty()) {
            queue.put("nextSendAt", queued.get(0).expectedAt().toString());
        }
        pacer.pausedUntil(appId).ifPresent(until -> queue.put("pausedUntil", until.toString()));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("friendRequests", queue);
        status.put("pendingFriendRequests", inbox.list(appId).size());
        return status;
    }
}
