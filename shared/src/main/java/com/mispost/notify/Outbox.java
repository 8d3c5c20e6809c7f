package com.mispost.notify;

import com.mispost.store.IncidentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Sends notices that are already safe in the table's outbox. A notice SNS refuses stays pending
 * and the scheduled sweep sends it later, so no notice is lost between a write and its publish.
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final IncidentStore store;
    private final StaffNotifier notifier;

    public Outbox(IncidentStore store, StaffNotifier notifier) {
        this.store = store;
        this.notifier = notifier;
    }

    /** Tries to send one notice now. Returns whether it went out. */
    public boolean send(Notice notice) {
        try {
            notifier.publish(notice);
        } catch (StaffNotifier.NotDeliveredException e) {
            LOG.warn("notice {} ({}) for incident {} stays pending: {}", notice.id(), notice.kind(),
                    notice.incidentId(), e.getMessage());
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
