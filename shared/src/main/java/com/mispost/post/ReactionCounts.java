package com.mispost.post;


import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reactions to one post: totals by kind and counts per minute (for the pace of the response).
 *
 * @param totals    count by kind
 * @param perMinute count of all kinds per minute, keyed by the minute's start
 * @param deletedAt when the account deleted the post, or null
 * @param lastReactionAt when the latest reaction was recorded (arrival time), or null if none was
 */
public record ReactionCounts(Map<ReactionKind, Long> totals, SortedMap<Instant, Long> perMinute, Instant deletedAt,
                             Instant lastReactionAt) {
    public ReactionCounts {
        totals = Map.copyOf(totals);
        perMinute = new TreeMap<>(perMinute);
    }

    public long total() {
        return totals.values().stream().mapToLong(Long::longValue).sum();
    }

    public long of(ReactionKind kind) {
        return totals.getOrDefault(kind, 0L);
    }

    /** The busiest minute's count. */
    public long peakPerMinute() {
        return perMinute.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** The busiest minute's count among the minutes starting at or after {@code from}. */
    public long peakPerMinuteSince(Instant from) {
        return perMinute.tailMap(from).values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
