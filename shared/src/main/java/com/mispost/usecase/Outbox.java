package com.mispost.usecase;

import com.mispost.notify.Notice;
import com.mispost.notify.StaffNotifier;
import com.mispost.store.IncidentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends notices that are already safe in the table's outbox. A notice SNS refuses stays pending
 * and the scheduled sweep sends it later, so no notice is lost between a write and its publish.
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    /** How long a sender may hold a notice before another may send it (it died mid-send). */
    public static final Duration CLAIM_LEASE = Duration.ofSeconds(60);

    private final IncidentStore store;
    private final StaffNotifier notifier;
    private final Clock clock;

    public Outbox(IncidentStore store, StaffNotifier notifier, Clock clock) {
        this.store = store;
        this.notifier = notifier;
        this.clock = clock;
    }

    /**
     * Tries to send one notice now. Returns whether it went out from here; false when SNS refused
     * it (it stays pending) or another sender holds it (the sweep and an inline send racing).
     */
    public boolean send(Notice notice) {
        if (!store.claim(notice, clock.instant(), CLAIM_LEASE)) return false;
        try {
            notifier.publish(notice);
        } catch (StaffNotifier.NotDeliveredException e) {
            LOG.warn("notice {} ({}) for incident {} stays pending: {}", notice.id(), notice.kind().id(),
                    notice.incidentId(), e.getMessage());
            store.release(notice);
            return false;
        }
        store.markSent(notice);
        return true;
    }

    /**
     * Sends the pending notices written at or before {@code writtenBefore}, oldest first. Newer ones
     * are left to the writer, which is sending them right now: a flush that took them too would
     * send them twice. Returns how many went out.
     */
    public int flush(Instant writtenBefore) {
        int sent = 0;
        for (Notice n : store.pendingNotices()) {
            if (!n.createdAt().isAfter(writtenBefore) && send(n)) sent++;
        }
        return sent;
    }
}
