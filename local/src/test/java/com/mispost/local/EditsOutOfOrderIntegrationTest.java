package com.mispost.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mispost.account.Account;
import com.mispost.detection.MispostDetector;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentIds;
import com.mispost.incident.TimelineEvent;
import com.mispost.intake.SignatureVerifier;
import com.mispost.intake.WebhookRequest;
import com.mispost.intake.platform.PlatformWebhooks;
import com.mispost.lambda.FunctionEvents;
import com.mispost.links.ActionLinks;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeComposer;
import com.mispost.notify.NoticeKind;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.store.dynamodb.DynamoDbHeartbeats;
import com.mispost.store.dynamodb.DynamoDbIncidentStore;
import com.mispost.store.dynamodb.DynamoDbPostStore;
import com.mispost.usecase.Outbox;
import com.mispost.usecase.detect.PostScreener;
import com.mispost.usecase.intake.DeliveryWatch;
import com.mispost.usecase.intake.WebhookIntake;
import com.mispost.watch.SilencePolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edits delivered before their posts, after newer edits, and again, through intake into moto's
 * DynamoDB, and what the table's stream then carries to detect (filtered by the template's
 * FilterCriteria, decoded as Lambda decodes it, screened by the detect function's own body).
 */
class EditsOutOfOrderIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "mastodon-integration-secret";
    private static final AccountKey BRAND = new AccountKey(Platform.MASTODON, "109000000000000010");
    private static final String PERSONAL = "ugh my boss is such an idiot, getting absolutely wasted tonight lol";
    private static final String BRAND_VOICE = "Our spring menu is here: try the new lemon buns at your local Oakfield.";

    private static LocalAws aws;
    private static DynamoDbPostStore posts;
    private static DynamoDbIncidentStore incidents;
    private static WebhookIntake intake;
    private static PostScreener screener;
    private static List<EventPattern> detectFilters;
    private static final List<Notice> sent = new CopyOnWriteArrayList<>();
    private static final Set<String> streamed = new HashSet<>();
    private static int sentinels;

    @BeforeAll
    static void wire() {
        aws = Moto.provisioned();
        Clock clock = Clock.systemUTC();
        posts = new DynamoDbPostStore(aws.dynamo, aws.tableName, clock);
        incidents = new DynamoDbIncidentStore(aws.dynamo, aws.tableName);
        DynamoDbAccountRegistry accounts = new DynamoDbAccountRegistry(aws.dynamo, aws.tableName);
        accounts.save(Account.watched(BRAND, "Oakfield Bakery"));
        intake = new WebhookIntake(PlatformWebhooks.standard(clock),
                name -> Optional.ofNullable(Map.of("webhook/mastodon", SECRET).get(name)), accounts, posts, incidents,
                new DeliveryWatch(new DynamoDbHeartbeats(aws.dynamo, aws.tableName), MetricsRecorder.NONE,
                        SilencePolicy.of(null, null), clock));
        screener = new PostScreener(new MispostDetector(), accounts, posts, incidents,
                new NoticeComposer(new ActionLinks(name -> Optional.of("edits-integration-link-key"), Duration.ofHours(1))),
                new Outbox(incidents, sent::add, clock), "http://local", MetricsRecorder.NONE, clock);
        TemplateModel template = TemplateModel.read(Moto.template());
        detectFilters = template.functions().stream().filter(f -> f.logicalId().equals("DetectFunction")).findFirst()
                .orElseThrow().streams().get(0).filterPatterns().stream().map(EventPattern::parse).toList();
    }

    @AfterAll
    static void close() {
        aws.close();
    }

    @Test
    void anEditBeforeItsPostIsScreenedAsTheNewPostAndItsCreationChangesNothing() throws Exception {
        PostKey post = key("113000000000000101");
        assertThat(deliver(status("status.updated", post, "2026-03-04T09:09:58.250Z", PERSONAL))).startsWith("{\"accepted\":1,");
        assertThat(detect()).containsExactly("POST: " + PERSONAL);
        assertThat(incidents.find(IncidentIds.forPost(post))).isPresent();
        assertThat(sent).filteredOn(n -> n.incidentId().equals(IncidentIds.forPost(post))).extracting(Notice::kind)
                .containsExactly(NoticeKind.ALERT);

        assertThat(deliver(status("status.created", post, null, BRAND_VOICE))).startsWith("{\"accepted\":0,\"duplicates\":1,");
        assertThat(detect()).as("the older original is not screened over the edit").isEmpty();
        assertThat(posts.findPost(post)).map(Post::text).contains(PERSONAL);
    }

    @Test
    void anOlderEditAfterANewerOneAndARedeliveredOneChangeNothing() throws Exception {
        PostKey post = key("113000000000000102");
        deliver(status("status.created", post, null, BRAND_VOICE));
        assertThat(detect()).containsExactly("POST: " + BRAND_VOICE);

        String newer = status("status.updated", post, "2026-03-04T09:20:00.000500Z", BRAND_VOICE.replace("lemon", "rye"));
        assertThat(deliver(newer)).startsWith("{\"accepted\":1,");
        // Half a microsecond earlier: versions compare to the nanosecond, not as ISO text.
        String older = status("status.updated", post, "2026-03-04T09:20:00Z", PERSONAL);
        assertThat(deliver(older)).startsWith("{\"accepted\":0,\"duplicates\":0,\"ignored\":1,");
        assertThat(deliver(newer)).startsWith("{\"accepted\":0,\"duplicates\":1,");
        assertThat(detect()).containsExactly("EDIT: " + BRAND_VOICE.replace("lemon", "rye"));
        assertThat(incidents.find(IncidentIds.forPost(post))).as("the older, personal text is never screened").isEmpty();
        assertThat(posts.findPost(post)).as("the post as it first went out").map(Post::text).contains(BRAND_VOICE);

        // Before the post, too: the newer edit is the post, the older one and the creation change nothing.
        PostKey early = key("113000000000000103");
        assertThat(deliver(status("status.updated", early, "2026-03-04T09:30:00Z", BRAND_VOICE))).startsWith("{\"accepted\":1,");
        assertThat(deliver(status("status.updated", early, "2026-03-04T09:25:00Z", PERSONAL))).contains("\"ignored\":1");
        assertThat(deliver(status("status.created", early, null, PERSONAL))).contains("\"duplicates\":1");
        assertThat(detect()).containsExactly("POST: " + BRAND_VOICE);
        assertThat(posts.findPost(early)).map(Post::text).contains(BRAND_VOICE);
    }

    @Test
    void anEditOfAPostWithAnOpenIncidentIsNotedOnItAndStaffAreTold() throws Exception {
        PostKey post = key("113000000000000104");
        deliver(status("status.created", post, null, PERSONAL));
        assertThat(detect()).containsExactly("POST: " + PERSONAL);
        Incident incident = incidents.find(IncidentIds.forPost(post)).orElseThrow();

        deliver(status("status.updated", post, "2026-03-04T09:12:00Z", "Sorry, that was meant for a personal account."));
        assertThat(detect()).containsExactly("EDIT: Sorry, that was meant for a personal account.");
        assertThat(incidents.timeline(incident.id())).extracting(e -> e.event())
                .containsExactlyInAnyOrder(TimelineEvent.OPENED, TimelineEvent.POST_EDITED); // ordered by time: the edit's is the platform's
        assertThat(sent).filteredOn(n -> n.incidentId().equals(incident.id())).extracting(Notice::kind)
                .containsExactly(NoticeKind.ALERT, NoticeKind.POST_EDITED);
    }

    private static PostKey key(String id) {
        return new PostKey(Platform.MASTODON, BRAND.accountId(), id);
    }

    private static String deliver(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        var r = intake.handle(new WebhookRequest("POST", "mastodon", Map.of(), Map.of("Content-Type", "application/json",
                "X-Hub-Signature", SignatureVerifier.signHex(SECRET, body)), body));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /**
     * The stream records written since the last call that detect's filter lets through, run
     * through the detect function's body; returns them as "TYPE: text". A sentinel item written
     * last marks the end: the stream keeps the order of writes, so once it shows, all before it have.
     */
    private static List<String> detect() throws Exception {
        String sentinel = "SENTINEL#" + (++sentinels);
        aws.dynamo.putItem(p -> p.tableName(aws.tableName).item(Map.of(
                "PK", AttributeValue.fromS(sentinel), "SK", AttributeValue.fromS("S"))));
        List<Record> fresh = new ArrayList<>();
        for (int poll = 0; poll < 100; poll++) {
            fresh.clear();
            boolean seen = false;
            String shard = aws.streams.describeStream(d -> d.streamArn(aws.streamArn)).streamDescription().shards().get(0).shardId();
            String it = aws.streams.getShardIterator(g -> g.streamArn(aws.streamArn).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (it != null && !seen) {
                String iterator = it;
                var got = aws.streams.getRecords(g -> g.shardIterator(iterator).limit(1000));
                for (Record r : got.records()) {
                    if (streamed.contains(r.eventID())) continue;
                    if (r.dynamodb().keys().get("PK").s().equals(sentinel)) seen = true;
                    else fresh.add(r);
                }
                it = got.records().isEmpty() ? null : got.nextShardIterator();
            }
            if (seen) break;
            fresh.clear();
            Thread.sleep(50);
        }
        ArrayNode records = JSON.createArrayNode();
        List<String> seenByDetect = new ArrayList<>();
        for (Record r : fresh) {
            streamed.add(r.eventID());
            ObjectNode json = StreamRecordsJson.record(r, LocalAws.REGION, aws.streamArn);
            if (!EventPattern.anyMatches(detectFilters, json)) continue;
            records.add(json);
            Map<String, AttributeValue> image = r.dynamodb().newImage();
            seenByDetect.add(image.get("type").s() + ": " + image.get("text").s());
        }
        if (!records.isEmpty()) {
            DynamodbEvent event = LambdaEventSerializers.serializerFor(DynamodbEvent.class,
                    EditsOutOfOrderIntegrationTest.class.getClassLoader()).fromJson(JSON.writeValueAsString(
                    JSON.createObjectNode().set("Records", records)));
            assertThat(FunctionEvents.detect(screener, event).getBatchItemFailures()).isEmpty();
        }
        return seenByDetect;
    }

    private static String status(String event, PostKey post, String editedAt, String text) {
        return """
                {"event":"%s","created_at":"%s","object":{"id":"%s","created_at":"2026-03-04T09:00:00.000Z",%s
                 "content":"<p>%s</p>","account":{"id":"%s","username":"oakfield"}}}"""
                .formatted(event, editedAt == null ? "2026-03-04T09:00:00.000Z" : editedAt, post.postId(),
                        editedAt == null ? "" : "\"edited_at\":\"" + editedAt + "\",", text, post.accountId());
    }
}
