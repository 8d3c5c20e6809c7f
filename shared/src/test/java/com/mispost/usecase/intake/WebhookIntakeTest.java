package com.mispost.usecase.intake;

import com.mispost.account.Account;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentIds;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.detection.Assessment;
import com.mispost.detection.Severity;
import com.mispost.inmemory.InMemoryAccountRegistry;
import com.mispost.inmemory.InMemoryHeartbeats;
import com.mispost.inmemory.InMemoryIncidentStore;
import com.mispost.inmemory.InMemoryPostStore;
import com.mispost.intake.GenericWebhook;
import com.mispost.intake.SignatureVerifier;
import com.mispost.intake.WebhookRequest;
import com.mispost.intake.WebhookResponse;
import com.mispost.intake.platform.PlatformWebhooks;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeKind;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.PostKey;
import com.mispost.secrets.SecretSource;
import com.mispost.watch.SilencePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Intake on in-memory ports: each post stored once, the answer's counts, 503 when storage is down; refusals that quote little. */
class WebhookIntakeTest {
    private static final String SECRET = "generic-test-secret";
    private static final AccountKey BRAND = new AccountKey(Platform.X, "42");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T22:14:05Z"), ZoneOffset.UTC);

    private final SecretSource secrets = name -> Optional.ofNullable(Map.of("webhook/generic", SECRET).get(name));
    private final InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
    private final InMemoryPostStore posts = new InMemoryPostStore(CLOCK);
    private final InMemoryIncidentStore incidents = new InMemoryIncidentStore();
    private final InMemoryHeartbeats heartbeats = new InMemoryHeartbeats();
    private final WebhookIntake intake = new WebhookIntake(PlatformWebhooks.standard(CLOCK), secrets, accounts, posts, incidents,
            new DeliveryWatch(heartbeats, MetricsRecorder.NONE, SilencePolicy.of(null, null), CLOCK));

    {
        accounts.save(Account.watched(BRAND, "Larkspur Coffee"));
    }

    private WebhookResponse deliver(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return intake.handle(new WebhookRequest("POST", "generic", Map.of(), Map.of("Content-Type", "application/json",
                "X-Mispost-Signature", SignatureVerifier.signHex(SECRET, body)), body));
    }

    private static String post(String account, String id) {
        return """
                {"type":"post","platform":"x","account":"%s","post":{"id":"%s","text":"out tonight, who's in",
                 "created_at":"2026-11-20T22:14:03Z"}}""".formatted(account, id);
    }

