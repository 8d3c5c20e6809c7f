package com.mispost.local;

/**
 * How long a stream poller waits before its next poll, as Lambda polls a stream shard: at once
 * after it invoked the function (there may be more); otherwise a little longer each time, up to
 * four polls a second (records that are all for other functions are no reason to poll in a tight
 * loop: during a storm of likes detect and apology are not woken); after ten seconds in which no
 * record at all went by, once a second, so that an idle local runtime costs little CPU.
 */
final class IdleBackoff {
    /** What a poll found; records for other functions keep the poller from going quiet. */
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
        long now = System.nanoTime();
        if (found == Found.OTHERS || idleSinceNanos < 0) idleSinceNanos = now;
        if (now - idleSinceNanos > QUIET_AFTER_MS * 1_000_000) return QUIET_MS;
        long pause = nextMs;
        nextMs = Math.min(BASE_RATE_MS, nextMs * 2);
        return pause;
    }
}
