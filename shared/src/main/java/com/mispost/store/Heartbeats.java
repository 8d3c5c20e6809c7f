package com.mispost.store;

import com.mispost.post.AccountKey;
import com.mispost.post.Platform;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * When each account last had a delivery and each platform last ran its handshake, and what the
 * watchdog made of it. Intake writes the times coarsely (at most one write a minute each), so
 * that watching costs a busy account nothing.
 */
public interface Heartbeats {

    /**
     * Records a delivery for each account, except those with one recorded less than {@code coarseness}
     * ago; in a few writes for many accounts (a delivery may speak for hundreds).
     */
    void delivered(Collection<AccountKey> accounts, Instant at, Duration coarseness);

    /** {@link #delivered(Collection, Instant, Duration)} for one account. */
    default void delivered(AccountKey account, Instant at, Duration coarseness) {
        delivered(java.util.List.of(account), at, coarseness);
    }

    /** Records a successful handshake (X's CRC, Meta's verification), unless one was recorded less than {@code coarseness} ago. */
    void handshook(Platform platform, Instant at, Duration coarseness);

    Optional<Instant> lastHandshake(Platform platform);

    /** The account's watch; the first call for an account starts watching it from {@code now}. */
    AccountWatch watch(AccountKey account, Instant now);

    /** Raises the learned longest gap to {@code gap} if it is longer than the stored one. */
    void learnGap(AccountKey account, Duration gap);

    /**
     * Marks the account silent, if it is not already and no delivery came since {@code lastSeen}
     * was read. Returns false when another sweep did it first or a delivery arrived meanwhile.
     */
    boolean markSilent(AccountKey account, Instant since, Instant lastSeen);

    /**
     * Marks a silent account heard again. With {@code lastDelivery}, the gap up to that delivery (the
     * silence itself) is forgotten, so that it is not learned as a usual gap. Returns false when it was
     * not silent (another sweep did it).
     */
    boolean markHeard(AccountKey account, Instant lastDelivery);

    /**
     * What is known of one account's deliveries.
     *
     * @param watchedSince       when the watchdog first saw the account
     * @param lastDeliveryAt     the last recorded delivery, or null
     * @param previousDeliveryAt the one recorded before it, or null
     * @param longestGap         the longest usual gap learned between deliveries (ZERO: none yet)
     * @param silentSince        when the watchdog declared it silent; null while it is heard
     */
    record AccountWatch(Instant watchedSince, Instant lastDeliveryAt, Instant previousDeliveryAt, Duration longestGap,
                        Instant silentSince) {
        /** The last sign of life: the last delivery, or when watching began. */
        public Instant heardAt() {
            return lastDeliveryAt != null ? lastDeliveryAt : watchedSince;
        }
    }
}
