package com.mispost.watch;

import com.mispost.incident.LifecyclePolicy;

import java.time.Duration;

/**
 * How long an account may be silent before the watchdog says so: half as long again as the
 * longest gap it has had between deliveries, but never less than {@code floor}
 * ({@code MISPOST_SILENCE_AFTER}, 2h) nor more than {@code cap} ({@code MISPOST_SILENCE_CAP}, 24h).
 * X re-checks a webhook with its CRC at least hourly; none for {@code handshakeMaxAge} (2h) means
 * X may have marked the webhook invalid.
 */
public record SilencePolicy(Duration floor, Duration cap, Duration handshakeMaxAge) {
    public static final Duration DEFAULT_FLOOR = Duration.ofHours(2);
    public static final Duration DEFAULT_CAP = Duration.ofHours(24);
    public static final Duration HANDSHAKE_MAX_AGE = Duration.ofHours(2);

    public SilencePolicy {
        if (cap.compareTo(floor) < 0) cap = floor;
    }

    public static SilencePolicy of(String floor, String cap) {
        return new SilencePolicy(floor == null || floor.isBlank() ? DEFAULT_FLOOR : LifecyclePolicy.duration(floor),
                cap == null || cap.isBlank() ? DEFAULT_CAP : LifecyclePolicy.duration(cap), HANDSHAKE_MAX_AGE);
    }

    /** The silence that counts as "far longer than usual" for an account whose longest gap was {@code longestGap}. */
    public Duration silenceAfter(Duration longestGap) {
        Duration usual = longestGap.plus(longestGap.dividedBy(2));
        if (usual.compareTo(floor) < 0) return floor;
        return usual.compareTo(cap) > 0 ? cap : usual;
    }
}
