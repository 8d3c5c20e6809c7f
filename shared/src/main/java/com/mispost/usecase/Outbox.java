package com.mispost.usecase;

import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeComposer;
import com.mispost.notify.StaffNotifier;
import com.mispost.store.IncidentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Sends notices that are already safe in the table's outbox. A notice SNS refuses for now stays
 * pending and the scheduled sweep sends it later, so no notice is lost between a write and its
 * publish. Nothing is retried for ever: a notice SNS will never take as it is (a permanent
 * refusal), or one still refused {@link #GIVE_UP_AFTER} after it was written, is marked FAILED,
 * noted on the incident's timeline, counted ({@value #FAILED_METRIC}, which raises an alarm), and
 * its short form (what happened and the incident page) goes out in its place.
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    /** How long a sender may hold a notice before another may send it (it died mid-send). */
    public static final Duration CLAIM_LEASE = Duration.ofSeconds(60);
    /**
     * How long a notice may wait for SNS to take it. An alert this late no longer helps anyone, and
     * ops have had the PendingNoticesAlarm for hours: the rest is theirs, through NoticesFailedAlarm.
     */
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(6);
    /** The metric counting notices taken out of the outbox unsent (dimensions: Refusal, Kind). */
    public static final String FAILED_METRIC = "NoticesFailed";
    /** The timeline's actor for what the outbox does. */
    static final String ACTOR = "mispost";

    private final IncidentStore store;
    private final StaffNotifier notifier;
    private final NoticeComposer composer;
    private final MetricsRecorder metrics;
    private final Clock clock;

    public Outbox(IncidentStore store, StaffNotifier notifier, NoticeComposer composer, MetricsRecorder metrics, Clock clock) {
        this.store = store;
        this.notifier = notifier;
        this.composer = composer;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Tries to send one notice now. Returns whether it went out from here; false when SNS refused
     * it (it stays pending, or failed for good), or another sender holds it (the sweep and an inline
     * send racing).
     */
    public boolean send(Notice notice) {
        Instant now = clock.instant();
        if (!store.claim(notice, now, CLAIM_LEASE)) return false;
        try {
            notifier.publish(notice);
        } catch (StaffNotifier.NotDeliveredException e) {
            if (e.permanent()) {
                fail(notice, "refused", "SNS will not take it as it is: " + e.getMessage(), now);
            } else if (!now.isBefore(notice.createdAt().plus(GIVE_UP_AFTER))) {
                fail(notice, "expired", "SNS kept refusing it for " + NoticeComposer.since(notice.createdAt(), now)
                        + ": " + e.getMessage(), now);
            } else {
                LOG.warn("notice {} ({}) for incident {} stays pending: {}", notice.id(), notice.kind().id(),
                        notice.incidentId(), e.getMessage());
                store.release(notice);
            }
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

    /** Out of the outbox for good: recorded, counted, and its short form sent instead (never a short form's). */
    private void fail(Notice notice, String refusal, String why, Instant now) {
        LOG.error("notice {} ({}) for incident {} failed for good ({}): {}", notice.id(), notice.kind().id(),
                notice.incidentId(), refusal, why);
        store.markFailed(notice, why, now);
        metrics.count(FAILED_METRIC, Map.of("Refusal", refusal, "Kind", notice.kind().id()));
        Notice shortForm = NoticeComposer.isShortForm(notice) ? null
                : composer.shortForm(notice, store.linkBase(notice.incidentId()).orElse(""), why, now);
        store.note(notice.incidentId(), new TimelineEntry(now, TimelineEvent.NOTICE_FAILED, ACTOR,
                "the " + notice.kind().id() + " notice was not sent (" + refusal + ")"
                        + (shortForm == null ? "" : "; its short form was sent instead")), shortForm);
        if (shortForm != null) send(shortForm);
    }
}
