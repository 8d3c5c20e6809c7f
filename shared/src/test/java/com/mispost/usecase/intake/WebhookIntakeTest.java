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
