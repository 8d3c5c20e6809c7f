package com.mispost.local;

/**
 * How long a local poller waits before its next poll: not at all while there is work, then
 * longer the longer it finds none, up to four polls a second (as Lambda polls a stream shard);
 * after a quiet spell of ten seconds, once a second, so that an idle local runtime costs little
 * CPU while a busy one answers in milliseconds.
 */
final class IdleBackoff {
    private static final long SHORTEST_MS = 25;
    private static final long BUSY_LONGEST_MS = 250;
    private static final long QUIET_AFTER_MS = 10_000;
    private static final long QUIET_MS = 1_000;

    private long nextMs = SHORTEST_MS;
    private long idleSinceNanos = -1;

    /** The pause before the next poll, given whether this one found work. */
    long after(boolean foundWork) {
        if (foundWork) {
            nextMs = SHORTEST_MS;
            idleSinceNanos = -1;
            return 0;
        }
        long now = System.nanoTime();
        if (idleSinceNanos < 0) idleSinceNanos = now;
        if (now - idleSinceNanos > QUIET_AFTER_MS * 1_000_000) return QUIET_MS;
        long pause = nextMs;
        nextMs = Math.min(BUSY_LONGEST_MS, nextMs * 2);
        return pause;
    }
}
