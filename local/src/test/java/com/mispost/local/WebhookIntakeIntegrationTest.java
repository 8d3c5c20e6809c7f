package com.mispost.local;

import com.mispost.metrics.MetricsRecorder;
import com.mispost.store.dynamodb.DynamoDbHeartbeats;
import com.mispost.usecase.intake.DeliveryWatch;
import com.mispost.watch.SilencePolicy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.account.Account;
import com.mispost.intake.GenericWebhook;
import com.mispost.intake.SignatureVerifier;
import com.mispost.usecase.intake.WebhookIntake;
import com.mispost.intake.WebhookRequest;
import com.mispost.intake.WebhookResponse;
import com.mispost.intake.platform.PlatformWebhooks;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.PostKey;
import com.mispost.post.ReactionKind;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.store.dynamodb.DynamoDbIncidentStore;
import com.mispost.store.dynamodb.DynamoDbPostStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intake against moto's DynamoDB over the wire with hostile and large deliveries: what can never
 * be stored gets a 4xx that says why, raw evidence is the signed bytes, and a delivery of a
 * megabyte or thousands of events is stored well within the function's 15 s timeout.
 */
class WebhookIntakeIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "intake-integration-secret";
    private static final AccountKey BRAND = new AccountKey(Platform.X, "5500000000000000001");
    private static LocalAws aws;
    private static DynamoDbPostStore posts;
    private static WebhookIntake intake;

    @BeforeAll
    static void wire() {
        aws = Moto.provisioned();
        posts = new DynamoDbPostStore(aws.dynamo, aws.tableName, Clock.systemUTC());
        var accounts = new DynamoDbAccountRegistry(aws.dynamo, aws.tableName);
        accounts.save(Account.watched(BRAND, "Harbour Lights"));
        intake = new WebhookIntake(PlatformWebhooks.standard(), name -> Optional.of(SECRET), accounts, posts,
                new DynamoDbIncidentStore(aws.dynamo, aws.tableName), new DeliveryWatch(new DynamoDbHeartbeats(aws.dynamo,
                        aws.tableName), MetricsRecorder.NONE, SilencePolicy.of(null, null), Clock.systemUTC()));
    }

    @AfterAll
    static void close() {
        aws.close();
    }

    private static WebhookResponse deliver(byte[] body) {
        return intake.handle(new WebhookRequest("POST", "generic", Map.of(), Map.of("Content-Type", "application/json",
                GenericWebhook.SIGNATURE_HEADER, SignatureVerifier.signHex(SECRET, body)), body));
    }

    private static Map<String, Object> post(String id, String text) {
        return Map.of("type", "post", "platform", "x", "account", BRAND.accountId(), "post", Map.of("id", id, "text", text));
    }

    private static Map<String, Object> reaction(String postId, String id) {
        return Map.of("type", "reaction", "platform", "x", "account", BRAND.accountId(),
                "reaction", Map.of("id", id, "kind", "like", "post_id", postId, "at", "2026-11-20T10:00:00Z"));
    }

    private static byte[] delivery(List<Map<String, Object>> events) throws Exception {
        return JSON.writeValueAsBytes(Map.of("events", events));
    }

    @Test
    void rawEvidenceIsStoredOncePerDeliveryAsTheSignedBytes() throws Exception {
        // 20 posts of 44 KB: each post item used to carry the whole 880 KB body, past DynamoDB's 400 KB item limit.
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) events.add(post("raw-" + i, "caf\u00e9 \ud83d\ude00 ".repeat(4000)));
        String json = JSON.writeValueAsString(Map.of("events", events));
        byte[] body = ("  " + json.replace(",", " ,\n") + "\n").getBytes(StandardCharsets.UTF_8); // spacing kept as sent
        assertThat(body.length).isBetween(800_000, 1_000_000);
        WebhookResponse r = deliver(body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("accepted").asInt()).isEqualTo(20);
        String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        assertThat(posts.findDelivery(id)).hasValueSatisfying(stored -> assertThat(stored).isEqualTo(body));
        assertThat(posts.findPost(new PostKey(Platform.X, BRAND.accountId(), "raw-7"))).isPresent();
    }

    @Test
    void invalidUtf8IsRefusedSoTheRecordNeverDiffersFromWhatWasReceived() {
        byte[] body = "{\"type\":\"post\",\"platform\":\"x\",\"account\":\"5500000000000000001\",\"post\":{\"id\":\"u1\",\"text\":\"a?b\"}}"
                .getBytes(StandardCharsets.US_ASCII);
        int q = new String(body, StandardCharsets.US_ASCII).indexOf("a?b") + 1;
        byte[] overlong = new byte[body.length + 1];
        System.arraycopy(body, 0, overlong, 0, q);
        overlong[q] = (byte) 0xC0;
        overlong[q + 1] = (byte) 0xAF;
        System.arraycopy(body, q + 1, overlong, q + 2, body.length - q - 1);
        WebhookResponse r = deliver(overlong);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("not valid UTF-8");
        assertThat(posts.findPost(new PostKey(Platform.X, BRAND.accountId(), "u1"))).isEmpty();
    }

    @Test
    void inputThatCanNeverBeStoredGetsA4xxThatSaysWhyAndNoEcho() throws Exception {
        String longId = "9".repeat(3000);
        WebhookResponse id = deliver(delivery(List.of(post(longId, "hello"))));
        assertThat(id.status()).isEqualTo(400);
        assertThat(id.body()).contains("id").contains("256 bytes").doesNotContain("9".repeat(100));

        WebhookResponse text = deliver(delivery(List.of(post("big-text", "x".repeat(70_000)), post("fine", "hello there"))));
        assertThat(text.status()).isEqualTo(200);
        assertThat(JSON.readTree(text.body()).path("accepted").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(text.body()).path("rejected").get(0).asText()).contains("text").contains("65536 bytes");

        WebhookResponse surrogate = deliver("{\"type\":\"post\",\"platform\":\"x\",\"account\":\"5500000000000000001\",\"post\":{\"id\":\"s1\",\"text\":\"\\ud83d\"}}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(surrogate.status()).isEqualTo(400);
        assertThat(surrogate.body()).contains("surrogate").doesNotContain("Exception");

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < WebhookIntake.MAX_EVENTS + 1; i++) tooMany.add(reaction("p", "r" + i));
        WebhookResponse many = deliver(delivery(tooMany));
        assertThat(many.status()).isEqualTo(413);
        assertThat(many.body()).contains(WebhookIntake.MAX_EVENTS + " events");
    }

    @Test
    void aMegabyteOfThreeThousandEventsIsStoredWellWithinTheTimeoutAndARetryToo() throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(post("busy", "Our spring menu is here."));
        String pad = "-".repeat(190); // ids as long as intake takes them, to make a megabyte of events
        for (int i = 0; i < 2999; i++) events.add(reaction("busy", "like-" + i + pad));
        byte[] body = delivery(events);
        assertThat(body.length).isGreaterThan(800_000).isLessThanOrEqualTo(WebhookIntake.MAX_BODY_BYTES);

        long start = System.nanoTime();
        WebhookResponse first = deliver(body);
        Duration firstTook = Duration.ofNanos(System.nanoTime() - start);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("accepted").asInt()).isEqualTo(3000);

        start = System.nanoTime();
        WebhookResponse retry = deliver(body);
        Duration retryTook = Duration.ofNanos(System.nanoTime() - start);
        assertThat(JSON.readTree(retry.body()).path("duplicates").asInt()).isEqualTo(3000);
        System.err.printf("intake: %d bytes, %d events stored in %d ms; redelivered in %d ms%n",
                body.length, events.size(), firstTook.toMillis(), retryTook.toMillis());
        assertThat(firstTook).isLessThan(Duration.ofSeconds(12));
        assertThat(retryTook).isLessThan(Duration.ofSeconds(12));
        new StreamCounter(aws, posts).countAll(); // what the detect function does with the stream
        assertThat(posts.reactionCounts(new PostKey(Platform.X, BRAND.accountId(), "busy")).of(ReactionKind.LIKE)).isEqualTo(2999);
    }

    @Test
    void aDeliveryOfNEventsOverMAccountsCostsRoundTripsByTheHundredNotOnePerEvent() throws Exception {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        try (DynamoDbClient counted = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(Moto.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.LOCAL_ACCESS_KEY,
                        LocalAws.LOCAL_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        // Every attempt on the wire, the SDK's own retries included.
                        calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                                k -> new AtomicInteger()).incrementAndGet();
                    }
                })).build()) {
            var registry = new DynamoDbAccountRegistry(counted, aws.tableName);
            WebhookIntake countedIntake = new WebhookIntake(PlatformWebhooks.standard(), name -> Optional.of(SECRET), registry,
                    new DynamoDbPostStore(counted, aws.tableName, Clock.systemUTC()), new DynamoDbIncidentStore(counted, aws.tableName),
                    new DeliveryWatch(new DynamoDbHeartbeats(counted, aws.tableName), MetricsRecorder.NONE,
                            SilencePolicy.of(null, null), Clock.systemUTC()));
            int watchedAccounts = 300;
            List<Map<String, Object>> events = new ArrayList<>();
            for (int a = 0; a < watchedAccounts; a++) {
                registry.save(Account.watched(new AccountKey(Platform.X, "61" + a), "Watched " + a));
                events.add(Map.of("type", "post", "platform", "x", "account", "61" + a, "post", Map.of("id", "m" + a, "text", "Open late tonight.")));
            }
            for (int a = 0; a < 200; a++) {
                events.add(Map.of("type", "post", "platform", "x", "account", "79" + a, "post", Map.of("id", "s" + a, "text", "hello")));
            }
            for (int i = 0; i < 500; i++) events.add(reaction("never-stored-" + i, "m-like-" + i));
            for (int i = 0; i < 500; i++) {
                events.add(Map.of("type", "reaction", "platform", "x", "account", "610", "reaction", Map.of("id", "m-reply-" + i,
                        "kind", "reply", "post_id", "m" + 0, "at", "2026-11-20T10:00:00Z", "text", "wrong account? " + i)));
            }
            for (int i = 0; i < 500; i++) {
                events.add(Map.of("type", "delete", "platform", "x", "account", BRAND.accountId(), "post_id", "never-stored-" + i,
                        "at", "2026-11-20T10:00:00Z"));
            }
            byte[] body = delivery(events);
            int n = events.size();
            int accountsNamed = watchedAccounts + 200 + 1;
            // DynamoDB's batch sizes: 25 items a BatchWriteItem, 100 keys a BatchGetItem, 100 items a transaction.
            int bound = n / 25 + 3 * (accountsNamed / 100 + 1) + 10;

            calls.clear();
            WebhookResponse first = countedIntake.handle(new WebhookRequest("POST", "generic", Map.of(), Map.of("Content-Type",
                    "application/json", GenericWebhook.SIGNATURE_HEADER, SignatureVerifier.signHex(SECRET, body)), body));
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(JSON.readTree(first.body()).path("accepted").asInt()).isEqualTo(watchedAccounts + 500);
            Map<String, Integer> firstCalls = snapshot(calls);
            System.err.printf("intake: %d events over %d accounts cost %s%n", n, accountsNamed, firstCalls);
            assertThat(firstCalls.values().stream().mapToInt(Integer::intValue).sum()).as(firstCalls.toString()).isLessThanOrEqualTo(bound);
            assertThat(firstCalls).as("nothing read one by one").doesNotContainKey("GetItem");
            // UpdateItem: only how far storing got, once a step (200 events) when storing runs long.
            assertThat(firstCalls.getOrDefault("UpdateItem", 0)).as("nothing written one by one").isLessThanOrEqualTo(n / 200 + 4);

            calls.clear();
            WebhookResponse retry = countedIntake.handle(new WebhookRequest("POST", "generic", Map.of(), Map.of("Content-Type",
                    "application/json", GenericWebhook.SIGNATURE_HEADER, SignatureVerifier.signHex(SECRET, body)), body));
            assertThat(JSON.readTree(retry.body()).path("duplicates").asInt()).isEqualTo(watchedAccounts + 500);
            Map<String, Integer> retryCalls = snapshot(calls);
            System.err.printf("intake: the same delivery again cost %s%n", retryCalls);
            assertThat(retryCalls.values().stream().mapToInt(Integer::intValue).sum()).as(retryCalls.toString()).isLessThanOrEqualTo(bound);

            // What accounts nobody watches left: nothing at all.
            long strangers = aws.dynamo.scanPaginator(b -> b.tableName(aws.tableName).filterExpression("contains(PK, :p)")
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("/79")))).items().stream().count();
            assertThat(strangers).isZero();
        }
    }

    private static Map<String, Integer> snapshot(Map<String, AtomicInteger> calls) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
