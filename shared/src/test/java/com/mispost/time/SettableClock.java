package com.mispost.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, so that minutes or hours pass in no time. */
public final class SettableClock extends Clock {
    private volatile Instant now;
    private volatile Duration tick = Duration.ZERO;

    public SettableClock(Instant start) {
        this.now = start;
    }

    public void set(Instant to) {
        now = to;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    /** From now on every reading moves the clock on by {@code d}, as if each took that long. */
    public void tickEveryRead(Duration d) {
        tick = d;
    }

    @Override
    public synchronized Instant instant() {
        Instant read = now;
        now = now.plus(tick);
        return read;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
