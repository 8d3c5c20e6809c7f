package com.mispost.incident;

import com.mispost.account.Account;
import com.mispost.apology.ApologyDraft;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeComposer;
import com.mispost.notify.Outbox;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;
import com.mispost.store.PostStore;
import com.mispost.store.StaleStateException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out what staff decide (acknowledge, dismiss, approve, repair, close, reopen) and what
 * the post's author answers. Every change is conditional on the state it comes from, goes on the timeline
 * and tells staff through the outbox.
 */
public final class IncidentDesk {
    private final IncidentStore incidents;
    private final PostStore posts;
    private final AccountRegistry accounts;
    private final NoticeComposer notices;
    private final Outbox outbox;
    private final Clock clock;

    public IncidentDesk(IncidentStore incidents, PostStore posts, AccountRegistry accounts, NoticeComposer notices,
                        Outbox outbox, Clock clock) {
        this.incidents = incidents;
        this.posts = posts;
        this.accounts = accounts;
        this.notices = notices;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The outcome of an action: the incident after it, or why it was refused (for people). */
    public record Outcome(Incident incident, String refusal) {
        public boolean done() {
            return refusal == null;
        }
    }

    public Outcome act(String incidentId, StaffAction request) {
        Optional<Incident> found = incidents.find(incidentId);
        if (found.isEmpty()) return new Outcome(null, "There is no incident " + incidentId + ".");
        Incident incident = found.get();
        IncidentAction action = request.action();
        if (action.needsReason() && request.detail() == null) {
            return new Outcome(incident, "Please give a reason to " + action.id() + " the incident.");
        }
        String approved = null;
        if (action == IncidentAction.APPROVE) {
            approved = request.text() != null ? request.text() : draftText(incidentId, request.tone());
            if (approved == null) {
                return new Outcome(incident, "Choose a draft to approve (plain, warm or formal) or give the text.");
            }
        }
        if (action == IncidentAction.CLOSE && incident.approvedDraft() == null && request.detail() == null
                && incident.state() != IncidentState.MONITORING) {
            return new Outcome(incident, "Closing without an approved apology needs a reason.");
        }
        Instant now = clock.instant();
        String detail = action == IncidentAction.APPROVE ? approved : request.detail();
        TimelineEntry entry = new TimelineEntry(now, eventName(action), request.actor(), detail);
        String account = accountName(incident);
        String linkBase = incidents.linkBase(incidentId).orElseThrow();
        Notice notice;
        if (action == IncidentAction.CLOSE) {
            List<TimelineEntry> timeline = new ArrayList<>(incidents.timeline(incidentId));
            timeline.add(entry);
            Incident closing = new Incident(incident.id(), incident.post(), incident.assessment(), IncidentState.CLOSED,
                    incident.openedAt(), now, incident.approvedDraft());
            notice = notices.closed(closing, account, timeline, posts.reactionCounts(incident.post().key()), now);
        } else {
            notice = notices.changed(incident, account, entry, linkBase, now);
        }
        try {
            Incident after = incidents.apply(incidentId, action, entry, approved, notice);
            outbox.send(notice);
            return new Outcome(after, null);
        } catch (StaleStateException e) {
            return new Outcome(incident, "Nothing changed: " + e.getMessage() + ".");
        }
    }

    /**
     * The post's author answers the question whether they meant to post it to the brand: a denial
     * dismisses the incident (with the author as the actor), a confirmation goes on the timeline once.
     */
    public Outcome answerFromAuthor(String incidentId, AuthorAnswer answer) {
        Optional<Incident> found = incidents.find(incidentId);
        if (found.isEmpty()) return new Outcome(null, "There is no incident " + incidentId + ".");
        Incident incident = found.get();
        String author = incident.post().author() == null ? "the author" : incident.post().author();
        if (answer == AuthorAnswer.DENY) {
            return act(incidentId, new StaffAction(IncidentAction.DISMISS, author, AuthorAnswer.DENIAL_REASON, null, null));
        }
        Instant now = clock.instant();
        TimelineEntry entry = new TimelineEntry(now, "author-confirmed", author, "it was meant for their own account");
        Notice notice = notices.changed(incident, accountName(incident), entry, incidents.linkBase(incidentId).orElseThrow(), now);
        Set<IncidentState> live = EnumSet.complementOf(EnumSet.of(IncidentState.CLOSED, IncidentState.DISMISSED));
        if (!incidents.noteRationed(incidentId, live, entry, notice, Duration.ofDays(3650), 1)) {
            return new Outcome(incident, "Nothing changed: the answer was recorded before, or the incident has ended.");
        }
        outbox.send(notice);
        return new Outcome(incident, null);
    }

    private String draftText(String incidentId, String tone) {
        if (tone == null) return null;
        return incidents.drafts(incidentId).stream().filter(d -> d.tone().id().equalsIgnoreCase(tone))
                .map(ApologyDraft::text).findFirst().orElse(null);
    }

    private String accountName(Incident incident) {
        return accounts.find(incident.post().key().account()).map(Account::displayName)
                .orElse(incident.post().accountId());
    }

    static String eventName(IncidentAction action) {
        return switch (action) {
            case ACKNOWLEDGE -> "acknowledged";
            case DISMISS -> "dismissed";
            case APPROVE -> "approved";
            case REPAIR -> "repair";
            case CLOSE -> "closed";
            case REOPEN -> "reopened";
        };
    }
}
