package com.mispost.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.account.Account;
import com.mispost.incident.IncidentIds;
import com.mispost.incident.IncidentState;
import com.mispost.incident.TimelineEvent;
import com.mispost.intake.GenericWebhook;
import com.mispost.intake.SignatureVerifier;
import com.mispost.intake.platform.LinkedInWebhook;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.PostKey;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.store.dynamodb.DynamoDbIncidentStore;
import com.mispost.store.dynamodb.DynamoDbPostStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole suite through the local runtime: a signed webhook in over HTTP, the stream to detect,
 * an incident in the table, and the alert out through SNS into the staff inbox queue.
 */
class SuiteEnd2EndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalRuntime runtime;
    private static final AccountKey BRAND = new AccountKey(Platform.X, "4400000000000000001");

    @BeforeAll
    static void start() {
        Moto.endpoint(); // fail early, with moto's message, if it cannot start
        runtime = LocalRuntime.start(new LocalRuntime.Options(Moto.template(), 0, Duration.ofSeconds(1), System.err::println));
        new DynamoDbAccountRegistry(runtime.aws().dynamo, runtime.aws().tableName)
                .save(Account.watched(BRAND, "Fernhill Outfitters"));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) runtime.close();
    }

    @Test
    void aSignedMispostBecomesAnIncidentAndAnAlertInTheStaffInbox() throws Exception {
        String body = post("9900000000000000001", "ugh my boss is such a jerk, this damn job. beers tonight?");
        HttpResponse<String> r = deliver(body, sign(body));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"accepted\":1");

        String incidentId = IncidentIds.forPost(new PostKey(Platform.X, BRAND.accountId(), "9900000000000000001"));
        var alert = runtime.inbox().await(n -> n.kind().equals("alert") && n.incidentId().equals(incidentId), Duration.ofSeconds(20));
        assertThat(alert.subject()).contains("Possible mispost on Fernhill Outfitters");
        assertThat(alert.attributes()).containsEntry("severity", "medium").containsEntry("platform", "x")
                .containsEntry("kind", "alert").containsEntry("account", "Fernhill Outfitters");
        assertThat(alert.body()).contains("ugh my boss is such a jerk").contains("Acknowledge: http");

        var incidents = new DynamoDbIncidentStore(runtime.aws().dynamo, runtime.aws().tableName);
        assertThat(incidents.find(incidentId)).hasValueSatisfying(i -> assertThat(i.state()).isEqualTo(IncidentState.OPEN));
        runtime.inbox().await(n -> n.kind().equals("drafts-ready") && n.incidentId().equals(incidentId), Duration.ofSeconds(20));
        assertThat(incidents.drafts(incidentId)).hasSize(3);
    }

    @Test
    void anInnocentPostWhoseRepliesTurnAgainstItRaisesABacklashAlertQuotingThem() throws Exception {
        String postId = "9900000000000000010";
        String innocent = "Our new trail socks are in: merino, cushioned heel, made to last a season of muddy hikes.";
        String mine = xTweets(xTweet(postId, innocent, BRAND.accountId(), null));
        assertThat(deliverX(mine).statusCode()).isEqualTo(200);
        String[] replies = {"wrong account?? pretty sure this was meant for your personal", "who approved this",
                "delete this before it spreads", "were you hacked?", "yikes, screenshotted", "love these socks"};
        java.util.List<String> tweets = new java.util.ArrayList<>();
        for (int i = 0; i < replies.length; i++) {
            tweets.add(xTweet("99000000000000001" + (20 + i), "@fernhill " + replies[i], "77000000" + i, postId));
        }
        // Replies come over two deliveries, as the platform sends them: the crowd is read as they arrive.
        String first = xTweets(String.join(",", tweets.subList(0, 3)));
        String rest = xTweets(String.join(",", tweets.subList(3, tweets.size())));
        assertThat(deliverX(first).statusCode()).isEqualTo(200);
        assertThat(deliverX(rest).statusCode()).isEqualTo(200);

        String incidentId = IncidentIds.forPost(new PostKey(Platform.X, BRAND.accountId(), postId));
        var alert = runtime.inbox().await(n -> n.kind().equals("alert") && n.incidentId().equals(incidentId), Duration.ofSeconds(30));
        assertThat(alert.subject()).contains("Replies turned against a post on Fernhill Outfitters");
        assertThat(alert.body()).contains("drew replies that turned against it", innocent, "\"@fernhill who approved this\"")
                .doesNotContain("love these socks");
        var incidents = new DynamoDbIncidentStore(runtime.aws().dynamo, runtime.aws().tableName);
        assertThat(incidents.timeline(incidentId)).filteredOn(e -> e.event() == TimelineEvent.OPENED)
                .singleElement().satisfies(e -> assertThat(e.actor()).as("opened by").isEqualTo("crowd"));
        assertThat(incidents.find(incidentId)).hasValueSatisfying(i -> assertThat(i.assessment().reasons())
                .anySatisfy(reason -> assertThat(reason.signal()).isEqualTo("crowd.backlash")));
    }

    @Test
    void tenRedeliveriesStoreOnePostAndRaiseOneAlert() throws Exception {
        String body = post("9900000000000000002", "I hate mondays so much, shit traffic and my boss again");
        for (int i = 0; i < 10; i++) assertThat(deliver(body, sign(body)).statusCode()).isEqualTo(200);
        String incidentId = IncidentIds.forPost(new PostKey(Platform.X, BRAND.accountId(), "9900000000000000002"));
        runtime.inbox().await(n -> n.kind().equals("alert") && n.incidentId().equals(incidentId), Duration.ofSeconds(20));
        runtime.inbox().await(n -> n.kind().equals("drafts-ready") && n.incidentId().equals(incidentId), Duration.ofSeconds(20));
        // A second alert could only follow a second opening, which the timeline would show.
        var incidents = new DynamoDbIncidentStore(runtime.aws().dynamo, runtime.aws().tableName);
        assertThat(incidents.timeline(incidentId)).filteredOn(e -> e.event() == TimelineEvent.OPENED).hasSize(1);
        assertThat(runtime.inbox().received().stream()
                .filter(n -> n.kind().equals("alert") && n.incidentId().equals(incidentId)).count()).isEqualTo(1);
    }

    @Test
    void aForgedSignatureIsRefusedAndNothingIsStored() throws Exception {
        String body = post("9900000000000000003", "a forged post");
        HttpResponse<String> r = deliver(body, "sha256=" + "00".repeat(32));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("signature").doesNotContain("Exception");
        var posts = new DynamoDbPostStore(runtime.aws().dynamo, runtime.aws().tableName, Clock.systemUTC());
        assertThat(posts.findPost(new PostKey(Platform.X, BRAND.accountId(), "9900000000000000003"))).isEmpty();
    }

    @Test
    void badInputGetsAClearError() throws Exception {
        String notJson = "{not json";
        HttpResponse<String> r = deliver(notJson, sign(notJson));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("error").asText()).contains("not valid JSON");

        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl() + "/webhooks/myspace"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("unknown platform 'myspace'");
    }

    @Test
    void oversizedAndNonJsonBodiesAreRefusedBeforeAnythingIsRead() throws Exception {
        String big = "{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
        HttpResponse<String> tooBig = deliver(big, sign(big));
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.body()).contains("limit is 1048576 bytes");
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl() + "/webhooks/generic"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);
    }

    @Test
    void platformHandshakesAnswerThroughTheHttpApi() throws Exception {
        HttpResponse<String> crc = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl() + "/webhooks/x?crc_token=abc123"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(crc.statusCode()).isEqualTo(200);
        String expected = "sha256=" + java.util.Base64.getEncoder().encodeToString(SignatureVerifier.hmacSha256(
                LocalSecrets.value("webhook/x"), "abc123".getBytes(StandardCharsets.UTF_8)));
        assertThat(JSON.readTree(crc.body()).path("response_token").asText()).isEqualTo(expected);

        HttpResponse<String> meta = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl()
                + "/webhooks/meta?hub.mode=subscribe&hub.verify_token=" + LocalSecrets.value("meta/verify-token")
                + "&hub.challenge=1158201444")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(meta.statusCode()).isEqualTo(200);
        assertThat(meta.body()).isEqualTo("1158201444");
        HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl()
                + "/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(403);
    }

    @Test
    void deliveriesForgedThroughTheHandshakesAreRefused() throws Exception {
        String tweet = "{\"for_user_id\":\"" + BRAND.accountId() + "\",\"tweet_create_events\":[{\"id_str\":\"9900000000000000666\","
                + "\"text\":\"forged through the CRC\",\"created_at\":\"Sat Nov 28 05:30:03 +0000 2026\","
                + "\"user\":{\"id_str\":\"" + BRAND.accountId() + "\"}}]}";
        HttpResponse<String> crc = get("/webhooks/x?crc_token=" + URLEncoder.encode(tweet, StandardCharsets.UTF_8));
        assertThat(crc.statusCode()).isEqualTo(400);
        String returned = JSON.readTree(crc.body()).path("response_token").asText("sha256=");
        assertThat(deliver("/webhooks/x", tweet, "X-Twitter-Webhooks-Signature", returned).statusCode()).isEqualTo(401);

        String notification = "{\"notificationId\":66,\"action\":\"ADMIN_COMMENT\",\"organizationalEntity\":\""
                + BRAND.accountId() + "\",\"sourcePost\":\"urn:li:share:1\",\"decoratedGeneratedActivity\":"
                + "{\"comment\":{\"entity\":\"urn:li:comment:666\",\"text\":\"forged through the challenge\"}}}";
        HttpResponse<String> challenge = get("/webhooks/linkedin?challengeCode="
                + URLEncoder.encode(LinkedInWebhook.SIGNED_PREFIX + notification, StandardCharsets.UTF_8));
        assertThat(challenge.statusCode()).isEqualTo(400);
        String response = JSON.readTree(challenge.body()).path("challengeResponse").asText("");
        assertThat(deliver("/webhooks/linkedin", notification, LinkedInWebhook.SIGNATURE_HEADER, response).statusCode())
                .isEqualTo(401);

        var posts = new DynamoDbPostStore(runtime.aws().dynamo, runtime.aws().tableName, Clock.systemUTC());
        assertThat(posts.findPost(new PostKey(Platform.X, BRAND.accountId(), "9900000000000000666"))).isEmpty();
    }

    @Test
    void everyAnswerSaysNosniffAndPagesAllowNoScript() throws Exception {
        HttpResponse<String> page = get("/incidents/inc-0000000000000000?exp=1&sig=x");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'none'").doesNotContain("script-src 'unsafe"));
        assertThat(get("/webhooks/x?crc_token=abc").headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void aDeliveryForAnAccountNobodyWatchesIsAcknowledgedAndDropped() throws Exception {
        String body = JSON.writeValueAsString(Map.of("type", "post", "platform", "x", "account", "123",
                "post", Map.of("id", "55", "text", "not ours")));
        HttpResponse<String> r = deliver(body, sign(body));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"ignored\":1");
        var posts = new DynamoDbPostStore(runtime.aws().dynamo, runtime.aws().tableName, Clock.systemUTC());
        assertThat(posts.findPost(new PostKey(Platform.X, "123", "55"))).isEmpty();
    }

    private static String post(String id, String text) throws Exception {
        return JSON.writeValueAsString(Map.of("type", "post", "platform", "x", "account", BRAND.accountId(),
                "post", Map.of("id", id, "text", text, "client", "Twitter for Android")));
    }

    /** A tweet in X's Account Activity format: by the brand, or by someone else in reply to {@code replyTo}. */
    private static String xTweet(String id, String text, String author, String replyTo) throws Exception {
        Map<String, Object> t = new java.util.LinkedHashMap<>();
        t.put("id_str", id);
        t.put("text", text);
        t.put("timestamp_ms", Long.toString(System.currentTimeMillis()));
        t.put("user", Map.of("id_str", author, "screen_name", author.equals(BRAND.accountId()) ? "fernhill" : "someone" + author));
        if (replyTo != null) {
            t.put("in_reply_to_status_id_str", replyTo);
            t.put("in_reply_to_user_id_str", BRAND.accountId());
        }
        return JSON.writeValueAsString(t);
    }

    private static String xTweets(String tweets) {
        return "{\"for_user_id\":\"" + BRAND.accountId() + "\",\"tweet_create_events\":[" + tweets + "]}";
    }

    /** Delivered as X delivers: signed with the consumer secret, base64. */
    private static HttpResponse<String> deliverX(String body) throws Exception {
        String signature = "sha256=" + java.util.Base64.getEncoder().encodeToString(SignatureVerifier.hmacSha256(
                LocalSecrets.value("webhook/x"), body.getBytes(StandardCharsets.UTF_8)));
        return deliver("/webhooks/x", body, "X-Twitter-Webhooks-Signature", signature);
    }

    private static String sign(String body) {
        return SignatureVerifier.signHex(LocalSecrets.value(GenericWebhook.SECRET), body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> deliver(String path, String body, String header, String signature) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl() + path))
                .header("Content-Type", "application/json").header(header, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> deliver(String body, String signature) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl() + "/webhooks/generic"))
                .header("Content-Type", "application/json")
                .header(GenericWebhook.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
