package com.mispost.usecase.closure;

import com.mispost.account.Account;
import com.mispost.account.AccountPolicy;
import com.mispost.apology.ApologyDesk;
import com.mispost.detection.Assessment;
import com.mispost.detection.Severity;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentState;
import com.mispost.incident.LifecyclePolicy;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.inmemory.InMemoryAccountRegistry;
import com.mispost.inmemory.InMemoryHeartbeats;
import com.mispost.inmemory.InMemoryIncidentStore;
import com.mispost.inmemory.InMemoryPostStore;
import com.mispost.inmemory.RecordingStaffNotifier;
import com.mispost.links.ActionLinks;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeComposer;
import com.mispost.notify.NoticeKind;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import com.mispost.time.SettableClock;
import com.mispost.usecase.Outbox;
import com.mispost.watch.SilencePolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The closure function's use cases on in-memory ports and a clock the test moves. */
final class ClosureWiring {
    static final Instant T0 = Instant.parse("2026-11-20T22:14:10Z");
    static final AccountKey BRAND = new AccountKey(Platform.X, "brand-1");
    static final LifecyclePolicy POLICY = LifecyclePolicy.of("critical=5m,high=10m,medium=30m,low=2h", 3, "10m", "30m");

    final SettableClock clock = new SettableClock(T0);
    final InMemoryIncidentStore incidents = new InMemoryIncidentStore();
    final InMemoryPostStore posts = new InMemoryPostStore(clock);
    final InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
    final RecordingStaffNotifier sns = new RecordingStaffNotifier();
    final ActionLinks links = new ActionLinks(name -> Optional.of("closure-test-link-key-0123"), Duration.ofDays(1));
    final NoticeComposer notices = new NoticeComposer(links);
    final Outbox outbox = new Outbox(incidents, sns, notices, MetricsRecorder.NONE, clock);
    final IncidentDesk desk = new IncidentDesk(incidents, posts, accounts, new ApologyDesk(), notices, outbox,
            MetricsRecorder.NONE, clock);
    final Watchdog watchdog = new Watchdog(accounts, new InMemoryHeartbeats(), notice -> { }, SilencePolicy.of(null, null),
            MetricsRecorder.NONE, clock);
    final IncidentSweep sweep = new IncidentSweep(incidents, posts, accounts, notices, outbox, desk, POLICY, watchdog,
            MetricsRecorder.NONE, clock);
    final IncidentPages pages = new IncidentPages(incidents, posts, accounts, desk, links, clock);

    ClosureWiring() {
        accounts.save(Account.watched(BRAND, "Harbour Lane Bakery").withPolicy(new AccountPolicy(0.5, Set.of(), Set.of(), 20)));
    }

    /** An incident opened now on a stored post, its alert sent. */
    Incident open(Severity severity, String author) {
        return open(new Assessment(0.8, severity, List.of(), "Capture it."), author);
    }

    /** An incident opened now on a stored post with this verdict, its alert sent. */
    Incident open(Assessment assessment, String author) {
        Post post = new Post(Platform.X, BRAND.accountId(), UUID.randomUUID().toString(), author,
                "finally friday, who's up for beers tonight", clock.instant(), "Twitter for iPhone", null, null, List.of(), "en", null);
        posts.savePost(post, "{}");
        Incident incident = Incident.open(post, assessment, clock.instant());
        Notice alert = notices.alert(incident, Account.watched(BRAND, "Harbour Lane Bakery"), "http://local", clock.instant());
        incidents.open(incident, "http://local", new TimelineEntry(clock.instant(), TimelineEvent.OPENED, "detector", null), alert);
        outbox.send(alert);
        return incident;
    }

    long events(Incident i, TimelineEvent event) {
        return incidents.timeline(i.id()).stream().filter(e -> e.event() == event).count();
    }

    IncidentState state(Incident i) {
        return incidents.find(i.id()).orElseThrow().state();
    }

    void react(Incident i, int n, Instant at) {
        for (int k = 0; k < n; k++) {
            posts.recordReaction(new Reaction(i.post().key(), k % 3 == 0 ? ReactionKind.REPLY : ReactionKind.LIKE,
                    UUID.randomUUID().toString(), at));
        }
    }

    /** The latest notice of that kind about the incident that reached staff. */
    Notice published(NoticeKind kind, Incident i) {
        return sns.published().stream().filter(n -> n.kind() == kind && n.incidentId().equals(i.id()))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + kind.id() + " notice for " + i.id()));
    }

    /** The exp and sig of a signed link, as the pages take them. */
    /** A request that shows nothing about where it came from. */
    static final IncidentPages.Requester ANYONE = IncidentPages.Requester.UNKNOWN;

    /** A link's query as the browser sends it: what follows the '?'. */
    static String rawQuery(String link) {
        return link.substring(link.indexOf('?') + 1);
    }

    /** A query as a browser sends it: {@code name=value&...}, values percent-encoded. */
    static String raw(Map<String, String> query) {
        StringBuilder out = new StringBuilder();
        query.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        return out.toString();
    }

    static Map<String, String> query(String link) {
        Matcher m = Pattern.compile("exp=(\\d+)&sig=([A-Za-z0-9_-]+)").matcher(link);
        if (!m.find()) throw new AssertionError("not a signed link: " + link);
        return new HashMap<>(Map.of("exp", m.group(1), "sig", m.group(2)));
    }
}
