package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.account.Account;
import com.mispost.config.SuiteFactory;
import com.mispost.intake.SignatureVerifier;
import com.mispost.intake.WebhookRequest;
import com.mispost.intake.platform.XWebhook;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.usecase.intake.WebhookIntake;
import com.mispost.watch.SilencePolicy;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Least privilege that still works: every DynamoDB operation a function makes on the reaction path is
 * one the template's policy for it allows: intake (posts, likes, replies, redeliveries, a delivery of
 * several reactions), detect counting from the stream, closure reading the counts.
 */
class PermissionsIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AccountKey BRAND = new AccountKey(Platform.X, "5500000000000000077");

    @Test
    void everyOperationIntakeMakesIsAllowedByItsPolicy() throws Exception {
        LocalAws aws = Moto.provisioned();
        Set<String> operations = new ConcurrentSkipListSet<>();
        try (aws; DynamoDbClient dynamo = recording(aws, operations)) {
            SuiteFactory suite = new SuiteFactory();
            Clock clock = Clock.systemUTC();
            var accounts = suite.accountRegistry(dynamo, aws.tableName);
            accounts.save(Account.watched(BRAND, "Permission Outfitters"));
            WebhookIntake intake = suite.webhookIntake(clock, name -> Optional.of("x-secret"), accounts,
                    suite.postStore(dynamo, aws.tableName, clock), suite.incidentStore(dynamo, aws.tableName),
                    suite.deliveryWatch(suite.heartbeats(dynamo, aws.tableName), MetricsRecorder.NONE, SilencePolicy.of(null, null), clock));
            operations.clear(); // what the account's registration took is not intake's

            deliver(intake, Map.of("for_user_id", BRAND.accountId(), "tweet_create_events", List.of(tweet("700", null, BRAND.accountId()))));
            Map<String, Object> like = Map.of("for_user_id", BRAND.accountId(), "favorite_events", List.of(favorite("f1", "700")));
            deliver(intake, like);
            deliver(intake, like); // a redelivery
            deliver(intake, Map.of("for_user_id", BRAND.accountId(), "tweet_create_events", List.of(tweet("701", "700", "8100000009"))));
            deliver(intake, Map.of("for_user_id", BRAND.accountId(), "favorite_events",
                    List.of(favorite("f2", "700"), favorite("f3", "700"), favorite("f4", "999")))); // several, one not ours
        }
        // A transaction needs no action of its own: each of its items needs its own (PutItem, UpdateItem, ...).
        operations.remove("TransactWriteItems");
        assertThat(operations).isNotEmpty();
        assertThat(allowed("IntakeFunction")).containsAll(operations);
    }

    @Test
    void countingAndReadingTheCountsIsAllowedToDetectAndClosure() throws Exception {
        LocalAws aws = Moto.provisioned();
        Set<String> counting = new ConcurrentSkipListSet<>();
        Set<String> reading = new ConcurrentSkipListSet<>();
        try (aws; DynamoDbClient detect = recording(aws, counting); DynamoDbClient closure = recording(aws, reading)) {
            Clock clock = Clock.systemUTC();
            var posts = new SuiteFactory().postStore(aws.dynamo, aws.tableName, clock);
            var post = new com.mispost.post.Post(Platform.X, BRAND.accountId(), "800", "a", "our range", clock.instant(), null, null, null,
                    List.of(), "en", null);
            posts.savePost(post, "d");
            for (int i = 0; i < 20; i++) {
                posts.recordReaction(new com.mispost.post.Reaction(post.key(), com.mispost.post.ReactionKind.LIKE, "l" + i, clock.instant()));
            }
            var seen = new StreamCounter(aws, posts).read();
            var counter = new SuiteFactory().postStore(detect, aws.tableName, clock);
            counter.countReactions(seen);
            counter.countReactions(seen); // a batch delivered again reads the marks
            var reader = new SuiteFactory().postStore(closure, aws.tableName, clock);
            assertThat(reader.recentReactions(post.key(), clock.instant().minusSeconds(60)).total()).isEqualTo(20);
            assertThat(reader.reactionCounts(post.key()).total()).isEqualTo(20);
        }
        assertThat(counting).isNotEmpty();
        assertThat(allowed("DetectFunction")).containsAll(counting);
        assertThat(reading).isNotEmpty();
        assertThat(allowed("ClosureFunction")).containsAll(reading);
    }

    private static DynamoDbClient recording(LocalAws aws, Set<String> operations) {
        ExecutionInterceptor recording = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(context.request().getClass().getSimpleName().replaceAll("Request$", ""));
            }
        };
        return DynamoDbClient.builder().region(Region.of(LocalAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.LOCAL_ACCESS_KEY, LocalAws.LOCAL_ACCESS_KEY)))
                .endpointOverride(URI.create(aws.endpoint())).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(recording).build()).build();
    }

    /** The DynamoDB actions a function's policy allows on the table. */
    private static Set<String> allowed(String function) {
        Set<String> allowed = new TreeSet<>();
        JsonNode statements = TemplateModel.read(Moto.template()).properties(function).path("Policies").get(0).path("Statement");
        for (JsonNode statement : statements) {
            for (JsonNode action : statement.path("Action")) {
                if (action.asText().startsWith("dynamodb:")) allowed.add(action.asText().substring("dynamodb:".length()));
            }
        }
        return allowed;
    }

    private static void deliver(WebhookIntake intake, Map<String, Object> delivery) throws Exception {
        byte[] body = JSON.writeValueAsBytes(delivery);
        String signature = "sha256=" + Base64.getEncoder().encodeToString(SignatureVerifier.hmacSha256("x-secret", body));
        var answer = intake.handle(new WebhookRequest("POST", "x", Map.of(),
                Map.of("Content-Type", "application/json", XWebhook.SIGNATURE_HEADER, signature), body));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private static Map<String, Object> tweet(String id, String replyTo, String author) {
        Map<String, Object> t = new java.util.HashMap<>(Map.of("id_str", id, "text", replyTo == null ? "our autumn range is here" : "wrong account?",
                "timestamp_ms", Long.toString(System.currentTimeMillis()), "user", Map.of("id_str", author, "screen_name", "u" + author)));
        if (replyTo != null) {
            t.put("in_reply_to_status_id_str", replyTo);
            t.put("in_reply_to_user_id_str", BRAND.accountId());
        }
        return t;
    }

    private static Map<String, Object> favorite(String id, String postId) {
        return Map.of("id", id, "timestamp_ms", Long.toString(System.currentTimeMillis()),
                "favorited_status", Map.of("id_str", postId, "user", Map.of("id_str", BRAND.accountId())),
                "user", Map.of("id_str", "8200000001", "screen_name", "fan"));
    }
}
