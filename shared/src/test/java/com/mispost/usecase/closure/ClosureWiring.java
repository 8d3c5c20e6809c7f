package com.mispost.usecase.closure;

import com.mispost.account.Account;
import com.mispost.apology.ApologyDesk;
import com.mispost.detection.Assessment;
import com.mispost.detection.Severity;
import com.mispost.incident.Incident;
import com.mispost.incident.LifecyclePolicy;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.inmemory.InMemoryAccountRegistry;
import com.mispost.inmemory.InMemoryIncidentStore;
import com.mispost.inmemory.InMemoryPostStore;
import com.mispost.inmemory.RecordingStaffNotifier;
import com.mispost.inmemory.SettableClock;
import com.mispost.links.ActionLinks;
import com.mispost.notify.NoticeComposer;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.usecase.Outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
    final ActionLinks links = new ActionLinks("closure-test-link-key-0123", Duration.ofDays(1));
    final NoticeComposer notices = new NoticeComposer(links);
    final Outbox outbox = new Outbox(incidents, sns, clock);
    final IncidentDesk desk = new IncidentDesk(incidents, posts, accounts, new ApologyDesk(), notices, outbox, clock);
    final IncidentSweep sweep = new IncidentSweep(incidents, posts, accounts, notices, outbox, desk, POLICY, clock);
    final IncidentPages pages = new IncidentPages(incidents, posts, accounts, desk, links, clock);

    ClosureWiring() {
        accounts.save(Account.watched(BRAND, "Harbour Lane Bakery"));
    }

    /** An incident opened now on a stored post, its alert sent. */
    Incident open(String postId) {
        Post post = new Post(Platform.X, BRAND.accountId(), postId, null, "finally friday, who's up for beers tonight",
                clock.instant(), "Twitter for iPhone", null, null, List.of(), "en", null);
        posts.savePost(post, "{}");
        Incident incident = Incident.open(post, new Assessment(0.8, Severity.MEDIUM, List.of(), "Capture it."), clock.instant());
        incidents.open(incident, "http://local", new TimelineEntry(clock.instant(), TimelineEvent.OPENED, "detector", null),
                notices.alert(incident, Account.watched(BRAND, "Harbour Lane Bakery"), "http://local", clock.instant()));
        return incident;
    }
}
