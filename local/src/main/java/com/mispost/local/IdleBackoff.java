package com.mispost.local;

/**
 * How long a stream poller waits before its next poll, as Lambda polls a stream shard: at once
 * after it invoked the function (there may be more), four times a second while records pass that
 * are not for this function (filtered out: no invocation, nothing to hurry for), and when the
 * stream is empty a little longer each time up to four a second; after ten quiet seconds, once a
 * second, so that an idle local runtime costs little CPU.
 */
final class IdleBackoff {
    /** What a poll found. */
    enum Found {
        /** A batch for this function: it was invoked. */
        WORK,
        /** Records, none of them this function's. */
        OTHERS,
        /** No new record. */
        NOTHING
    }

    private static final long SHORTEST_MS = 25;
    static final long BASE_RATE_MS = 250;
    private static final long QUIET_AFTER_MS = 10_000;
    private static final long QUIET_MS = 1_000;

    private long nextMs = SHORTEST_MS;
    private long idleSinceNanos = -1;

    /** The pause before the next poll, given what this one found. */
    long after(Found found) {
        if (found == Found.WORK) {
            nextMs = SHORTEST_MS;
            idleSinceNanos = -1;
            return 0;
        }
        if (found == Found.OTHERS) {
            idleSinceNanos = -1;
            return BASE_RATE_MS;
        }
        long now = System.nanoTime();
        if (idleSinceNanos < 0) idleSinceNanos = now;
        if (now - idleSinceNanos > QUIET_AFTER_MS * 1_000_000) return QUIET_MS;
        long pause = nextMs;
        nextMs = Math.min(BASE_RATE_MS, nextMs * 2);
        return pause;
    }
}