    @Test
    void aPostIsStoredOnceHoweverOftenItIsDelivered() {
        WebhookResponse first = deliver(post("42", "7"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("{\"accepted\":1,\"duplicates\":0,\"ignored\":0,\"rejected\":[]}");
        assertThat(deliver(post("42", "7")).body()).contains("\"accepted\":0,\"duplicates\":1");
        assertThat(posts.findPost(new PostKey(Platform.X, "42", "7"))).isPresent();
    }

    @Test
    void aPostOnAnAccountNobodyWatchesIsAcknowledgedAndDropped() {
        assertThat(deliver(post("99", "7")).body()).contains("\"accepted\":0").contains("\"ignored\":1");
        assertThat(posts.findPost(new PostKey(Platform.X, "99", "7"))).isEmpty();
    }

    @Test
    void whenStorageIsDownTheAnswerIs503SoThePlatformRetries() {
        posts.goDown();
        WebhookResponse r = deliver(post("42", "7"));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).contains("retry");
    }

    @Test
    void aBadSignatureChangesNothing() {
        byte[] body = post("42", "7").getBytes(StandardCharsets.UTF_8);
        WebhookResponse r = intake.handle(new WebhookRequest("POST", "generic", Map.of(),
                Map.of("Content-Type", "application/json", "X-Mispost-Signature", "sha256=00"), body));
        assertThat(r.status()).isEqualTo(401);
        assertThat(posts.findPost(new PostKey(Platform.X, "42", "7"))).isEmpty();
    }

    @Test
    void aReplyCountsOnceAndItsWordsJoinTheAccountsSampleOfThePublicsVoice() {
        deliver(post("42", "7"));
        String reply = """
                {"type":"reaction","platform":"x","account":"42","reaction":{"id":"r1","kind":"reply","post_id":"7",
                 "text":"was this meant for your own account?"}}""";
        assertThat(deliver(reply).body()).contains("\"accepted\":1");
        assertThat(deliver(reply).body()).as("a redelivery").contains("\"duplicates\":1");
        assertThat(posts.reactionCounts(new PostKey(Platform.X, "42", "7")).total()).isEqualTo(1);
        assertThat(accounts.publicVoice(BRAND).texts()).isEqualTo(1);
    }

    @Test
    void theRawBodyIsKeptOnlyWhenSomethingInItIsAboutAStoredPost() {
        deliver(post("42", "7"));
        String likeOfAPostNotStored = """
                {"type":"reaction","platform":"x","account":"42","reaction":{"id":"l1","kind":"like","post_id":"8"}}""";
        String likeOfTheStoredPost = """
                {"type":"reaction","platform":"x","account":"42","reaction":{"id":"l2","kind":"like","post_id":"7"}}""";
        assertThat(deliver(likeOfAPostNotStored).body()).contains("\"ignored\":1");
        assertThat(deliver(post("99", "5")).body()).as("an account nobody watches").contains("\"ignored\":1");
        assertThat(posts.findDelivery(id(likeOfAPostNotStored))).isEmpty();
        assertThat(posts.findDelivery(id(post("99", "5")))).isEmpty();
        assertThat(deliver(likeOfTheStoredPost).body()).contains("\"accepted\":1");
        assertThat(posts.findDelivery(id(likeOfTheStoredPost))).isPresent();
        assertThat(posts.findDelivery(id(post("42", "7")))).isPresent();
    }

    private static String id(String json) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDeletedFlaggedPostGoesOnItsIncidentsTimeline() {
        deliver(post("42", "7"));
        PostKey key = new PostKey(Platform.X, "42", "7");
        Incident incident = Incident.open(posts.findPost(key).orElseThrow(),
                new Assessment(0.9, Severity.HIGH, List.of(), "Capture it."), CLOCK.instant());
        incidents.open(incident, "http://local", new TimelineEntry(CLOCK.instant(), TimelineEvent.OPENED, "detector", null),
                new Notice("alert", incident.id(), NoticeKind.ALERT, Severity.HIGH, "Larkspur Coffee", "x", "s", "b", "m",
                        CLOCK.instant()));

        assertThat(deliver("{\"type\":\"delete\",\"platform\":\"x\",\"account\":\"42\",\"post_id\":\"7\"}").body())
                .contains("\"accepted\":1");
        assertThat(incidents.timeline(IncidentIds.forPost(key))).extracting(TimelineEntry::event)
                .containsExactly(TimelineEvent.OPENED, TimelineEvent.POST_DELETED);
    }

    private static String like(String account, String postId, String id) {
        return """
                {"type":"reaction","platform":"x","account":"%s","reaction":{"id":"%s","kind":"like","post_id":"%s",
                 "at":"2026-11-20T22:14:04Z"}}""".formatted(account, id, postId);
    }

    private static String reply(String account, String postId, String id) {
        return """
                {"type":"reaction","platform":"x","account":"%s","reaction":{"id":"%s","kind":"reply","post_id":"%s",
                 "at":"2026-11-20T22:14:04Z","text":"wrong account? %s"}}""".formatted(account, id, postId, id);
    }

    private static String delete(String account, String postId) {
        return """
                {"type":"delete","platform":"x","account":"%s","post_id":"%s","at":"2026-11-20T22:14:04Z"}""".formatted(account, postId);
    }

    private static String events(List<String> events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    @Test
    void anAccountNobodyWatchesLeavesNoItemAtAll() {
        AccountKey stranger = new AccountKey(Platform.X, "99");
        // Its post stored while it was watched: reactions to it now are not counted, nor their words kept.
        posts.savePost(new com.mispost.post.Post(Platform.X, "99", "old", null, "t", CLOCK.instant(), null, null, null, null, null, null), "d0");
        int before = posts.deliveries();
        WebhookResponse r = deliver(events(List.of(post("99", "1"), like("99", "1", "l1"), reply("99", "old", "r1"),
                like("99", "old", "l2"), delete("99", "2"))));
        assertThat(r.body()).isEqualTo("{\"accepted\":0,\"duplicates\":0,\"ignored\":5,\"rejected\":[]}");
        assertThat(heartbeats.watched()).as("no watch for it").doesNotContain(stranger);
        assertThat(accounts.withReplies()).as("no sample of replies").doesNotContain(stranger);
        assertThat(posts.deliveries()).as("not even the delivery's body").isEqualTo(before);
        assertThat(posts.reactionCounts(new PostKey(Platform.X, "99", "old")).total()).isZero();
    }

    @Test
    void aDeliveryWhoseEventsAreAllDroppedKeepsNoBodyButAWatchedAccountIsHeardFrom() {
        WebhookResponse r = deliver(events(List.of(like("42", "never-stored", "l1"), delete("42", "never-stored"))));
        assertThat(r.body()).contains("\"ignored\":2");
        assertThat(posts.deliveries()).isZero();
        assertThat(heartbeats.watched()).containsExactly(BRAND);
    }

    @Test
    void aDeliveryOverManyAccountsAndPostsAsksForThemTogetherNotOneByOne() {
        for (int a = 0; a < 50; a++) accounts.save(Account.watched(new AccountKey(Platform.X, "w" + a), "Watched " + a));
        deliver(post("42", "7"));
        int findsBefore = accounts.calls("findAll");
        List<String> events = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) events.add(post((i % 2 == 0 ? "w" : "stranger") + (i % 50), "p" + i));
        for (int i = 0; i < 100; i++) events.add(like("42", "unknown-" + i, "l" + i));
        for (int i = 0; i < 100; i++) events.add(reply("42", "7", "r" + i));
        for (int i = 0; i < 100; i++) events.add(delete("42", "unknown-" + i));
        WebhookResponse r = deliver(events(events));
        assertThat(r.body()).isEqualTo("{\"accepted\":150,\"duplicates\":0,\"ignored\":250,\"rejected\":[]}");
        assertThat(accounts.calls("findAll") - findsBefore).as("one lookup for every account named").isEqualTo(1);
        assertThat(posts.calls("stored")).as("one lookup for every post reacted to or deleted").isEqualTo(1);
        assertThat(posts.calls("recordDeletions")).as("no write for a post not stored").isZero();
        assertThat(accounts.calls("keepReplies")).isEqualTo(1);
        assertThat(accounts.publicVoice(BRAND).texts()).isGreaterThan(50);
        assertThat(heartbeats.watched()).hasSize(26).allMatch(a -> a.equals(BRAND) || a.accountId().startsWith("w"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"findAll", "stored", "saveDelivery", "savePosts", "recordReactions", "recordDeletions", "keepReplies"})
    void aFailureAnywhereAnswers503AndTheSameDeliveryRetriedEndsAsIfNothingFailed(String failing) {
        deliver(post("42", "7"));
        deliver(post("42", "8"));
        String delivery = events(List.of(post("42", "9"), like("42", "7", "l1"), reply("42", "7", "r1"), reply("42", "9", "r2"),
                delete("42", "8"), like("42", "unknown", "l2"), post("99", "1")));
        posts.failOnce(failing);
        accounts.failOnce(failing);
        WebhookResponse first = deliver(delivery);
        assertThat(first.status()).as("nothing half-done is acknowledged").isEqualTo(503);

        WebhookResponse retry = deliver(delivery);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(posts.findPost(new PostKey(Platform.X, "42", "9"))).isPresent();
        assertThat(posts.reactionCounts(new PostKey(Platform.X, "42", "7")).total()).isEqualTo(2);
        assertThat(posts.reactionCounts(new PostKey(Platform.X, "42", "9")).total()).isEqualTo(1);
        assertThat(posts.reactionCounts(new PostKey(Platform.X, "42", "8")).deletedAt()).isNotNull();
        assertThat(accounts.publicVoice(BRAND).texts()).as("both replies' words, though counted before the failure").isEqualTo(2);
        assertThat(posts.deliveries()).as("the two posts' and this one's").isEqualTo(3);
        assertThat(deliver(delivery).body()).as("a third time: all of it known")
                .isEqualTo("{\"accepted\":0,\"duplicates\":4,\"ignored\":3,\"rejected\":[]}");
    }

    /** Intake on a store that spends 10 ms on each post it is given, stored before or not. */
    private WebhookIntake slowIntake(com.mispost.time.SettableClock clock, InMemoryPostStore slow) {
        slow.onSavePosts(n -> clock.advance(java.time.Duration.ofMillis(10L * n)));
        return new WebhookIntake(PlatformWebhooks.standard(clock), secrets, accounts, slow, incidents,
                new DeliveryWatch(heartbeats, MetricsRecorder.NONE, SilencePolicy.of(null, null), clock), clock,
                java.time.Duration.ofSeconds(10));
    }

    private static WebhookRequest signed(List<String> events) {
        byte[] body = events(events).getBytes(StandardCharsets.UTF_8);
        return new WebhookRequest("POST", "generic", Map.of(), Map.of("Content-Type", "application/json",
                "X-Mispost-Signature", SignatureVerifier.signHex(SECRET, body)), body);
    }

    private static long stored(InMemoryPostStore store, String account, String prefix, int n) {
        return java.util.stream.IntStream.range(0, n)
                .filter(i -> store.findPost(new PostKey(Platform.X, account, prefix + i)).isPresent()).count();
    }

    @Test
    void aDeliveryTooLargeToStoreInTimeAnswers503KeepingWhatItStoredAndTheRetryGoesOnFromThere() {
        com.mispost.time.SettableClock clock = new com.mispost.time.SettableClock(CLOCK.instant());
        InMemoryPostStore slow = new InMemoryPostStore(clock);
        WebhookIntake timed = slowIntake(clock, slow);
        List<String> events = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) events.add(post("42", "big-" + i));
        WebhookRequest request = signed(events);

        WebhookResponse first = timed.handle(request);
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.body()).contains("retry the same delivery");
        assertThat(stored(slow, "42", "big-", 2000)).as("whole batches, in order, up to the deadline").isEqualTo(1200);

        // Redoing the 1,200 would take 12 s of the 10: the retry must start where the first try stopped.
        WebhookResponse retry = timed.handle(request);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo("{\"accepted\":800,\"duplicates\":1200,\"ignored\":0,\"rejected\":[]}");
        assertThat(stored(slow, "42", "big-", 2000)).isEqualTo(2000);
    }

