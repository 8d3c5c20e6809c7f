package com.mispost.local;

/**
 * How long a local poller waits before its next poll: briefly while there is work, then longer
 * the longer it finds none, up to a few polls a second (as Lambda polls a stream shard), so that
 * an idle local runtime costs little CPU while a busy one answers in milliseconds.
 */
final class IdleBackoff {
    private final long shortestMs;
    private final long longestMs;
    private long nextMs;

    IdleBackoff(long shortestMs, long longestMs) {
        this.shortestMs = shortestMs;
        this.longestMs = longestMs;
        this.nextMs = shortestMs;
    }

    /** The pause before the next poll, given whether this one found work. */
    long after(boolean foundWork) {
        if (foundWork) {
            nextMs = shortestMs;
            return 0;
        }
        long pause = nextMs;
        nextMs = Math.min(longestMs, nextMs * 2);
        return pause;
    }
}
