package com.mispost.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import com.mispost.store.PostStore.EditOutcome;
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
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
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
        NoticeComposer notices = new NoticeComposer(new ActionLinks(name -> Optional.of("edits-integration-link-key"), Duration.ofHours(1)));
        screener = new PostScreener(new MispostDetector(), accounts, posts, incidents, notices,
                new Outbox(incidents, sent::add, notices, MetricsRecorder.NONE, clock), "http://local", MetricsRecorder.NONE, clock);
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

    /**
     * Against a model of the rule (a version is stored only when newer than every version seen; the
     * first stored is the post), in random orders with redeliveries: the table's conditional writes
     * give each delivery the model's outcome, and leave the model's post and edit items.
     */
    @Test
    void anyOrderOfACreationAndItsEditsEndsAsTheModelSays() throws Exception {
        for (int seed = 1; seed <= 12; seed++) {
            Random random = new Random(seed);
            PostKey key = key("1130000000000002" + String.format("%02d", seed));
            Instant t0 = Instant.parse("2026-03-04T09:00:00Z");
            List<Post> versions = new ArrayList<>();
            versions.add(post(key, t0, "the original"));
            for (int v = 1; v <= 3; v++) versions.add(post(key, t0.plusMillis(v * 1000L + random.nextInt(900)), "edit " + v));
            List<Integer> deliveries = new ArrayList<>(List.of(0, 1, 2, 3));
            for (int again = random.nextInt(4); again > 0; again--) deliveries.add(random.nextInt(4));
            Collections.shuffle(deliveries, random);

            Instant newest = null;
            String postText = null;
            List<Instant> recorded = new ArrayList<>();
            List<String> screened = new ArrayList<>();
            for (int d : deliveries) {
                Post version = versions.get(d);
                if (d == 0) {
                    boolean expected = postText == null;
                    if (expected) {
                        postText = version.text();
                        screened.add("POST: " + postText);
                    }
                    assertThat(posts.savePost(version, "{}")).as("seed %d: the creation, after %s", seed, newest).isEqualTo(expected);
                    continue;
                }
                Instant at = version.createdAt();
                EditOutcome expected;
                if (newest != null && !at.isAfter(newest)) {
                    expected = at.equals(newest) ? EditOutcome.DUPLICATE : EditOutcome.OUTDATED;
                } else {
                    newest = at;
                    expected = postText == null ? EditOutcome.STORED_AS_POST : EditOutcome.RECORDED;
                    if (postText == null) postText = version.text();
                    else recorded.add(at);
                    screened.add((expected == EditOutcome.RECORDED ? "EDIT: " : "POST: ") + version.text());
                }
                assertThat(posts.saveEdit(version, at, "{}")).as("seed %d: edit %d in %s", seed, d, deliveries).isEqualTo(expected);
            }
            assertThat(posts.findPost(key)).map(Post::text).as("seed %d", seed).contains(postText);
            List<Instant> editItems = aws.dynamo.query(q -> q.tableName(aws.tableName).consistentRead(true)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :edit)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("POST#" + key),
                            ":edit", AttributeValue.fromS("EDIT#")))).items().stream()
                    .map(item -> Instant.parse(item.get("editedAt").s())).sorted().toList();
            assertThat(editItems).as("seed %d", seed).containsExactlyElementsOf(recorded);
            // What detect is given: each stored version once, oldest first, the newest last.
            assertThat(described(forDetect(written()))).as("seed %d: %s", seed, deliveries).containsExactlyElementsOf(screened);
        }
    }

    private static Post post(PostKey key, Instant at, String text) {
        return new Post(key.platform(), key.accountId(), key.postId(), null, text, at, null, null, null, List.of(), null, null);
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

    /** The stream records written since the last call that detect's filter lets through, run through the detect function's body. */
    private static List<String> detect() throws Exception {
        List<Record> fresh = forDetect(written());
        if (!fresh.isEmpty()) {
            ArrayNode records = JSON.createArrayNode();
            for (Record r : fresh) records.add(StreamRecordsJson.record(r, LocalAws.REGION, aws.streamArn));
            DynamodbEvent event = LambdaEventSerializers.serializerFor(DynamodbEvent.class,
                    EditsOutOfOrderIntegrationTest.class.getClassLoader()).fromJson(JSON.writeValueAsString(
                    JSON.createObjectNode().set("Records", records)));
            assertThat(FunctionEvents.detect(screener, event).getBatchItemFailures()).isEmpty();
        }
        return described(fresh);
    }

    /** The records detect's FilterCriteria let through, as the template gives them. */
    private static List<Record> forDetect(List<Record> records) {
        return records.stream().filter(r -> EventPattern.anyMatches(detectFilters,
                StreamRecordsJson.record(r, LocalAws.REGION, aws.streamArn))).toList();
    }

    /** Each record as "TYPE: text". */
    private static List<String> described(List<Record> records) {
        return records.stream().map(r -> r.dynamodb().newImage().get("type").s() + ": " + r.dynamodb().newImage().get("text").s())
                .toList();
    }

    /**
     * The stream records written since the last call. A sentinel item written last marks the end:
     * the stream keeps the order of writes, so once it shows, all before it have.
     */
    private static List<Record> written() throws InterruptedException {
        String sentinel = "SENTINEL#" + (++sentinels);
        aws.dynamo.putItem(p -> p.tableName(aws.tableName).item(Map.of(
                "PK", AttributeValue.fromS(sentinel), "SK", AttributeValue.fromS("S"))));
        for (int poll = 0; poll < 100; poll++) {
            List<Record> fresh = new ArrayList<>();
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
            if (seen) {
                fresh.forEach(r -> streamed.add(r.eventID()));
                streamed.add(sentinel);
                return fresh;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the stream never showed " + sentinel);
    }

    private static String status(String event, PostKey post, String editedAt, String text) {
        return """
                {"event":"%s","created_at":"%s","object":{"id":"%s","created_at":"2026-03-04T09:00:00.000Z",%s
                 "content":"<p>%s</p>","account":{"id":"%s","username":"oakfield"}}}"""
                .formatted(event, editedAt == null ? "2026-03-04T09:00:00.000Z" : editedAt, post.postId(),
                        editedAt == null ? "" : "\"edited_at\":\"" + editedAt + "\",", text, post.accountId());
    }
}