    @Test
    void aRetryWhoseWorkIsNoLongerTheSameSkipsNothing() {
        com.mispost.time.SettableClock clock = new com.mispost.time.SettableClock(CLOCK.instant());
        InMemoryPostStore slow = new InMemoryPostStore(clock);
        WebhookIntake timed = slowIntake(clock, slow);
        List<String> events = new java.util.ArrayList<>();
        events.add(post("43", "first"));
        for (int i = 0; i < 2000; i++) events.add(post("42", "big-" + i));
        WebhookRequest request = signed(events);
        assertThat(timed.handle(request).status()).isEqualTo(503);
        // Account 43 is watched from now on: its post leads the first batch, and every batch after it shifts.
        accounts.save(Account.watched(new AccountKey(Platform.X, "43"), "Second Brand"));

        List<Integer> answers = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 4 && (answers.isEmpty() || answers.get(answers.size() - 1) != 200); attempt++) {
            answers.add(timed.handle(request).status());
        }
        assertThat(answers).endsWith(200);
        assertThat(stored(slow, "42", "big-", 2000)).isEqualTo(2000);
        assertThat(slow.findPost(new PostKey(Platform.X, "43", "first"))).isPresent();
    }

    /** A delivery signed with the generic secret, to any path, of any content type. */
    private WebhookResponse post(String path, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return intake.handle(new WebhookRequest("POST", path, Map.of(), Map.of("Content-Type", contentType,
                GenericWebhook.SIGNATURE_HEADER, SignatureVerifier.signHex(SECRET, bytes)), bytes));
    }

    @Test
    void onlyJsonIsJson() {
        assertThat(post("generic", "application/jsonp", "{").status()).isEqualTo(415);
        assertThat(post("generic", "application/json-patch+json", "{").status()).isEqualTo(415);
        assertThat(post("generic", "application/json; charset=latin1", "{").status()).isEqualTo(415);
        // Past the type check, this body is unreadable: 400, not 415.
        assertThat(post("generic", "application/json", "{").status()).isEqualTo(400);
        assertThat(post("generic", "Application/JSON; charset=UTF-8", "{").status()).isEqualTo(400);
        assertThat(post("generic", "application/json;charset=\"utf-8\"", "{").status()).isEqualTo(400);
    }

    @Test
    void errorsDoNotEchoWholeBadValues() {
        String junk = "j".repeat(5000);
        WebhookResponse type = post("generic", "text/" + junk, "{}");
        assertThat(type.status()).isEqualTo(415);
        assertThat(type.body().length()).isLessThan(300);
        WebhookResponse platform = post(junk, "application/json", "{}");
        assertThat(platform.status()).isEqualTo(404);
        assertThat(platform.body().length()).isLessThan(400);
        StringBuilder bad = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 1000; i++) bad.append(i == 0 ? "" : ",").append("{\"type\":\"hug\",\"platform\":\"x\",\"account\":\"1\"}");
        WebhookResponse everyEventBad = post("generic", "application/json", bad.append("]}").toString());
        assertThat(everyEventBad.status()).isEqualTo(400);
        assertThat(everyEventBad.body()).contains("events[19]").doesNotContain("events[20]").contains("and 980 more rejected");
    }
}
