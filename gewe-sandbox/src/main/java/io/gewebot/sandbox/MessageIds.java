package io.gewebot.sandbox;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Hands out message ids shaped like WeChat's, unique for the life of one sandbox. */
final class MessageIds {

    private final AtomicLong newMsgId;
    private final AtomicLong msgId;
    private final AtomicLong msgSeq;

    MessageIds() {
        SecureRandom random = new SecureRandom();
        // NewMsgId: 19 digits like the vendor's samples, with room left below Long.MAX_VALUE.
        newMsgId = new AtomicLong(1_000_000_000_000_000_000L + (random.nextLong() >>> 4) % 6_000_000_000_000_000_000L);
        msgId = new AtomicLong(1_000_000_000L + random.nextInt(1_000_000_000));
        msgSeq = new AtomicLong(600_000_000L + random.nextInt(100_000_000));
    }

    long nextNewMsgId() {
        return newMsgId.incrementAndGet();
    }

    long nextMsgId() {
        return msgId.incrementAndGet();
    }

    long nextMsgSeq() {
        return msgSeq.incrementAndGet();
    }
}
