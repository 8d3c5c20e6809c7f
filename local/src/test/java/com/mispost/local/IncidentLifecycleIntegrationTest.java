package com.mispost.local;

import com.mispost.account.Account;
import com.mispost.detection.Assessment;
import com.mispost.detection.Severity;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentState;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.lambda.FunctionEvents;
import com.mispost.links.ActionLinks;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeComposer;
import com.mispost.notify.NoticeKind;
import com.mispost.notify.sns.SnsStaffNotifier;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.store.dynamodb.DynamoDbIncidentStore;
import com.mispost.store.dynamodb.DynamoDbPostStore;
import com.mispost.usecase.Outbox;
import com.mispost.usecase.closure.IncidentDesk;
import com.mispost.usecase.closure.IncidentPages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff actions through signed links and the outbox, against moto's DynamoDB, SNS and SQS. */
class IncidentLifecycleIntegrationTest {
    private static final String KEY = "integration-test-link-key";
    private static LocalAws aws;
    private static StaffInbox inbox;
    private static Thread inboxThread;
    private static DynamoDbIncidentStore incidents;
    private static DynamoDbPostStore posts;
    private static ActionLinks links;
    private static NoticeComposer notices;
    private static IncidentPages pages;

    @BeforeAll
    static void wire() {
        aws = Moto.provisioned();
        inbox = new StaffInbox(aws.sqs, aws.inboxQueueUrl);
        inboxThread = new Thread(inbox);
        inboxThread.start();
        incidents = new DynamoDbIncidentStore(aws.dynamo, aws.tableName);
        posts = new DynamoDbPostStore(aws.dynamo, aws.tableName, Clock.systemUTC());
        var accounts = new DynamoDbAccountRegistry(aws.dynamo, aws.tableName);
        accounts.save(Account.watched(new AccountKey(Platform.X, "brand-9"), "Quayside Books"));
        links = new ActionLinks(name -> java.util.Optional.of(KEY), Duration.ofHours(1));
        notices = new NoticeComposer(links);
        Outbox outbox = new Outbox(incidents, new SnsStaffNotifier(aws.sns, aws.topicArn), notices, com.mispost.metrics.MetricsRecorder.NONE, Clock.systemUTC());
        pages = new IncidentPages(incidents, posts, accounts, new IncidentDesk(incidents, posts, accounts,
                new com.mispost.apology.ApologyDesk(), notices, outbox, com.mispost.metrics.MetricsRecorder.NONE, Clock.systemUTC()),
                links, Clock.systemUTC());
    }

    @AfterAll
    static void close() throws Exception {
        inbox.stop();
        inboxThread.join(3000);
        aws.close();
    }

    private static Incident open() {
        return open(Platform.X, null);
    }

    private static Incident open(Platform platform, String permalink) {
        Post p = new Post(platform, "brand-9", UUID.randomUUID().toString(), "lee", "my cat is cuter than your cat",
                Instant.now(), "Twitter for iPhone", null, null, List.of(), "en", permalink);
        posts.savePost(p, "{}");
        Incident i = Incident.open(p, new Assessment(0.7, Severity.LOW, List.of(), "Check with the author."), Instant.now());
        Notice alert = notices.alert(i, Account.watched(p.key().account(), "Quayside Books"), "http://local", Instant.now());
        incidents.open(i, "http://local", new TimelineEntry(Instant.now(), TimelineEvent.OPENED, "detector", null), alert);
        return i;
    }

    private static final IncidentPages.Requester ANYONE = IncidentPages.Requester.UNKNOWN;

