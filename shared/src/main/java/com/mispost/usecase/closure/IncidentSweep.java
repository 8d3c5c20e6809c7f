package com.mispost.usecase.closure;

import com.mispost.account.Account;
import com.mispost.account.AccountPolicy;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentAction;
import com.mispost.incident.IncidentState;
import com.mispost.incident.LifecyclePolicy;
import com.mispost.incident.StaffAction;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeComposer;
import com.mispost.post.AccountKey;
import com.mispost.post.ReactionCounts;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;
import com.mispost.store.PostStore;
import com.mispost.usecase.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.mispost.incident.IncidentState.*;

/**
 * The scheduled sweep over the incidents still open (the table's ACTIVE index, never a scan):
 * sends notices SNS refused earlier, escalates what nobody acknowledged, asks the post's author,
 * tells staff when reactions spike, and closes incidents that stayed quiet after the apology.
 * Every notice it writes is rationed in the table (one per incident and kind within a window),
 * so sweeps that overlap or run often never flood anyone.
 */
public final class IncidentSweep {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentSweep.class);
    /** The actor of what the sweep does, on the timeline. */
    public static final String ACTOR = "mispost";
    private static final Set<IncidentState> LIVE = EnumSet.of(OPEN, ACKNOWLEDGED, RESPONDING, MONITORING);
    private static final Duration ONCE = Duration.ofDays(3650);
    /**
     * A pending notice younger than this may still be on its way out from the function that wrote
     * it (longer than any function's timeout), so the sweep leaves it alone.
     */
    static final Duration RESEND_AFTER = Duration.ofSeconds(30);
    /** How long one sweep spends on incidents: the closure function's timeout is 15 s, and the watchdog comes after. */
    static final Duration BUDGET = Duration.ofSeconds(9);

    private final IncidentStore incidents;
    private final PostStore posts;
    private final AccountRegistry accounts;
    private final NoticeComposer notices;
    private final Outbox outbox;
    private final IncidentDesk desk;
    private final LifecyclePolicy policy;
    private final Watchdog watchdog;
    private final MetricsRecorder metrics;
    private final Clock clock;

    public IncidentSweep(IncidentStore incidents, PostStore posts, AccountRegistry accounts, NoticeComposer notices,
                         Outbox outbox, IncidentDesk desk, LifecyclePolicy policy, Watchdog watchdog,
                         MetricsRecorder metrics, Clock clock) {
        this.incidents = incidents;
        this.posts = posts;
        this.accounts = accounts;
        this.notices = notices;
        this.outbox = outbox;
        this.desk = desk;
        this.policy = policy;
        this.watchdog = watchdog;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What one sweep did, and what the watchdog found. */
    public record Report(int resent, int escalations, int authorQuestions, int spikes, int closed, int deferred,
                         Watchdog.Report watch) {
        public int total() {
            return resent + escalations + authorQuestions + spikes + closed + watch.silentNotices() + watch.heardNotices();
        }
    }

    public Report run() {
        long started = System.nanoTime();
        int resent = outbox.flush(clock.instant().minus(RESEND_AFTER));
        measureOutbox();
        int escalations = 0, questions = 0, spikes = 0, closed = 0;
        // In a new order each time, and within a budget: when there are more live incidents than one
        // sweep gets through, the rest are next minute's, and none is always last.
        List<Incident> live = new ArrayList<>(incidents.active());
        Collections.shuffle(live);
        Map<AccountKey, Optional<Account>> accountsSeen = new HashMap<>();
        Instant deadline = clock.instant().plus(BUDGET);
        int swept = 0;
        for (Incident incident : live) {
            if (clock.instant().isAfter(deadline)) {
                LOG.warn("sweep: {} of {} live incidents left for the next sweep (this one ran out of its {} s)",
                        live.size() - swept, live.size(), BUDGET.toSeconds());
                break;
            }
            swept++;
            try {
                Optional<Account> account = accountsSeen.computeIfAbsent(incident.post().key().account(), accounts::find);
                String name = account.map(Account::displayName).orElse(incident.post().accountId());
                AccountPolicy accountPolicy = account.map(Account::policy).orElse(AccountPolicy.DEFAULT);
                String linkBase = incidents.linkBase(incident.id()).orElseThrow();
                Instant now = clock.instant();
                if (escalate(incident, name, linkBase, now)) escalations++;
                if (askAuthor(incident, name, linkBase, now)) questions++;
                // The totals, the last arrival and the last two minutes: all the spike and the quiet close look at.
                ReactionCounts reactions = posts.recentReactions(incident.post().key(),
                        now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1)));
                if (spike(incident, name, accountPolicy, reactions, linkBase, now)) spikes++;
                if (closeWhenQuiet(incident, reactions, now)) closed++;
            } catch (RuntimeException e) {
                // One incident's trouble must not hold up the others; the next sweep tries it again.
                LOG.warn("sweep: incident {} skipped this time: {}", incident.id(), e.toString());
            }
        }
        Watchdog.Report watch = watchdog.run();
        metrics.record("SweepDuration", (System.nanoTime() - started) / 1_000_000.0, MetricsRecorder.Unit.MILLISECONDS, Map.of());
        return new Report(resent, escalations, questions, spikes, closed, live.size() - swept, watch);
    }

    /** What is still pending after the flush, and for how long: a notice stuck past two sweeps raises an alarm. */
    private void measureOutbox() {
        List<Notice> pending = incidents.pendingNotices();
        Instant now = clock.instant();
        long oldest = pending.stream().map(n -> Duration.between(n.createdAt(), now).toSeconds()).max(Long::compare).orElse(0L);
        metrics.record("PendingNotices", pending.size(), MetricsRecorder.Unit.COUNT, Map.of());
        metrics.record("OldestPendingNoticeSeconds", Math.max(0, oldest), MetricsRecorder.Unit.SECONDS, Map.of());
    }

    /** Unacknowledged past its severity's time: an escalation, then again each as long, up to the limit. */
    private boolean escalate(Incident incident, String account, String linkBase, Instant now) {
        if (incident.state() != OPEN) return false;
        Duration after = policy.escalateAfter(incident.assessment().severity());
        if (now.isBefore(incident.openedAt().plus(after))) return false;
        Notice notice = notices.escalation(incident, account, linkBase, now);
        TimelineEntry entry = new TimelineEntry(now, TimelineEvent.ESCALATED, ACTOR,
                "unacknowledged for " + NoticeComposer.since(incident.openedAt(), now));
        return rationed(incident, EnumSet.of(OPEN), entry, notice, after, policy.escalationLimit());
    }

    /** Where the post's author is known, ask them once whether they meant to post it to the brand. */
    private boolean askAuthor(Incident incident, String account, String linkBase, Instant now) {
        if (incident.post().author() == null || !(incident.state() == OPEN || incident.state() == ACKNOWLEDGED)) return false;
        Notice notice = notices.askAuthor(incident, account, linkBase, now);
        TimelineEntry entry = new TimelineEntry(now, TimelineEvent.AUTHOR_ASKED, ACTOR, incident.post().author());
        return rationed(incident, EnumSet.of(OPEN, ACKNOWLEDGED), entry, notice, ONCE, 1);
    }

    /** The pace of reactions in the current or the last whole minute crossed the account's threshold. */
    private boolean spike(Incident incident, String account, AccountPolicy accountPolicy, ReactionCounts reactions,
                          String linkBase, Instant now) {
        long pace = reactions.peakPerMinuteSince(now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1)));
        if (pace < accountPolicy.spikePerMinute()) return false;
        Notice notice = notices.spike(incident, account, reactions, pace, accountPolicy.spikePerMinute(), linkBase, now);
        TimelineEntry entry = new TimelineEntry(now, TimelineEvent.SPIKE, ACTOR, pace + " reactions a minute");
        return rationed(incident, LIVE, entry, notice, policy.spikeWindow(), Integer.MAX_VALUE);
    }

    /** After the apology, no reactions for the policy's time: close, with the summary. */
    private boolean closeWhenQuiet(Incident incident, ReactionCounts reactions, Instant now) {
        if (incident.state() != RESPONDING && incident.state() != MONITORING) return false;
        // From the apology (the latest, if it was reopened and approved again), not from the last action:
        // a repair after the apology does not restart the quiet time.
        Instant quietSince = incidents.timeline(incident.id()).stream()
                .filter(e -> e.event() == TimelineEvent.DRAFT_APPROVED)
                .map(TimelineEntry::at).max(Instant::compareTo).orElse(incident.updatedAt());
        Instant lastReaction = reactions.lastReactionAt();
        if (lastReaction != null && lastReaction.isAfter(quietSince)) quietSince = lastReaction;
        if (now.isBefore(quietSince.plus(policy.closeWhenQuiet()))) return false;
        IncidentDesk.Outcome outcome = desk.act(incident.id(), new StaffAction(IncidentAction.CLOSE, ACTOR,
                "closed automatically: no reactions for " + NoticeComposer.since(quietSince, now)
                        + " after the apology", null, null));
        return outcome.done();
    }

    private boolean rationed(Incident incident, Set<IncidentState> whileIn, TimelineEntry entry, Notice notice,
                             Duration window, int limit) {
        if (!incidents.noteRationed(incident.id(), whileIn, entry, notice, window, limit)) return false;
        outbox.send(notice);
        return true;
    }
}
