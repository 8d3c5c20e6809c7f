package com.mispost.usecase.closure;

import com.mispost.account.Account;
import com.mispost.apology.ApologyDesk;
import com.mispost.crowd.Backlash;
import com.mispost.apology.ApologyDraft;
import com.mispost.apology.Approval;
import com.mispost.apology.DraftKind;
import com.mispost.apology.DraftRequest;
import com.mispost.apology.LintFinding;
import com.mispost.apology.Tone;
import com.mispost.apology.UnresolvedFindingsException;
import com.mispost.incident.AuthorAnswer;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentAction;
import com.mispost.incident.IncidentState;
import com.mispost.incident.Provenance;
import com.mispost.incident.StaffAction;
import com.mispost.incident.StaleStateException;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeComposer;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;
import com.mispost.store.PostStore;
import com.mispost.usecase.Outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
    private final ApologyDesk apologies;
    private final NoticeComposer notices;
    private final Outbox outbox;
    private final MetricsRecorder metrics;
    private final Clock clock;

    public IncidentDesk(IncidentStore incidents, PostStore posts, AccountRegistry accounts, ApologyDesk apologies,
                        NoticeComposer notices, Outbox outbox, MetricsRecorder metrics, Clock clock) {
        this.apologies = apologies;
        this.incidents = incidents;
        this.posts = posts;
        this.accounts = accounts;
        this.notices = notices;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Why an action was refused. */
    public enum Refusal {
        NO_SUCH_INCIDENT,
        /** Someone else acted first, or the incident is in a state the action cannot start from: nothing changed. */
        STALE_STATE,
        /** Something staff must add: a reason, a choice of draft, a fix to the apology's text. */
        INCOMPLETE
    }

    /** The outcome of an action: the incident after it, or why it was refused, with a message for people. */
    public record Outcome(Incident incident, Refusal refusal, String message) {
        static Outcome done(Incident incident) {
            return new Outcome(incident, null, null);
        }

        static Outcome refused(Incident incident, Refusal refusal, String message) {
            return new Outcome(incident, refusal, message);
        }

        public boolean done() {
            return refusal == null;
        }
    }

    public Outcome act(String incidentId, StaffAction request) {
        Optional<Incident> found = incidents.find(incidentId);
        if (found.isEmpty()) return Outcome.refused(null, Refusal.NO_SUCH_INCIDENT, "There is no incident " + incidentId + ".");
        Incident incident = found.get();
        IncidentAction action = request.action();
        if (!action.from().contains(incident.state())) {
            // The conditional write checks this again; asking first gives the same answer without a write.
            return Outcome.refused(incident, Refusal.STALE_STATE,
                    "Nothing changed: " + StaleStateException.describe(incident.state(), action) + ".");
        }
        if (action.needsReason() && request.detail() == null) {
            return Outcome.refused(incident, Refusal.INCOMPLETE, "Please give a reason to " + action.id() + " the incident.");
        }
        String account = accountName(incident);
        Instant now = clock.instant();
        String approved = null;
        TimelineEntry entry = new TimelineEntry(now, TimelineEvent.of(action), request.actor(), request.detail(), request.from());
        if (action == IncidentAction.APPROVE) {
            DraftRequest asked = DraftRequest.forIncident(incident.post(), incident.assessment(), account);
            // Staff's own text needs no stored draft: it is judged as an edit of the built-in one.
            String tone = request.tone() != null ? request.tone() : request.text() != null ? Tone.PLAIN.id() : null;
            List<ApologyDraft> stored = incidents.drafts(incidentId);
            Optional<ApologyDraft> chosen = (stored.isEmpty() && request.text() != null ? apologies.draft(asked) : stored)
                    .stream()
                    .filter(d -> d.kind() == DraftKind.POST && d.tone().id().equalsIgnoreCase(String.valueOf(tone)))
                    .findFirst();
            if (chosen.isEmpty()) {
                return Outcome.refused(incident, Refusal.INCOMPLETE, "Choose a draft to approve: plain, warm or formal.");
            }
            ApologyDraft draft = request.text() == null ? chosen.get() : apologies.edit(asked, chosen.get(), request.text());
            try {
                Approval approval = apologies.approve(asked, draft, request.actor(), now, request.detail());
                approved = approval.text();
                entry = new TimelineEntry(now, TimelineEvent.DRAFT_APPROVED, approval.approvedBy(), approval.describe(), request.from());
            } catch (UnresolvedFindingsException e) {
                return Outcome.refused(incident, Refusal.INCOMPLETE, "The apology has linter findings; fix the text or give a reason to approve it anyway: "
                        + String.join("; ", e.findings().stream().map(LintFinding::line).toList()));
            }
        }
        if (action == IncidentAction.CLOSE && incident.approvedDraft() == null && request.detail() == null
                && incident.state() != IncidentState.MONITORING) {
            return Outcome.refused(incident, Refusal.INCOMPLETE, "Closing without an approved apology needs a reason.");
        }
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
            measure(action, incident, now);
            if (action == IncidentAction.DISMISS) learnFromDismissal(incident);
            return Outcome.done(after);
        } catch (StaleStateException e) {
            return Outcome.refused(incident, Refusal.STALE_STATE, "Nothing changed: " + e.getMessage() + ".");
        }
    }

    /** Acknowledgements and how long staff took, and dismissals (false positives), by severity. */
    private void measure(IncidentAction action, Incident incident, Instant now) {
        Map<String, String> severity = Map.of("severity", incident.assessment().severity().id());
        if (action == IncidentAction.ACKNOWLEDGE) {
            metrics.count("Acknowledgements", severity);
            metrics.record("SecondsToAcknowledge", Duration.between(incident.openedAt(), now).toMillis() / 1000.0,
                    MetricsRecorder.Unit.SECONDS, severity);
        } else if (action == IncidentAction.DISMISS) {
            metrics.count("Dismissals", severity);
        }
    }

    /**
     * A false positive feeds back into the account: the terms that counted against the post are
     * allowed from now on, and the post teaches the account's voice like any accepted post.
     */
    private void learnFromDismissal(Incident incident) {
        // An alert from the crowd judged the replies, not the post: its words passed and were learned then.
        if (Backlash.isCrowds(incident.assessment())) return;
        accounts.find(incident.post().key().account()).ifPresent(account -> {
            accounts.save(account.withPolicy(account.policy().allowing(incident.assessment().contentTerms())));
            // Its score counts among the account's own: a false positive is what calibration must learn from.
            accounts.learn(account.key(), incident.post(), incident.assessment().score());
        });
    }

    /**
     * The post's author answers the question whether they meant to post it to the brand: a denial
     * dismisses the incident (with the author as the actor), a confirmation goes on the timeline once.
     * {@code from} is where the answer came from (whoever holds the link can answer), or null.
     */
    public Outcome answerFromAuthor(String incidentId, AuthorAnswer answer, Provenance from) {
        Optional<Incident> found = incidents.find(incidentId);
        if (found.isEmpty()) return Outcome.refused(null, Refusal.NO_SUCH_INCIDENT, "There is no incident " + incidentId + ".");
        Incident incident = found.get();
        String author = incident.post().author() == null ? "the author" : incident.post().author();
        if (answer == AuthorAnswer.DENY) {
            return act(incidentId, new StaffAction(IncidentAction.DISMISS, author, AuthorAnswer.DENIAL_REASON, null, null, from));
        }
        Instant now = clock.instant();
        TimelineEntry entry = new TimelineEntry(now, TimelineEvent.AUTHOR_CONFIRMED, author, "it was meant for their own account", from);
        Notice notice = notices.changed(incident, accountName(incident), entry, incidents.linkBase(incidentId).orElseThrow(), now);
        Set<IncidentState> live = EnumSet.complementOf(EnumSet.of(IncidentState.CLOSED, IncidentState.DISMISSED));
        if (!incidents.noteRationed(incidentId, live, entry, notice, Duration.ofDays(3650), 1)) {
            return Outcome.refused(incident, Refusal.STALE_STATE, "Nothing changed: the answer was recorded before, or the incident has ended.");
        }
        outbox.send(notice);
        return Outcome.done(incident);
    }

    private String accountName(Incident incident) {
        return accounts.find(incident.post().key().account()).map(Account::displayName)
                .orElse(incident.post().accountId());
    }
}
