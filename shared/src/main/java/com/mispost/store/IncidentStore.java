package com.mispost.store;

import com.mispost.apology.ApologyDraft;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentAction;
import com.mispost.incident.IncidentState;
import com.mispost.incident.StaleStateException;
import com.mispost.incident.TimelineEntry;
import com.mispost.notify.Notice;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Incidents, their timelines, drafts and the outbox of staff notices. Every write that changes
 * an incident is conditional on the state it comes from and carries its notice in the same
 * transaction, so a notice is never lost and never sent for a change that did not happen.
 */
public interface IncidentStore {

    /**
     * Opens the incident with its first timeline entry and its alert in the outbox. Returns false
     * when an incident for that post already exists (nothing changes then).
     */
    boolean open(Incident incident, String linkBase, TimelineEntry opened, Notice alert);

    Optional<Incident> find(String incidentId);

    /** Which of these incidents exist: asked together (100 to a read), as intake does for a delivery's deletions. */
    Set<String> existing(Collection<String> incidentIds);

    /** The public base URL the incident's links are built on (recorded when it opened). */
    Optional<String> linkBase(String incidentId);

    /**
     * Moves the incident along the action's transition, if it is still in one of the action's
     * source states. {@code approvedDraft} is stored with an approval.
     *
     * @throws StaleStateException when the incident is not (or no longer) in a state the action may start from
     */
    Incident apply(String incidentId, IncidentAction action, TimelineEntry entry, String approvedDraft, Notice notice)
            throws StaleStateException;

    /** Appends to the timeline without a state change (a note, a repair step, a deletion). */
    void note(String incidentId, TimelineEntry entry, Notice noticeOrNull);

    /**
     * Appends to the timeline with a notice of one kind, only while the incident is in one of
     * {@code whileIn}, at most once within {@code window} and at most {@code limit} times in all.
     * The table keeps, per incident and kind, when the last such notice was written and how many
     * were; the write is conditional on them, so two sweeps running at once still send one.
     * Returns false (and writes nothing) when the notice is not due.
     */
    boolean noteRationed(String incidentId, Set<IncidentState> whileIn, TimelineEntry entry, Notice notice,
                         Duration window, int limit);

    List<TimelineEntry> timeline(String incidentId);

    /** Stores the drafts once per incident with their notice; false when drafts already exist. */
    boolean saveDrafts(String incidentId, List<ApologyDraft> drafts, Notice notice);

    List<ApologyDraft> drafts(String incidentId);

    /** Incidents not yet closed or dismissed. */
    List<Incident> active();

    /** Notices SNS has not accepted yet, oldest first. */
    List<Notice> pendingNotices();

    /**
     * Takes a pending notice for sending, so that the inline send and the scheduled sweep never
     * both publish it. A claim lapses after {@code lease} (a sender that died), after which the
     * notice can be claimed again. Returns false when someone else holds it or it was sent.
     */
    boolean claim(Notice notice, Instant now, Duration lease);

    /** Gives a claimed notice back (SNS refused it), for the next sweep. */
    void release(Notice notice);

    void markSent(Notice notice);

    /**
     * Takes a notice out of the outbox for good, as FAILED with why: SNS will never take it, or it
     * waited past the outbox's limit. It is never sent again; the timeline and a metric say so.
     */
    void markFailed(Notice notice, String why, Instant at);
}
