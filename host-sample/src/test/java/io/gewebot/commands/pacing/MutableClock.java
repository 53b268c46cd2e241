package io.gewebot.commands.pacing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test sets: forward, backward, or anywhere. */
public final class MutableClock extends Clock {

    private volatile Instant now;

    /** @param start the time it shows first */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /** @param instant the time it shows from now on */
    public void set(Instant instant) {
        now = instant;
    }

    /** @param step how far it moves forward */
    public void advance(Duration step) {
        now = now.plus(step);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the pacer only reads instants");
    }
}
