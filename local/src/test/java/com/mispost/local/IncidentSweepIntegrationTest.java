package com.mispost.local;

import com.mispost.time.SettableClock;
import com.mispost.account.Account;
import com.mispost.account.AccountPolicy;
import com.mispost.detection.Assessment;
import com.mispost.detection.Severity;
import com.mispost.incident.Incident;
import com.mispost.incident.LifecyclePolicy;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.time.SettableClock;
import com.mispost.links.ActionLinks;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeComposer;
import com.mispost.notify.NoticeKind;
import com.mispost.notify.sns.SnsStaffNotifier;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.store.dynamodb.DynamoDbHeartbeats;
import com.mispost.store.dynamodb.DynamoDbIncidentStore;
import com.mispost.store.dynamodb.DynamoDbPostStore;
import com.mispost.usecase.Outbox;
import com.mispost.usecase.closure.IncidentDesk;
import com.mispost.usecase.closure.IncidentSweep;
import com.mispost.watch.SilencePolicy;
import com.mispost.usecase.closure.Watchdog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled sweep against moto's DynamoDB, SNS and SQS, on a clock the test moves: what only the
 * real services can show. Sweeps running at once still send one notice per window, because the
 * table's conditional write decides; an escalation the SNS adapter cannot deliver stays pending and
 * a later sweep sends it. The sweep's rules themselves are tested on in-memory ports in shared
 * (IncidentSweepTest, IncidentDeskTest). Each test has a fresh table, because the sweep looks at
 * every active incident.
 */
class IncidentSweepIntegrationTest {
    private static final AccountKey BRAND = new AccountKey(Platform.X, "brand-sweep");
    private static final Instant T0 = Instant.parse("2026-11-20T22:14:10Z");
    private static final LifecyclePolicy POLICY = LifecyclePolicy.of("critical=5m,high=10m,medium=30m,low=2h", 3, "10m", "30m");

    private LocalAws aws;
    private StaffInbox inbox;
    private Thread inboxThread;
    private SettableClock clock;
    private DynamoDbIncidentStore incidents;
    private DynamoDbPostStore posts;
    private ActionLinks links;
    private NoticeComposer notices;
    private Outbox outbox;
    private IncidentDesk desk;
    private Watchdog watchdog;
    private IncidentSweep sweep;

    @BeforeEach
    void wire() {
        aws = Moto.provisioned();
        inbox = new StaffInbox(aws.sqs, aws.inboxQueueUrl);
        inboxThread = new Thread(inbox);
        inboxThread.start();
        clock = new SettableClock(T0);
        incidents = new DynamoDbIncidentStore(aws.dynamo, aws.tableName);
        posts = new DynamoDbPostStore(aws.dynamo, aws.tableName, clock);
        var accounts = new DynamoDbAccountRegistry(aws.dynamo, aws.tableName);
        accounts.save(Account.watched(BRAND, "Harbour Lane Bakery")
                .withPolicy(new AccountPolicy(0.5, Set.of(), Set.of(), 20)));
        links = new ActionLinks(name -> java.util.Optional.of("sweep-test-link-key-0123"), Duration.ofDays(1));
        notices = new NoticeComposer(links);
        outbox = new Outbox(incidents, new SnsStaffNotifier(aws.sns, aws.topicArn), notices, MetricsRecorder.NONE, clock);
        desk = new IncidentDesk(incidents, posts, accounts, new com.mispost.apology.ApologyDesk(), notices, outbox,
                MetricsRecorder.NONE, clock);
        watchdog = new Watchdog(accounts, new DynamoDbHeartbeats(aws.dynamo, aws.tableName), notice -> { },
                SilencePolicy.of(null, null), MetricsRecorder.NONE, clock);
        sweep = new IncidentSweep(incidents, posts, accounts, notices, outbox, desk, POLICY, watchdog, MetricsRecorder.NONE, clock);
    }

    @AfterEach
    void close() throws Exception {
        inbox.stop();
        inboxThread.join(3000);
        aws.close();
    }

    private Incident open(Severity severity, String author) {
        Post p = new Post(Platform.X, BRAND.accountId(), UUID.randomUUID().toString(), author,
                "finally friday, who's up for beers tonight", clock.instant(), "Twitter for iPhone", null, null, List.of(),
                "en", null);
        posts.savePost(p, "{}");
        Incident i = Incident.open(p, new Assessment(0.8, severity, List.of(), "Capture it."), clock.instant());
        Notice alert = notices.alert(i, Account.watched(BRAND, "Harbour Lane Bakery"), "http://local", clock.instant());
        assertThat(incidents.open(i, "http://local", new TimelineEntry(clock.instant(), TimelineEvent.OPENED, "detector", null), alert)).isTrue();
        assertThat(outbox.send(alert)).isTrue();
        return i;
    }

    private long events(Incident i, TimelineEvent event) {
        return incidents.timeline(i.id()).stream().filter(e -> e.event() == event).count();
    }

    @Test
    void sweepsRunningAtOnceStillSendOneNoticePerWindowBecauseTheTableDecides() throws Exception {
        Incident i = open(Severity.HIGH, null);
        clock.set(T0.plus(Duration.ofMinutes(10)));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Callable<IncidentSweep.Report>> jobs = new ArrayList<>();
        for (int k = 0; k < 6; k++) jobs.add(sweep::run);
        int escalations = 0;
        for (Future<IncidentSweep.Report> f : pool.invokeAll(jobs)) escalations += f.get().escalations();
        pool.shutdown();
        assertThat(escalations).isEqualTo(1);
        assertThat(events(i, TimelineEvent.ESCALATED)).isEqualTo(1);
        assertThat(incidents.pendingNotices()).isEmpty();
    }

    @Test
    void anEscalationSnsRefusesStaysPendingAndALaterSweepSendsItOnce() {
        Incident i = open(Severity.CRITICAL, null);
        var accounts = new DynamoDbAccountRegistry(aws.dynamo, aws.tableName);
        Outbox broken = new Outbox(incidents, new SnsStaffNotifier(aws.sns, aws.topicArn + "-gone"), notices, MetricsRecorder.NONE, clock);
        IncidentSweep failing = new IncidentSweep(incidents, posts, accounts, notices, broken, desk, POLICY, watchdog,
                MetricsRecorder.NONE, clock);
        clock.set(T0.plus(Duration.ofMinutes(5)));
        assertThat(failing.run().escalations()).as("written, not delivered").isEqualTo(1);
        assertThat(incidents.pendingNotices()).extracting(Notice::kind).containsExactly(NoticeKind.ESCALATION);

        clock.advance(Duration.ofSeconds(10));
        assertThat(sweep.run().resent()).as("too young: its writer may still be sending it").isZero();
        clock.advance(Duration.ofSeconds(30));
        IncidentSweep.Report later = sweep.run();
        assertThat(later.resent()).isEqualTo(1);
        assertThat(later.escalations()).as("the resent one counts for its window").isZero();
        assertThat(incidents.pendingNotices()).isEmpty();
        inbox.await(n -> n.kind().equals("escalation") && n.incidentId().equals(i.id()), Duration.ofSeconds(10));
    }
}
