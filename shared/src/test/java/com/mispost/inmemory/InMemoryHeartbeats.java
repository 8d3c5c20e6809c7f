package com.mispost.inmemory;

import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.store.Heartbeats;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link Heartbeats} in maps, with the table's conditions (coarse writes, one sweep marks silent or heard). */
public final class InMemoryHeartbeats implements Heartbeats {
    private final Map<AccountKey, AccountWatch> watches = new HashMap<>();
    private final Map<Platform, Instant> handshakes = new EnumMap<>(Platform.class);

    @Override
    public synchronized void delivered(Collection<AccountKey> accounts, Instant at, Duration coarseness) {
        for (AccountKey account : accounts) record(account, at, coarseness);
    }

    private void record(AccountKey account, Instant at, Duration coarseness) {
        AccountWatch w = watches.getOrDefault(account, new AccountWatch(at, null, null, Duration.ZERO, null));
        if (w.lastDeliveryAt() != null && w.lastDeliveryAt().isAfter(at.minus(coarseness))) return;
        watches.put(account, new AccountWatch(w.watchedSince(), at, w.lastDeliveryAt(), w.longestGap(), w.silentSince()));
    }

    @Override
    public synchronized void handshook(Platform platform, Instant at, Duration coarseness) {
        Instant last = handshakes.get(platform);
        if (last == null || !last.isAfter(at.minus(coarseness))) handshakes.put(platform, at);
    }

    /** The accounts with a watch: those a delivery was recorded for, or the watchdog looked at. */
    public synchronized java.util.Set<AccountKey> watched() {
        return java.util.Set.copyOf(watches.keySet());
    }

    @Override
    public synchronized Optional<Instant> lastHandshake(Platform platform) {
        return Optional.ofNullable(handshakes.get(platform));
    }

    @Override
    public synchronized AccountWatch watch(AccountKey account, Instant now) {
        return watches.computeIfAbsent(account, k -> new AccountWatch(now, null, null, Duration.ZERO, null));
    }

    @Override
    public synchronized void learnGap(AccountKey account, Duration gap) {
        AccountWatch w = watches.get(account);
        if (w != null && gap.compareTo(w.longestGap()) > 0) {
            watches.put(account, new AccountWatch(w.watchedSince(), w.lastDeliveryAt(), w.previousDeliveryAt(), gap, w.silentSince()));
        }
    }

    @Override
    public synchronized boolean markSilent(AccountKey account, Instant since, Instant lastSeen) {
        AccountWatch w = watches.get(account);
        if (w == null || w.silentSince() != null || !w.heardAt().equals(lastSeen)) return false;
        watches.put(account, new AccountWatch(w.watchedSince(), w.lastDeliveryAt(), w.previousDeliveryAt(), w.longestGap(), since));
        return true;
    }

    @Override
    public synchronized boolean markHeard(AccountKey account, Instant lastDelivery) {
        AccountWatch w = watches.get(account);
        if (w == null || w.silentSince() == null) return false;
        // The silence itself is not a usual gap: forget the delivery before it.
        Instant previous = lastDelivery != null ? null : w.previousDeliveryAt();
        watches.put(account, new AccountWatch(w.watchedSince(), w.lastDeliveryAt(), previous, w.longestGap(), null));
        return true;
    }
}
