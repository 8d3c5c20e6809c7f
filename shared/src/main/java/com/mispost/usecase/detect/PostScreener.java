package com.mispost.usecase.detect;

import com.mispost.account.Account;
import com.mispost.crowd.Backlash;
import com.mispost.crowd.CrowdReading;
import com.mispost.detection.Assessment;
import com.mispost.detection.DeploymentPrior;
import com.mispost.detection.MispostDetector;
import com.mispost.detection.VoiceProfile;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentIds;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeComposer;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;
import com.mispost.store.PostStore;
import com.mispost.store.StreamedReaction;
import com.mispost.usecase.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Screens each new post of a watched account: scores it against the account's voice and policy,
 * opens an incident and alerts staff when it looks like a mispost, and otherwise learns from it;
 * and, as replies arrive, screens it again by what the crowd says of it.
 */
public final class PostScreener {
    private static final Logger LOG = LoggerFactory.getLogger(PostScreener.class);

    private final MispostDetector detector;
    private final AccountRegistry accounts;
    private final PostStore posts;
    private final IncidentStore incidents;
    private final NoticeComposer notices;
    private final Outbox outbox;
    private final String linkBase;
    private final MetricsRecorder metrics;
    private final Clock clock;

    public PostScreener(MispostDetector detector, AccountRegistry accounts, PostStore posts, IncidentStore incidents,
                        NoticeComposer notices, Outbox outbox, String linkBase, MetricsRecorder metrics, Clock clock) {
        this.detector = detector;
        this.accounts = accounts;
        this.posts = posts;
        this.incidents = incidents;
        this.notices = notices;
        this.outbox = outbox;
        this.linkBase = linkBase;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Screens one stored post. Safe to call again for the same post: one incident, one alert. */
    public Optional<Incident> screen(Post post) {
        Optional<Account> found = accounts.find(post.key().account());
        if (found.isEmpty()) return Optional.empty();
        Account account = found.get();
        VoiceProfile voice = accounts.voice(account.key());
        DeploymentPrior deployment = accounts.deploymentPrior();
        Assessment assessment = detector.assess(post, account, voice, accounts.publicVoice(account.key()), deployment);
        metrics.count("PostsScreened", Map.of("platform", post.platform().id()));
        if (!posts.saveAssessment(post.key(), assessment)) {
            LOG.warn("post {} is not in the table (a stream record of a write that did not happen); skipped", post.key());
            return Optional.empty();
        }
        if (!assessment.alerts(voice.alertThreshold(account.policy().alertThreshold(), deployment))) {
            if (!accounts.learn(account.key(), post, assessment.score())) {
                LOG.warn("the voice of {} was not updated (busy account); it learns from the next post", account.key());
            }
            return Optional.empty();
        }
        return Optional.of(open(post, account, assessment, "detector", "", post.createdAt()));
    }

    /**
     * Reads the crowd's replies to a stored post that has no incident: when they have turned against
     * it (see {@link CrowdReading}), opens an incident with the replies as evidence, so a post whose
     * words passed still alerts. A post with an incident is left alone: staff are on it (or dismissed it).
     * An account raises at most {@link CrowdReading#ALERTS_PER_WINDOW} crowd alerts within
     * {@link CrowdReading#ALERT_WINDOW}: beyond them a backlash is grouped onto the latest one's
     * timeline, once per post, so that a crowd driven against many posts pages staff a bounded number of times.
     */
    public Optional<Incident> screenCrowd(PostKey key) {
        if (incidents.find(IncidentIds.forPost(key)).isPresent()) return Optional.empty();
        Optional<Account> account = accounts.find(key.account());
        Optional<Post> post = account.isEmpty() ? Optional.empty() : posts.findPost(key);
        if (post.isEmpty()) return Optional.empty();
        Instant now = clock.instant();
        Backlash backlash = CrowdReading.read(posts.replies(key, CrowdReading.NEWEST), Duration.between(post.get().createdAt(), now));
        if (!backlash.alerts()) return Optional.empty();
        String turned = String.format(Locale.ROOT, "%d of %d replies turned, ", backlash.turned().size(), backlash.read());
        Optional<Incident> groupedOnto = crowdAlertsWithinWindow(key, now);
        if (groupedOnto.isPresent()) {
            group(groupedOnto.get(), post.get(), turned + backlash.severity().id(), now);
            return Optional.empty();
        }
        Assessment assessment = backlash.assessment(posts.reactionCounts(key).peakPerMinute(),
                account.get().policy().spikePerMinute());
        // No post-to-alert time: the crowd takes its time to turn, and that number measures the detector.
        return Optional.of(open(post.get(), account.get(), assessment, "crowd", turned, null));
    }

    /** The account's latest crowd incident when it already has its share of crowd alerts within the window. */
    private Optional<Incident> crowdAlertsWithinWindow(PostKey key, Instant now) {
        Instant since = now.minus(CrowdReading.ALERT_WINDOW);
        List<Incident> recent = incidents.active().stream()
                .filter(i -> i.post().key().account().equals(key.account()) && i.openedAt().isAfter(since)
                        && Backlash.isCrowds(i.assessment()))
                .sorted(Comparator.comparing(Incident::openedAt).reversed())
                .toList();
        return recent.size() >= CrowdReading.ALERTS_PER_WINDOW ? Optional.of(recent.get(0)) : Optional.empty();
    }

    /** Notes another post's backlash on an incident's timeline (once per post), without a notice. */
    private void group(Incident onto, Post post, String what, Instant now) {
        String detail = "post " + post.key().postId() + " also drew a backlash: " + what;
        boolean noted = incidents.timeline(onto.id()).stream().anyMatch(e -> e.event() == TimelineEvent.CROWD_GROUPED
                && e.detail() != null && e.detail().startsWith("post " + post.key().postId() + " "));
        if (noted) return;
        incidents.note(onto.id(), new TimelineEntry(now, TimelineEvent.CROWD_GROUPED, "crowd", detail), null);
        metrics.count("CrowdAlertsGrouped", Map.of("platform", post.platform().id()));
        LOG.info("crowd alert for post {} grouped onto incident {}: the account had {} crowd alerts within {}",
                post.key(), onto.id(), CrowdReading.ALERTS_PER_WINDOW, CrowdReading.ALERT_WINDOW);
    }

    /**
     * Adds the reactions recorded since the last batch to their posts' counts. Detect does it
     * because it already reads the table's stream: DynamoDB serves each stream shard to two readers
     * at most, and apology is the other.
     */
    public void count(List<StreamedReaction> seen) {
        posts.countReactions(seen);
    }

    /** Opens the post's incident with its alert in one write (once per post), then sends the alert. */
    private Incident open(Post post, Account account, Assessment assessment, String by, String what, Instant since) {
        Instant now = clock.instant();
        Incident incident = Incident.open(post, assessment, now);
        Notice alert = notices.alert(incident, account, linkBase, now);
        TimelineEntry opened = new TimelineEntry(now, TimelineEvent.OPENED, by, String.format(Locale.ROOT,
                "%s%s, score %.2f", what, assessment.severity().id(), assessment.score()));
        if (incidents.open(incident, linkBase, opened, alert)) {
            LOG.info("incident {} opened by the {} for post {} ({}, score {})", incident.id(), by, post.key(),
                    assessment.severity().id(), String.format(Locale.ROOT, "%.2f", assessment.score()));
            alerted(incident, since, now);
            outbox.send(alert);
        }
        return incident;
    }

    /**
     * Screens an edit of a stored post. On a post with an incident, the new verdict goes on the
     * incident's timeline and staff are told; otherwise an edit that now looks like a mispost
     * opens an incident like a new post would. Edits do not teach the account's voice.
     */
    public Optional<Incident> screenEdit(Post edited, Instant editedAt) {
        Optional<Account> found = accounts.find(edited.key().account());
        if (found.isEmpty()) return Optional.empty();
        Account account = found.get();
        VoiceProfile voice = accounts.voice(account.key());
        DeploymentPrior deployment = accounts.deploymentPrior();
        Assessment assessment = detector.assess(edited, account, voice, accounts.publicVoice(account.key()), deployment);
        Optional<Incident> existing = incidents.find(IncidentIds.forPost(edited.key()));
        Instant now = clock.instant();
        if (existing.isPresent()) {
            Incident incident = existing.get();
            TimelineEntry entry = new TimelineEntry(editedAt, TimelineEvent.POST_EDITED, edited.platform().id(), String.format(Locale.ROOT,
                    "edited on the platform; the edited text scores %.2f (%s)", assessment.score(), assessment.severity().id()));
            Notice notice = notices.changed(incident, account.displayName(), entry, linkBase, now);
            incidents.note(incident.id(), entry, notice);
            outbox.send(notice);
            return existing;
        }
        if (!assessment.alerts(voice.alertThreshold(account.policy().alertThreshold(), deployment))) return Optional.empty();
        return Optional.of(open(edited, account, assessment, "detector", "after an edit: ", editedAt));
    }

    /** An alert is written: by severity, and how long after the post (the number that matters most). */
    private void alerted(Incident incident, Instant postedAt, Instant now) {
        metrics.count("Alerts", Map.of("severity", incident.assessment().severity().id()));
        if (postedAt != null && !postedAt.isAfter(now)) {
            metrics.record("SecondsFromPostToAlert", Duration.between(postedAt, now).toMillis() / 1000.0,
                    MetricsRecorder.Unit.SECONDS, Map.of());
        }
    }
}
