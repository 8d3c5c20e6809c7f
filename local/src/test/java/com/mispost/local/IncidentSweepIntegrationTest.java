package com.mispost.local;

import com.mispost.time.SettableClock;
import com.mispost.account.Account;
import com.mispost.account.AccountPolicy;
import com.mispost.detection.Assessment;
import com.mispost.detection.Severity;
import com.mispost.incident.AuthorAnswer;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentAction;
import com.mispost.incident.IncidentDesk;
import com.mispost.incident.IncidentState;
import com.mispost.incident.IncidentSweep;
import com.mispost.incident.LifecyclePolicy;
import com.mispost.incident.StaffAction;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.web.IncidentPages;
import com.mispost.links.ActionLinks;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeComposer;
import com.mispost.notify.Outbox;
import com.mispost.notify.sns.SnsStaffNotifier;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.store.dynamodb.DynamoDbHeartbeats;
import com.mispost.store.dynamodb.DynamoDbIncidentStore;
import com.mispost.store.dynamodb.DynamoDbPostStore;
import com.mispost.watch.SilencePolicy;
import com.mispost.watch.Watchdog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled sweep against moto's DynamoDB, SNS and SQS, on a clock the test moves: escalation
 * timing and its limit, no flood within a window (enforced by the table, also for sweeps running
 * at once), a spike notice once per window, auto-close after a quiet time, the question to the
 * author with its links; and every transition of the lifecycle through the desk. Each test has a
 * fresh table, because the sweep looks at every active incident.
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
    private IncidentPages pages;

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
        outbox = new Outbox(incidents, new SnsStaffNotifier(aws.sns, aws.topicArn), clock);
        desk = new IncidentDesk(incidents, posts, accounts, new com.mispost.apology.ApologyDesk(), notices, outbox,
                MetricsRecorder.NONE, clock);
        watchdog = new Watchdog(accounts, new DynamoDbHeartbeats(aws.dynamo, aws.tableName), notice -> { },
                SilencePolicy.of(null, null), MetricsRecorder.NONE, clock);
        sweep = new IncidentSweep(incidents, posts, accounts, notices, outbox, desk, POLICY, watchdog, MetricsRecorder.NONE, clock);
        pages = new IncidentPages(incidents, posts, accounts, desk, links, clock);
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
        assertThat(incidents.open(i, "http://local", new TimelineEntry(clock.instant(), "opened", "detector", null), alert)).isTrue();
        assertThat(outbox.send(alert)).isTrue();
        return i;
    }

    private long events(Incident i, String event) {
        return incidents.timeline(i.id()).stream().filter(e -> e.event().equals(event)).count();
    }

    private IncidentState state(Incident i) {
        return incidents.find(i.id()).orElseThrow().state();
    }

    private void react(Incident i, int n, Instant at) {
        for (int k = 0; k < n; k++) {
            posts.recordReaction(new Reaction(i.post().key(), k % 3 == 0 ? ReactionKind.REPLY : ReactionKind.LIKE,
                    UUID.randomUUID().toString(), at));
        }
    }

    @Test
    void anUnacknowledgedIncidentEscalatesOnTimeAgainEachPeriodUpToTheLimitAndNotAfterAcknowledgement() {
        Incident critical = open(Severity.CRITICAL, null);
        Incident low = open(Severity.LOW, null);

        clock.set(T0.plus(Duration.ofMinutes(5)).minusSeconds(1));
        assertThat(sweep.run().escalations()).as("before five minutes").isZero();

        clock.set(T0.plus(Duration.ofMinutes(5)));
        assertThat(sweep.run().escalations()).as("critical at five minutes; low not yet").isEqualTo(1);
        var escalation = inbox.await(n -> n.kind().equals("escalation") && n.incidentId().equals(critical.id()),
                Duration.ofSeconds(10));
        assertThat(escalation.subject()).contains("Unacknowledged for 5 min").contains("Harbour Lane Bakery");
        assertThat(escalation.attributes()).containsEntry("kind", "escalation").containsEntry("severity", "critical");
        assertThat(escalation.body()).contains("Acknowledge: http://local/incidents/" + critical.id() + "/actions/acknowledge");

        clock.advance(Duration.ofMinutes(4));
        assertThat(sweep.run().escalations()).as("no flood: within the window").isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(sweep.run().escalations()).as("again after another five minutes").isEqualTo(1);
        clock.advance(Duration.ofMinutes(5));
        assertThat(sweep.run().escalations()).as("the third and last").isEqualTo(1);
        clock.advance(Duration.ofMinutes(5));
        assertThat(sweep.run().escalations()).as("the limit is three").isZero();
        assertThat(events(critical, "escalated")).isEqualTo(3);
        assertThat(events(low, "escalated")).isZero();

        clock.set(T0.plus(Duration.ofHours(2)));
        assertThat(desk.act(low.id(), new StaffAction(IncidentAction.ACKNOWLEDGE, "Ana", null, null, null)).done()).isTrue();
        assertThat(sweep.run().escalations()).as("an acknowledged incident never escalates").isZero();
        assertThat(events(low, "escalated")).isZero();
        assertThat(incidents.pendingNotices()).isEmpty();
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
        assertThat(events(i, "escalated")).isEqualTo(1);
        assertThat(incidents.pendingNotices()).isEmpty();
    }

    @Test
    void anEscalationSnsRefusesStaysPendingAndALaterSweepSendsItOnce() {
        Incident i = open(Severity.CRITICAL, null);
        var accounts = new DynamoDbAccountRegistry(aws.dynamo, aws.tableName);
        Outbox broken = new Outbox(incidents, new SnsStaffNotifier(aws.sns, aws.topicArn + "-gone"), clock);
        IncidentSweep failing = new IncidentSweep(incidents, posts, accounts, notices, broken, desk, POLICY, watchdog,
                MetricsRecorder.NONE, clock);
        clock.set(T0.plus(Duration.ofMinutes(5)));
        assertThat(failing.run().escalations()).as("written, not delivered").isEqualTo(1);
        assertThat(incidents.pendingNotices()).extracting(Notice::kind).containsExactly("escalation");

        clock.advance(Duration.ofSeconds(10));
        assertThat(sweep.run().resent()).as("too young: its writer may still be sending it").isZero();
        clock.advance(Duration.ofSeconds(30));
        IncidentSweep.Report later = sweep.run();
        assertThat(later.resent()).isEqualTo(1);
        assertThat(later.escalations()).as("the resent one counts for its window").isZero();
        assertThat(incidents.pendingNotices()).isEmpty();
        inbox.await(n -> n.kind().equals("escalation") && n.incidentId().equals(i.id()), Duration.ofSeconds(10));
    }

    @Test
    void aSpikeIsNoticedOncePerWindow() {
        Incident i = open(Severity.MEDIUM, null);
        assertThat(desk.act(i.id(), new StaffAction(IncidentAction.ACKNOWLEDGE, "Ana", null, null, null)).done()).isTrue();
        react(i, 19, T0.plusSeconds(20));
        clock.set(T0.plusSeconds(40));
        assertThat(sweep.run().spikes()).as("19 a minute is under the threshold of 20").isZero();

        react(i, 6, T0.plusSeconds(45));
        clock.set(T0.plusSeconds(50));
        assertThat(sweep.run().spikes()).isEqualTo(1);
        var spike = inbox.await(n -> n.kind().equals("spike") && n.incidentId().equals(i.id()), Duration.ofSeconds(10));
        assertThat(spike.subject()).contains("25 a minute");
        assertThat(spike.body()).contains("threshold is 20").contains("25 in all");

        react(i, 30, T0.plusSeconds(70));
        clock.set(T0.plus(Duration.ofMinutes(2)));
        assertThat(sweep.run().spikes()).as("one per window").isZero();
        clock.set(T0.plus(Duration.ofMinutes(9)));
        assertThat(sweep.run().spikes()).as("the burst is over").isZero();

        clock.set(T0.plus(Duration.ofMinutes(11)));
        react(i, 21, clock.instant());
        assertThat(sweep.run().spikes()).as("a new burst after the window").isEqualTo(1);
        assertThat(events(i, "spike")).isEqualTo(2);
    }

    @Test
    void anIncidentQuietAfterTheApologyClosesByItselfWithTheSummary() {
        Incident i = open(Severity.MEDIUM, null);
        desk.act(i.id(), new StaffAction(IncidentAction.ACKNOWLEDGE, "Ana", null, null, null));
        react(i, 5, clock.instant());
        clock.advance(Duration.ofMinutes(2));
        Instant approvedAt = clock.instant();
        assertThat(desk.act(i.id(), new StaffAction(IncidentAction.APPROVE, "Ana", "a short reply the team agreed on", null, "Sorry, wrong account!")).done()).isTrue();

        clock.set(approvedAt.plus(Duration.ofMinutes(10)));
        react(i, 1, clock.instant());
        Instant lastReaction = clock.instant();
        clock.set(approvedAt.plus(Duration.ofMinutes(30)));
        assertThat(sweep.run().closed()).as("a reaction ten minutes after the apology restarts the quiet time").isZero();
        clock.set(lastReaction.plus(Duration.ofMinutes(30)).minusSeconds(1));
        assertThat(sweep.run().closed()).isZero();
        assertThat(state(i)).isEqualTo(IncidentState.RESPONDING);

        clock.set(lastReaction.plus(Duration.ofMinutes(30)));
        assertThat(sweep.run().closed()).isEqualTo(1);
        assertThat(state(i)).isEqualTo(IncidentState.CLOSED);
        TimelineEntry closed = incidents.timeline(i.id()).stream().filter(e -> e.event().equals("closed")).findFirst().orElseThrow();
        assertThat(closed.actor()).isEqualTo("mispost");
        assertThat(closed.detail()).contains("no reactions for 30 min after the apology");
        var summary = inbox.await(n -> n.kind().equals("closed") && n.incidentId().equals(i.id()), Duration.ofSeconds(10));
        assertThat(summary.body()).contains("Summary").contains("Reactions: 6 in all").contains("Apology: Sorry, wrong account!")
                .contains("closed — mispost");
        assertThat(sweep.run().closed()).as("closed once").isZero();
    }

    @Test
    void theAuthorIsAskedOnceAndTheirAnswerActs() {
        Incident asked = open(Severity.LOW, "lee.social");
        Incident nobody = open(Severity.LOW, null);
        assertThat(sweep.run().authorQuestions()).isEqualTo(1);
        assertThat(sweep.run().authorQuestions()).as("asked once").isZero();
        assertThat(events(nobody, "author-asked")).isZero();

        var question = inbox.await(n -> n.kind().equals("ask-author") && n.incidentId().equals(asked.id()), Duration.ofSeconds(10));
        assertThat(question.attributes()).containsEntry("author", "lee.social").containsEntry("kind", "ask-author");
        assertThat(question.body()).contains("Did you mean to post it to Harbour Lane Bakery?");
        String confirm = link(question.body(), AuthorAnswer.CONFIRM.id());
        String deny = link(question.body(), AuthorAnswer.DENY.id());

        IncidentPages.Page form = pages.handle("GET", asked.id(), AuthorAnswer.CONFIRM.id(), query(confirm), Map.of());
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.html()).contains("<form method=\"post\"").contains("meant for my own account");
        assertThat(events(asked, "author-confirmed")).as("a GET answers nothing").isZero();

        Map<String, String> forged = query(confirm);
        forged.put("sig", (forged.get("sig").charAt(0) == 'A' ? "B" : "A") + forged.get("sig").substring(1)); // changed whatever it starts with
        assertThat(pages.handle("POST", asked.id(), AuthorAnswer.CONFIRM.id(), forged, Map.of()).status()).isEqualTo(403);
        assertThat(pages.handle("POST", asked.id(), AuthorAnswer.DENY.id(), query(confirm), Map.of()).status())
                .as("a confirm link does not deny").isEqualTo(403);

        assertThat(pages.handle("POST", asked.id(), AuthorAnswer.CONFIRM.id(), query(confirm), Map.of()).status()).isEqualTo(200);
        assertThat(pages.handle("POST", asked.id(), AuthorAnswer.CONFIRM.id(), query(confirm), Map.of()).status())
                .as("answered once").isEqualTo(409);
        TimelineEntry note = incidents.timeline(asked.id()).stream().filter(e -> e.event().equals("author-confirmed"))
                .findFirst().orElseThrow();
        assertThat(note.actor()).isEqualTo("lee.social");
        assertThat(state(asked)).isEqualTo(IncidentState.OPEN);
        inbox.await(n -> n.kind().equals("author-confirmed") && n.incidentId().equals(asked.id()), Duration.ofSeconds(10));

        assertThat(pages.handle("POST", asked.id(), AuthorAnswer.DENY.id(), query(deny), Map.of()).status()).isEqualTo(200);
        assertThat(state(asked)).isEqualTo(IncidentState.DISMISSED);
        TimelineEntry dismissed = incidents.timeline(asked.id()).stream().filter(e -> e.event().equals("dismissed"))
                .findFirst().orElseThrow();
        assertThat(dismissed.actor()).isEqualTo("lee.social");
        assertThat(dismissed.detail()).isEqualTo("author says it was intended");
    }

    @Test
    void everyActionSucceedsFromExactlyTheStatesTheLifecycleAllows() {
        for (IncidentState from : IncidentState.values()) {
            for (IncidentAction action : IncidentAction.values()) {
                Incident i = open(Severity.LOW, null);
                bring(i, from);
                clock.advance(Duration.ofSeconds(1)); // notices are named by kind and millisecond
                IncidentDesk.Outcome outcome = desk.act(i.id(), new StaffAction(action, "Ana", "a reason", null, "Sorry!"));
                boolean allowed = action.from().contains(from);
                assertThat(outcome.done()).as(action.id() + " from " + from).isEqualTo(allowed);
                assertThat(state(i)).as(action.id() + " from " + from).isEqualTo(allowed ? action.to() : from);
                if (!allowed) assertThat(outcome.refusal()).startsWith("Nothing changed");
            }
        }
    }

    private void bring(Incident i, IncidentState to) {
        List<IncidentAction> path = switch (to) {
            case OPEN -> List.of();
            case ACKNOWLEDGED -> List.of(IncidentAction.ACKNOWLEDGE);
            case RESPONDING -> List.of(IncidentAction.ACKNOWLEDGE, IncidentAction.APPROVE);
            case MONITORING -> List.of(IncidentAction.ACKNOWLEDGE, IncidentAction.APPROVE, IncidentAction.REPAIR);
            case CLOSED -> List.of(IncidentAction.ACKNOWLEDGE, IncidentAction.APPROVE, IncidentAction.CLOSE);
            case DISMISSED -> List.of(IncidentAction.DISMISS);
        };
        for (IncidentAction a : path) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(desk.act(i.id(), new StaffAction(a, "Bo", "setting up", null, "Sorry!")).done()).isTrue();
        }
        assertThat(state(i)).isEqualTo(to);
    }

    private static String link(String body, String action) {
        Matcher m = Pattern.compile("(http://\\S+/actions/" + action + "\\?\\S+)").matcher(body);
        assertThat(m.find()).as("a " + action + " link in the notice").isTrue();
        return m.group(1);
    }

    private static Map<String, String> query(String link) {
        Matcher m = Pattern.compile("exp=(\\d+)&sig=([A-Za-z0-9_-]+)").matcher(link);
        assertThat(m.find()).isTrue();
        return new HashMap<>(Map.of("exp", m.group(1), "sig", m.group(2)));
    }
}