    /** A query as a browser sends it: {@code name=value&...}. */
    private static String raw(Map<String, String> query) {
        StringBuilder out = new StringBuilder();
        query.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(k).append('=').append(v));
        return out.toString();
    }

    private static Map<String, String> query(String link) {
        Matcher m = Pattern.compile("exp=(\\d+)&sig=([A-Za-z0-9_-]+)").matcher(link);
        assertThat(m.find()).isTrue();
        return new HashMap<>(Map.of("exp", m.group(1), "sig", m.group(2)));
    }

    private static IncidentState state(Incident i) {
        return incidents.find(i.id()).orElseThrow().state();
    }

    @Test
    void anHttpApiRequestLeavesItsTimeSourceHashAndUserAgentOnTheStoredTimeline() {
        Incident i = open();
        String link = links.link("", i.id(), "acknowledge", Instant.now());
        Map<String, Object> event = Map.of("version", "2.0", "rawPath", "/incidents/" + i.id() + "/actions/acknowledge",
                "rawQueryString", link.substring(link.indexOf('?') + 1),
                "pathParameters", Map.of("id", i.id(), "action", "acknowledge"),
                "body", "actor=Ana%20B.", "isBase64Encoded", false,
                "requestContext", Map.of("http", Map.of("method", "POST", "sourceIp", "198.51.100.23",
                        "userAgent", "Mozilla/5.0 (Phone)\r\nX-Injected: 1")));
        Instant before = Instant.now();
        Map<String, Object> response = FunctionEvents.closure(pages, null, event);
        assertThat(response.get("statusCode")).isEqualTo(200);

        TimelineEntry entry = incidents.timeline(i.id()).stream().filter(e -> e.event() == TimelineEvent.ACKNOWLEDGED)
                .findFirst().orElseThrow();
        assertThat(entry.actor()).isEqualTo("Ana B.");
        assertThat(entry.at()).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(entry.provenance().nameStated()).isTrue();
        assertThat(entry.provenance().source()).isEqualTo(links.sourceTag("198.51.100.23"));
        assertThat(entry.provenance().userAgent()).isEqualTo("Mozilla/5.0 (Phone) X-Injected: 1");
        assertThat(aws.dynamo.scan(r -> r.tableName(aws.tableName)).items().toString()).doesNotContain("198.51.100.23");
    }

    @Test
    void aGetShowsAFormAndChangesNothingThenThePostActsAndStaffAreTold() {
        Incident i = open();
        Map<String, String> q = query(links.link("", i.id(), "acknowledge", Instant.now()));
        IncidentPages.Page form = pages.handle("GET", i.id(), "acknowledge", raw(q), Map.of(), ANYONE);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.html()).contains("<form method=\"post\"").contains("my cat is cuter than your cat");
        assertThat(state(i)).isEqualTo(IncidentState.OPEN);

        IncidentPages.Page done = pages.handle("POST", i.id(), "acknowledge", raw(q), Map.of("actor", "Ana"), ANYONE);
        assertThat(done.status()).isEqualTo(200);
        assertThat(state(i)).isEqualTo(IncidentState.ACKNOWLEDGED);
        var notice = inbox.await(n -> n.incidentId().equals(i.id()) && n.kind().equals("acknowledged"), Duration.ofSeconds(10));
        assertThat(notice.body()).contains("acknowledged by Ana");
        assertThat(incidents.timeline(i.id())).extracting(TimelineEntry::actor).contains("Ana");

        IncidentPages.Page again = pages.handle("POST", i.id(), "acknowledge", raw(q), Map.of("actor", "Bo"), ANYONE);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.html()).contains("Nothing changed");
    }

    private static String page(Incident i) {
        IncidentPages.Page page = pages.handle("GET", i.id(), null, raw(query(links.link("", i.id(), "view", Instant.now()))), Map.of(), ANYONE);
        assertThat(page.status()).isEqualTo(200);
        return page.html();
    }

    @Test
    void thePageLinksOnlyToTheWebAddressesOfThePlatformThePostCameFrom() {
        assertThat(page(open(Platform.X, "https://x.com/quayside/status/1"))).contains("href=\"https://x.com/quayside/status/1\"");
        assertThat(page(open(Platform.MASTODON, "https://mastodon.social/@quayside/1")))
                .contains("href=\"https://mastodon.social/@quayside/1\"");
        for (String bad : List.of("javascript:alert(document.cookie)", "JavaScript:alert(1)", " javascript:alert(1)",
                "data:text/html,<script>alert(1)</script>", "https://x.com.evil.example/status/1", "https://evil.example/x.com",
                "//evil.example/", "https://user@evil.example/")) {
            String html = page(open(Platform.X, bad));
            assertThat(html).as(bad).doesNotContain("open on x").doesNotContainIgnoringCase("href=\"javascript")
                    .doesNotContain("evil.example/");
        }
        assertThat(page(open(Platform.MASTODON, "javascript:alert(1)"))).doesNotContainIgnoringCase("javascript:");
    }

    @Test
    void refusalsQuoteAtMostAShortPieceOfWhatWasAskedFor() {
        String longId = "inc-" + "9".repeat(3000);
        IncidentPages.Page none = pages.handle("GET", longId, null, raw(query(links.link("", longId, "view", Instant.now()))), Map.of(), ANYONE);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.html()).doesNotContain("9".repeat(100));
        IncidentPages.Page action = pages.handle("GET", "inc-1", "z".repeat(3000), "", Map.of(), ANYONE);
        assertThat(action.status()).isEqualTo(404);
        assertThat(action.html()).doesNotContain("z".repeat(100));
    }

    @Test
    void thePageHasNoScriptForTheCspToAllow() {
        Incident i = open();
        var drafts = new com.mispost.apology.ApologyComposer().compose(
                com.mispost.apology.DraftRequest.of(Platform.X, com.mispost.detection.Severity.LOW, "Quayside Books"));
        incidents.saveDrafts(i.id(), drafts, new Notice("drafts-ready", i.id(), NoticeKind.DRAFTS_READY,
                com.mispost.detection.Severity.LOW, "Quayside Books", "x", "s", "b", "sms", Instant.now()));
        String html = page(i);
        assertThat(html).contains("class=\"draft\""); // the drafts, where a copy button used to carry inline script
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("onclick=")
                .doesNotContainIgnoringCase("javascript:");
    }

    @Test
    void aReactionAtAnAbsurdTimeStillLeavesThePageReadable() {
        Incident i = open();
        posts.recordReaction(new com.mispost.post.Reaction(i.post().key(), com.mispost.post.ReactionKind.LIKE, "far-future",
                Instant.parse("+999999999-12-31T23:59:59Z")));
        posts.recordReaction(new com.mispost.post.Reaction(i.post().key(), com.mispost.post.ReactionKind.LIKE, "far-past",
                Instant.MIN));
        new StreamCounter(aws, posts).countAll(); // what the detect function does with the stream
        assertThat(page(i)).contains("2 in all");
    }

    @Test
    void forgedAlteredAndExpiredLinksAreRefusedAndNothingChanges() {
        Incident i = open();
        Map<String, String> q = query(links.link("", i.id(), "acknowledge", Instant.now()));
        Map<String, String> forged = new HashMap<>(q);
        // One character changed: a different one whatever the signature starts with (it starts with 'A' one time in 64).
        forged.put("sig", (q.get("sig").charAt(0) == 'A' ? "B" : "A") + q.get("sig").substring(1));
        assertThat(pages.handle("POST", i.id(), "acknowledge", raw(forged), Map.of(), ANYONE).status()).isEqualTo(403);
        assertThat(pages.handle("POST", i.id(), "dismiss", raw(q), Map.of("detail", "x"), ANYONE).status())
                .as("a link for one action does not allow another").isEqualTo(403);
        Map<String, String> expired = query(links.link("", i.id(), "acknowledge", Instant.now().minus(Duration.ofHours(2))));
        IncidentPages.Page refused = pages.handle("POST", i.id(), "acknowledge", raw(expired), Map.of(), ANYONE);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.html()).contains("expired").doesNotContain("Exception");
        assertThat(state(i)).isEqualTo(IncidentState.OPEN);
    }

    @Test
    void dismissingNeedsAReason() {
        Incident i = open();
        Map<String, String> q = query(links.link("", i.id(), "dismiss", Instant.now()));
        assertThat(pages.handle("POST", i.id(), "dismiss", raw(q), Map.of("actor", "Ana"), ANYONE).status()).isEqualTo(400);
        assertThat(pages.handle("POST", i.id(), "dismiss", raw(q), Map.of("actor", "Ana", "detail", "it is our cat campaign"), ANYONE).status())
                .isEqualTo(200);
        assertThat(state(i)).isEqualTo(IncidentState.DISMISSED);
        assertThat(new DynamoDbAccountRegistry(aws.dynamo, aws.tableName).voice(new AccountKey(Platform.X, "brand-9")).posts())
                .as("a false positive teaches the account's voice").isEqualTo(1);
    }

    @Test
    void aNoticeSnsRefusesStaysPendingAndTheSweepSendsItLater() {
        Incident i = open();
        Notice n = new Notice("test-" + UUID.randomUUID(), i.id(), NoticeKind.ESCALATION, Severity.LOW, "Quayside Books", "x",
                "Escalation", "still unacknowledged", "sms", Instant.now());
        incidents.note(i.id(), new TimelineEntry(Instant.now(), TimelineEvent.ESCALATED, "test", null), n);
        Outbox broken = new Outbox(incidents, new SnsStaffNotifier(aws.sns, aws.topicArn + "-gone"), notices, com.mispost.metrics.MetricsRecorder.NONE, Clock.systemUTC());
        assertThat(broken.send(n)).isFalse();
        assertThat(incidents.pendingNotices()).extracting(Notice::id).contains(n.id());

        Outbox working = new Outbox(incidents, new SnsStaffNotifier(aws.sns, aws.topicArn), notices, com.mispost.metrics.MetricsRecorder.NONE, Clock.systemUTC());
        working.flush(n.createdAt().minusMillis(1));
        assertThat(incidents.pendingNotices()).as("too young to resend").extracting(Notice::id).contains(n.id());
        assertThat(working.flush(Instant.now())).isGreaterThanOrEqualTo(1);
        assertThat(working.send(n)).as("a sent notice is never sent twice").isFalse();
        assertThat(incidents.pendingNotices()).extracting(Notice::id).doesNotContain(n.id());
        inbox.await(x -> x.kind().equals("escalation") && x.incidentId().equals(i.id()), Duration.ofSeconds(10));
    }
}
