package com.mispost.local;

import com.mispost.account.Account;
import com.mispost.apology.ApologyComposer;
import com.mispost.detection.Assessment;
import com.mispost.detection.Severity;
import com.mispost.detection.VoiceProfile;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentAction;
import com.mispost.incident.IncidentState;
import com.mispost.incident.StaleStateException;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeKind;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import com.mispost.store.PostStore.ReactionOutcome;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.store.dynamodb.DynamoDbIncidentStore;
import com.mispost.store.dynamodb.DynamoDbPostStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The DynamoDB adapters against moto's real wire protocol: conditional writes, transactions, counters. */
class StoresIntegrationTest {
    private static LocalAws aws;
    private static DynamoDbPostStore posts;
    private static DynamoDbIncidentStore incidents;
    private static DynamoDbAccountRegistry accounts;
    private static StreamCounter counter;

    @BeforeAll
    static void provision() {
        aws = Moto.provisioned();
        posts = new DynamoDbPostStore(aws.dynamo, aws.tableName, Clock.systemUTC());
        incidents = new DynamoDbIncidentStore(aws.dynamo, aws.tableName);
        accounts = new DynamoDbAccountRegistry(aws.dynamo, aws.tableName);
        counter = new StreamCounter(aws, posts);
    }

    @AfterAll
    static void close() {
        aws.close();
    }

    private static Post post(String id, String text) {
        return new Post(Platform.X, "brand-1", id, "sam", text, Instant.parse("2026-11-20T10:00:00Z"), "Hootsuite",
                null, null, List.of("photo"), "en", "https://x.com/i/web/status/" + id);
    }

    private static Incident openIncident(String postId) {
        Post p = post(postId, "my weekend plans");
        posts.savePost(p, "{}");
        Incident i = Incident.open(p, new Assessment(0.8, Severity.MEDIUM, List.of(), "capture it"), Instant.now());
        Notice alert = new Notice("alert", i.id(), NoticeKind.ALERT, Severity.MEDIUM, "Brand", "x", "s", "b", "sms", Instant.now());
        assertThat(incidents.open(i, "http://localhost", new TimelineEntry(Instant.now(), TimelineEvent.OPENED, "detector", null), alert)).isTrue();
        return i;
    }

    @Test
    void aPostIsStoredOnceAndReadBackWhole() {
        Post p = post("p-1", "Our autumn range is in stores now.");
        assertThat(posts.savePost(p, "{\"raw\":1}")).isTrue();
        assertThat(posts.savePost(p, "{\"raw\":2}")).isFalse();
        assertThat(posts.findPost(p.key())).contains(p);
    }

    @Test
    void fiftyConcurrentReactionsLeaveExactCounters() throws Exception {
        Post p = post("p-50", "a post people react to");
        posts.savePost(p, "{}");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<ReactionOutcome>> jobs = new ArrayList<>();
        Instant at = Instant.parse("2026-11-20T10:05:30Z");
        for (int i = 0; i < 50; i++) {
            ReactionKind kind = i % 2 == 0 ? ReactionKind.REPLY : ReactionKind.LIKE;
            Reaction r = new Reaction(p.key(), kind, "r" + i, at);
            jobs.add(() -> posts.recordReaction(r));
            if (i < 10) jobs.add(() -> posts.recordReaction(r)); // redelivered: counted once
        }
        List<ReactionOutcome> outcomes = new ArrayList<>();
        for (Future<ReactionOutcome> f : pool.invokeAll(jobs)) outcomes.add(f.get());
        pool.shutdown();
        assertThat(outcomes).filteredOn(o -> o == ReactionOutcome.COUNTED).hasSize(50);
        assertThat(outcomes).filteredOn(o -> o == ReactionOutcome.DUPLICATE).hasSize(10);
        counter.countAll();
        var counts = posts.reactionCounts(p.key());
        assertThat(counts.of(ReactionKind.REPLY)).isEqualTo(25);
        assertThat(counts.of(ReactionKind.LIKE)).isEqualTo(25);
        assertThat(counts.total()).isEqualTo(50);
    }

    @Test
    void noItemIsWrittenByEveryReactionToAPost() {
        Post p = post("p-spread", "a post that goes viral");
        posts.savePost(p, "{}");
        Instant at = Instant.parse("2026-11-20T10:06:00Z");
        for (int i = 0; i < 200; i++) {
            assertThat(posts.recordReaction(new Reaction(p.key(), ReactionKind.LIKE, "spread-" + i, at)))
                    .isEqualTo(ReactionOutcome.COUNTED);
        }
        counter.countAll();
        // Every item the 200 reactions touched, by partition: the counters sit on several, none holds them all.
        List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> counters = new ArrayList<>();
        aws.dynamo.scanPaginator(b -> b.tableName(aws.tableName)).items().forEach(item -> {
            if (item.get("PK").s().startsWith("COUNTS#" + p.key() + "#") && item.get("SK").s().equals("TOTAL")) counters.add(item);
        });
        assertThat(counters).hasSizeGreaterThan(4);
        assertThat(counters).allSatisfy(item -> assertThat(Long.parseLong(item.get("like").n())).isLessThan(200));
        assertThat(counters.stream().mapToLong(item -> Long.parseLong(item.get("like").n())).sum()).isEqualTo(200);
        assertThat(posts.reactionCounts(p.key()).of(ReactionKind.LIKE)).isEqualTo(200);
        assertThat(posts.reactionCounts(p.key()).perMinute()).containsExactly(java.util.Map.entry(at, 200L));
    }

    @Test
    void recordingAReactionWritesOnlyItsOwnItemsAndTheStreamCountsIt() {
        Post p = post("p-hot", "a post a thousand people like at once");
        posts.savePost(p, "{}");
        counter.countAll();
        Instant at = Instant.parse("2026-11-20T10:08:00Z");
        List<Reaction> likes = new ArrayList<>();
        for (int i = 0; i < 40; i++) likes.add(new Reaction(p.key(), ReactionKind.LIKE, "hot-" + i, at));
        for (Reaction r : likes) assertThat(posts.recordReaction(r)).isEqualTo(ReactionOutcome.COUNTED);
        assertThat(posts.recordReactions(likes)).containsOnly(ReactionOutcome.DUPLICATE);
        // On the request path nothing but each reaction's own marker: no counter, no item two reactions share.
        assertThat(itemsUnder("COUNTS#" + p.key() + "#")).isEmpty();
        List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> markers = itemsUnder("REACTION#" + p.key() + "#");
        assertThat(markers).hasSize(40);
        assertThat(markers.stream().map(m -> m.get("PK").s() + "|" + m.get("SK").s()).distinct()).hasSize(40);
        assertThat(posts.reactionCounts(p.key()).total()).isZero();

        counter.countAll();
        assertThat(posts.reactionCounts(p.key()).of(ReactionKind.LIKE)).isEqualTo(40);
        assertThat(posts.reactionCounts(p.key()).perMinute()).containsExactly(java.util.Map.entry(at, 40L));
    }

    @Test
    void countsStayExactWhenStreamBatchesComeAgainWholeOrBisectedOrFromTheMiddle() {
        Post p = post("p-retried", "a post whose stream batches fail and come again");
        posts.savePost(p, "{}");
        counter.countAll();
        Instant at = Instant.parse("2026-11-20T10:09:10Z");
        List<Reaction> reactions = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ReactionKind kind = i % 5 == 0 ? ReactionKind.REPLY : i % 7 == 0 ? ReactionKind.SHARE : ReactionKind.LIKE;
            // Three minutes, so that a lane's total and its minutes are separate writes.
            reactions.add(new Reaction(p.key(), kind, "retried-" + i, at.plusSeconds(i), kind == ReactionKind.REPLY ? "why " + i : null));
        }
        for (int from = 0; from < reactions.size(); from += 30) posts.recordReactions(reactions.subList(from, from + 30));
        List<com.mispost.store.StreamedReaction> seen = counter.read();
        assertThat(seen).hasSize(150);
        int n = seen.size();
        posts.countReactions(seen.subList(0, n / 3));          // a batch that failed after its first writes...
        posts.countReactions(seen);                              // ...delivered again whole, and further
        posts.countReactions(seen);                              // a retry of a batch that had succeeded
        posts.countReactions(seen.subList(0, n / 2));          // bisected: the first half,
        posts.countReactions(seen.subList(n / 2, n));          // then the second
        posts.countReactions(seen.subList(n / 4, 3 * n / 4));  // retried from a failure in the middle
        var counts = posts.reactionCounts(p.key());
        assertThat(counts.of(ReactionKind.REPLY)).isEqualTo(30);
        assertThat(counts.of(ReactionKind.SHARE)).isEqualTo(reactions.stream().filter(r -> r.kind() == ReactionKind.SHARE).count());
        assertThat(counts.total()).isEqualTo(150);
        assertThat(counts.perMinute().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(150);
        assertThat(counts.perMinute()).hasSize(3);
        assertThat(counts.lastReactionAt()).isNotNull();
    }

    @Test
    void lanesCountedAtOnceByDifferentReadersStayExact() throws Exception {
        Post p = post("p-lanes", "a post counted by several stream readers at once");
        posts.savePost(p, "{}");
        counter.countAll();
        Instant at = Instant.parse("2026-11-20T10:11:00Z");
        for (int i = 0; i < 120; i++) posts.recordReaction(new Reaction(p.key(), ReactionKind.LIKE, "lane-" + i, at));
        List<com.mispost.store.StreamedReaction> seen = counter.read();
        // Each lane to a reader of its own (as Lambda gives each partition key's records to one batch at a
        // time), each reader delivering its batch twice.
        java.util.Map<String, List<com.mispost.store.StreamedReaction>> byLane = new java.util.TreeMap<>();
        for (var r : seen) byLane.computeIfAbsent(r.lane(), l -> new ArrayList<>()).add(r);
        assertThat(byLane).hasSizeGreaterThan(4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Void>> readers = new ArrayList<>();
        for (List<com.mispost.store.StreamedReaction> lane : byLane.values()) {
            readers.add(() -> {
                posts.countReactions(lane);
                posts.countReactions(lane);
                return null;
            });
        }
        for (Future<Void> f : pool.invokeAll(readers)) f.get();
        pool.shutdown();
        assertThat(posts.reactionCounts(p.key()).of(ReactionKind.LIKE)).isEqualTo(120);
        assertThat(posts.recentReactions(p.key(), at).perMinute()).containsExactly(java.util.Map.entry(at, 120L));
    }

    @Test
    void minuteCountsExpireAndRepliesSpreadOverSeveralPartitions() {
        Post p = post("p-expiry", "a post with many replies");
        posts.savePost(p, "{}");
        counter.countAll();
        Instant at = Instant.parse("2026-11-20T10:12:00Z");
        for (int i = 0; i < 40; i++) posts.recordReaction(new Reaction(p.key(), ReactionKind.REPLY, "words-" + i, at.plusMillis(i), "no " + i));
        counter.countAll();
        List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> minutes = new ArrayList<>();
        itemsUnder("COUNTS#" + p.key() + "#").forEach(item -> { if (item.get("SK").s().startsWith("MINUTE#")) minutes.add(item); });
        assertThat(minutes).isNotEmpty().allSatisfy(item -> assertThat(item).containsKey("expiresAt"));
        java.util.Set<String> partitions = new java.util.HashSet<>();
        itemsUnder("POST#" + p.key()).forEach(item -> { if (item.get("SK").s().startsWith("REPLY#")) partitions.add(item.get("PK").s()); });
        assertThat(partitions).hasSizeGreaterThan(3);
        assertThat(posts.replies(p.key(), 5)).extracting(Reaction::reactionId).containsExactly("words-39", "words-38", "words-37", "words-36", "words-35");
    }

    private static List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> itemsUnder(String pkPrefix) {
        List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> found = new ArrayList<>();
        aws.dynamo.scanPaginator(b -> b.tableName(aws.tableName)).items().forEach(item -> {
            if (item.get("PK").s().startsWith(pkPrefix)) found.add(item);
        });
        return found;
    }

    @Test
    void aRawDeliveryIsKeptCompressedAndReadBackByteForByteAsAreOnesKeptBefore() {
        StringBuilder json = new StringBuilder("{\"favorite_events\":[");
        for (int i = 0; i < 1500; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"fav-").append(i).append("\",\"user\":{\"id_str\":\"")
                    .append(8_200_000_000L + i).append("\",\"screen_name\":\"fan").append(i)
                    .append("\",\"followers_count\":").append(i * 7).append(",\"default_profile_image\":false}}");
        }
        byte[] body = json.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(DynamoDbPostStore.DELIVERY_CHUNK_BYTES / 3);
        posts.saveDelivery("d-compressed", Platform.X, body);
        posts.saveDelivery("d-compressed", Platform.X, "a redelivery never replaces the first copy".getBytes());
        assertThat(posts.findDelivery("d-compressed")).hasValueSatisfying(b -> assertThat(b).isEqualTo(body));
        List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> chunks = itemsUnder("DELIVERY#d-compressed");
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).get("bytes").b().asByteArray().length).isLessThan(body.length / 3);
        // A delivery kept before compression (no encoding on its first chunk) reads as it was stored.
        aws.dynamo.putItem(b -> b.tableName(aws.tableName).item(java.util.Map.of("PK", av("DELIVERY#d-plain"), "SK", av("CHUNK#000"),
                "chunks", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("1"),
                "bytes", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{}")))));
        assertThat(posts.findDelivery("d-plain")).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("{}"));
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue av(String s) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(s);
    }

    @Test
    void aSweepReadsTotalsAndTheLastMinutesInOneGo() {
        Post p = post("p-recent", "a post still being reacted to");
        posts.savePost(p, "{}");
        Instant now = Instant.now();
        Instant thisMinute = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        List<Reaction> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) batch.add(new Reaction(p.key(), ReactionKind.LIKE, "old-" + i, thisMinute.minusSeconds(600)));
        for (int i = 0; i < 5; i++) batch.add(new Reaction(p.key(), ReactionKind.SHARE, "new-" + i, now));
        posts.recordReactions(batch);
        counter.countAll();
        assertThat(posts.recordDeletion(p.key(), now)).isTrue();

        var recent = posts.recentReactions(p.key(), thisMinute.minusSeconds(60));
        var all = posts.reactionCounts(p.key());
        assertThat(recent.totals()).isEqualTo(all.totals()).containsEntry(ReactionKind.LIKE, 7L).containsEntry(ReactionKind.SHARE, 5L);
        assertThat(recent.lastReactionAt()).isEqualTo(all.lastReactionAt()).isNotNull();
        assertThat(recent.deletedAt()).isEqualTo(all.deletedAt()).isNotNull();
        assertThat(all.perMinute()).hasSize(2);
        assertThat(recent.perMinute()).as("only the minutes asked for").containsExactly(java.util.Map.entry(thisMinute, 5L));
    }

    @Test
    void theWordsOfRepliesAreKeptWithThePostNewestFirstAndOnlyOnce() {
        Post p = post("p-replies", "a post people answer");
        posts.savePost(p, "{}");
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        Reaction first = new Reaction(p.key(), ReactionKind.REPLY, "rep-1", at.plusSeconds(5), "wrong account?", "8100000001");
        Reaction second = new Reaction(p.key(), ReactionKind.REPLY, "rep-2", at.plusMillis(5_500), "who approved this");
        Reaction quote = new Reaction(p.key(), ReactionKind.QUOTE, "q-1", at.plusSeconds(9), "lol look at this", "8100000002",
                new com.mispost.post.AuthorStanding(Instant.parse("2026-11-01T00:00:00Z"), 4L, false));
        Reaction like = new Reaction(p.key(), ReactionKind.LIKE, "l-1", at.plusSeconds(10));
        assertThat(posts.recordReactions(List.of(second, first, quote, like, first)))
                .containsExactly(ReactionOutcome.COUNTED, ReactionOutcome.COUNTED, ReactionOutcome.COUNTED,
                        ReactionOutcome.COUNTED, ReactionOutcome.DUPLICATE);
        assertThat(posts.recordReaction(second)).isEqualTo(ReactionOutcome.DUPLICATE);
        assertThat(posts.replies(p.key(), 10)).extracting(Reaction::reactionId).containsExactly("q-1", "rep-2", "rep-1");
        assertThat(posts.replies(p.key(), 2)).extracting(Reaction::text).containsExactly("lol look at this", "who approved this");
        assertThat(posts.replies(p.key(), 1).get(0).kind()).isEqualTo(ReactionKind.QUOTE);
        assertThat(posts.replies(p.key(), 10)).containsExactly(quote, second, first);
        // Who wrote a reply is personal data: it is kept only on the reply's item, which expires.
        List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> holding = new ArrayList<>();
        aws.dynamo.scanPaginator(b -> b.tableName(aws.tableName)).items().forEach(item -> {
            if (item.values().stream().anyMatch(v -> "8100000001".equals(v.s()) || "8100000002".equals(v.s()))) holding.add(item);
        });
        assertThat(holding).hasSize(2).allSatisfy(item -> {
            assertThat(item.get("SK").s()).startsWith("REPLY#");
            assertThat(item).containsKey("expiresAt");
            // A stream consumer reads which post the reply answers from the item itself, not from its key.
            assertThat(com.mispost.store.dynamodb.PostItems.replyTarget(item)).contains(p.key());
        });
    }

    @Test
    void aBatchOfReactionsToManyPostsCountsEachOnceAndSaysWhichWereNot() {
        List<Post> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) many.add(post("p-many-" + i, "post " + i));
        assertThat(posts.savePosts(many, "delivery-1")).containsOnly(true).hasSize(60);
        assertThat(posts.savePosts(List.of(many.get(0), post("p-many-new", "new")), "delivery-2")).containsExactly(false, true);
        Instant at = Instant.parse("2026-11-20T10:07:00Z");
        List<Reaction> batch = new ArrayList<>();
        for (Post p : many) {
            batch.add(new Reaction(p.key(), ReactionKind.LIKE, "like-" + p.postId(), at));
            batch.add(new Reaction(p.key(), ReactionKind.REPLY, "reply-" + p.postId(), at.plusSeconds(70)));
        }
        batch.add(new Reaction(many.get(3).key(), ReactionKind.LIKE, "like-p-many-3", at)); // the same, twice
        batch.add(new Reaction(new PostKey(Platform.X, "brand-1", "p-never"), ReactionKind.LIKE, "l-x", at));
        posts.recordReaction(batch.get(5)); // counted before the batch
        List<ReactionOutcome> outcomes = posts.recordReactions(batch);
        assertThat(outcomes).filteredOn(o -> o == ReactionOutcome.COUNTED).hasSize(119);
        assertThat(outcomes.get(5)).isEqualTo(ReactionOutcome.DUPLICATE);
        assertThat(outcomes.get(120)).isEqualTo(ReactionOutcome.DUPLICATE);
        assertThat(outcomes.get(121)).isEqualTo(ReactionOutcome.UNKNOWN_POST);
        counter.countAll();
        for (Post p : many) {
            var counts = posts.reactionCounts(p.key());
            assertThat(counts.total()).as(p.postId()).isEqualTo(2);
            assertThat(counts.perMinute()).hasSize(2);
        }
    }

    @Test
    void aReactionToAnUnknownPostIsDropped() {
        Reaction r = new Reaction(new PostKey(Platform.X, "brand-1", "nope"), ReactionKind.SHARE, "s1", Instant.now());
        assertThat(posts.recordReaction(r)).isEqualTo(ReactionOutcome.UNKNOWN_POST);
    }

    @Test
    void anIncidentOpensOncePerPost() {
        Incident i = openIncident("p-inc-once");
        Notice again = new Notice("alert", i.id(), NoticeKind.ALERT, Severity.MEDIUM, "Brand", "x", "s", "b", "sms", Instant.now());
        assertThat(incidents.open(i, "http://localhost", new TimelineEntry(Instant.now(), TimelineEvent.OPENED, "detector", null), again)).isFalse();
        assertThat(incidents.pendingNotices()).filteredOn(n -> n.incidentId().equals(i.id())).hasSize(1);
    }

    @Test
    void transitionsCheckTheStateTheyComeFrom() throws Exception {
        Incident i = openIncident("p-transitions");
        TimelineEntry e = new TimelineEntry(Instant.now(), TimelineEvent.ACKNOWLEDGED, "ana", null);
        assertThat(incidents.apply(i.id(), IncidentAction.ACKNOWLEDGE, e, null, null).state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThatThrownBy(() -> incidents.apply(i.id(), IncidentAction.ACKNOWLEDGE, e, null, null))
                .isInstanceOf(StaleStateException.class)
                .satisfies(x -> assertThat(((StaleStateException) x).actual()).isEqualTo(IncidentState.ACKNOWLEDGED));
        assertThatThrownBy(() -> incidents.apply(i.id(), IncidentAction.REPAIR, e, null, null)).isInstanceOf(StaleStateException.class);
        Incident approved = incidents.apply(i.id(), IncidentAction.APPROVE, new TimelineEntry(Instant.now(), TimelineEvent.DRAFT_APPROVED, "ana", "Sorry."), "Sorry.", null);
        assertThat(approved.state()).isEqualTo(IncidentState.RESPONDING);
        assertThat(approved.approvedDraft()).isEqualTo("Sorry.");
        incidents.apply(i.id(), IncidentAction.CLOSE, new TimelineEntry(Instant.now(), TimelineEvent.CLOSED, "ana", null), null, null);
        assertThat(incidents.active()).extracting(Incident::id).doesNotContain(i.id());
        assertThat(incidents.timeline(i.id())).extracting(TimelineEntry::event).containsExactly(
                TimelineEvent.OPENED, TimelineEvent.ACKNOWLEDGED, TimelineEvent.DRAFT_APPROVED, TimelineEvent.CLOSED);
    }

    @Test
    void twoStaffActingAtOnceNeverBothWin() throws Exception {
        Incident i = openIncident("p-race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger won = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Callable<Void>> jobs = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            IncidentAction a = k % 2 == 0 ? IncidentAction.ACKNOWLEDGE : IncidentAction.DISMISS;
            String who = "staff-" + k;
            jobs.add(() -> {
                try {
                    incidents.apply(i.id(), a, new TimelineEntry(Instant.now(), TimelineEvent.of(a), who, "reason"), null, null);
                    won.incrementAndGet();
                } catch (StaleStateException e) {
                    refused.incrementAndGet();
                }
                return null;
            });
        }
        pool.invokeAll(jobs);
        pool.shutdown();
        // OPEN → ACKNOWLEDGED → DISMISSED is a legal path, so at most two can win; never two acknowledgements.
        List<TimelineEvent> events = incidents.timeline(i.id()).stream().map(TimelineEntry::event).toList();
        assertThat(events.stream().filter(e -> e == TimelineEvent.ACKNOWLEDGED).count()).isLessThanOrEqualTo(1);
        assertThat(events.stream().filter(e -> e == TimelineEvent.DISMISSED).count()).isLessThanOrEqualTo(1);
        assertThat(won.get() + refused.get()).isEqualTo(8);
        assertThat(won.get()).isBetween(1, 2);
        assertThat(events.size()).isEqualTo(1 + won.get());
    }

    @Test
    void draftsAreStoredOncePerIncident() {
        Incident i = openIncident("p-drafts");
        var drafts = new ApologyComposer().compose(com.mispost.apology.DraftRequest.of(Platform.X, Severity.CRITICAL, "Brand"));
        Notice n = new Notice("drafts-ready", i.id(), NoticeKind.DRAFTS_READY, Severity.MEDIUM, "Brand", "x", "s", "b", "sms", Instant.now());
        assertThat(incidents.saveDrafts(i.id(), drafts, n)).isTrue();
        assertThat(incidents.saveDrafts(i.id(), drafts, n)).isFalse();
        assertThat(incidents.drafts(i.id())).isEqualTo(drafts);
    }

    @Test
    void onlyOneSenderCanClaimANotice() {
        Incident i = openIncident("p-claim");
        Notice alert = incidents.pendingNotices().stream().filter(n -> n.incidentId().equals(i.id())).findFirst().orElseThrow();
        Instant now = Instant.now();
        assertThat(incidents.claim(alert, now, java.time.Duration.ofSeconds(60))).isTrue();
        assertThat(incidents.claim(alert, now, java.time.Duration.ofSeconds(60))).as("the sweep racing the inline send").isFalse();
        assertThat(incidents.claim(alert, now.plusSeconds(61), java.time.Duration.ofSeconds(60))).as("a lapsed claim").isTrue();
        incidents.markSent(alert);
        assertThat(incidents.claim(alert, now.plusSeconds(600), java.time.Duration.ofSeconds(60))).isFalse();
        assertThat(incidents.pendingNotices()).extracting(Notice::id).doesNotContain(alert.id() + "@" + i.id());
    }

    @Test
    void theVoiceIsUpdatedOptimistically() {
        AccountKey key = new AccountKey(Platform.X, "voice-brand");
        accounts.save(Account.watched(key, "Voice Brand"));
        VoiceProfile seen = accounts.voice(key);
        VoiceProfile next = seen.learn(post("v1", "We are open late tonight."));
        assertThat(accounts.saveVoice(key, seen, next)).isTrue();
        assertThat(accounts.saveVoice(key, seen, next)).as("a stale writer loses").isFalse();
        assertThat(accounts.voice(key).posts()).isEqualTo(next.posts());
        assertThat(accounts.list()).extracting(Account::key).contains(key);
    }

    @Test
    void everyLearnedPostCountsInTheDeploymentsPriorAndSampleWhichAFreshReaderSees() {
        AccountKey key = new AccountKey(Platform.X, "prior-brand");
        accounts.save(Account.watched(key, "Prior Brand"));
        DynamoDbAccountRegistry before = new DynamoDbAccountRegistry(aws.dynamo, aws.tableName);
        long posts = before.deploymentPrior().posts();
        long scores = before.deploymentPrior().scores();
        for (int i = 0; i < 30; i++) {
            assertThat(accounts.learn(key, post("prior-" + i, "We are open late tonight, visit us " + i + "."), i == 29 ? 0.9 : 0.05)).isTrue();
        }

        DynamoDbAccountRegistry fresh = new DynamoDbAccountRegistry(aws.dynamo, aws.tableName);
        com.mispost.detection.DeploymentPrior prior = fresh.deploymentPrior();

        assertThat(prior.posts()).isEqualTo(posts + 30);
        assertThat(prior.styleCounts()).as("each learned post's marks of style").isNotEqualTo(before.deploymentPrior().styleCounts());
        assertThat(prior.scores()).as("held-out scores once the voice has formed").isEqualTo(scores + 30 - VoiceProfile.CALIBRATION_WARMUP);
        assertThat(prior.scoreBins()[com.mispost.detection.DeploymentPrior.BINS - 1]).as("0.9 is not in the top bin").isZero();
        assertThat(prior.ownPosts().texts()).as("one text per slot the ids fell in").isBetween(25, 30 + 256);
    }

    @Test
    void repliesAreKeptInABoundedSampleThatGoesWithTheAccount() {
        AccountKey key = new AccountKey(Platform.X, "reply-brand");
        accounts.save(Account.watched(key, "Reply Brand"));
        java.util.Set<Integer> slots = new java.util.HashSet<>();
        for (int i = 0; i < 40; i++) {
            String id = "reply-" + i;
            accounts.keepReply(key, id, "@replybrand where is my order " + i + "? " + "x".repeat(i == 0 ? 2000 : 0));
            slots.add(Math.floorMod(id.hashCode(), com.mispost.detection.PublicVoice.SAMPLE_SIZE));
        }
        accounts.keepReply(key, "reply-1", "@replybrand the same reply delivered again");

        assertThat(accounts.publicVoice(key).texts()).as("one text per slot").isEqualTo(slots.size()).isGreaterThan(30);
        assertThat(accounts.publicVoice(new AccountKey(Platform.X, "voice-brand")).texts()).isZero();

        assertThat(accounts.remove(key)).isTrue();
        assertThat(accounts.publicVoice(key).texts()).isZero();
    }

    @Test
    void aWarmEnvironmentReadsTheSampleOfPublicVoiceAtMostOnceAMinuteButSeesItsOwnReplies() {
        AccountKey key = new AccountKey(Platform.X, "cached-voice-brand");
        accounts.save(Account.watched(key, "Cached Voice Brand"));
        accounts.keepReply(key, "c-1", "@brand where is my parcel");
        assertThat(accounts.publicVoice(key).texts()).isEqualTo(1);
        // Another environment (intake) keeps a reply: this one answers from what it read, for up to a minute.
        new DynamoDbAccountRegistry(aws.dynamo, aws.tableName).keepReply(key, "c-2", "@brand love the new mugs");
        assertThat(accounts.publicVoice(key).texts()).isEqualTo(1);
        accounts.keepReply(key, "c-3", "@brand any vegan options?");
        assertThat(accounts.publicVoice(key).texts()).isEqualTo(3);
    }

    @Test
    void repliesAreKeptTogetherAndASlotNamedTwiceInOneBatchKeepsTheLater() {
        AccountKey key = new AccountKey(Platform.X, "batch-reply-brand");
        accounts.save(Account.watched(key, "Batch Reply Brand"));
        java.util.Set<Integer> slots = new java.util.HashSet<>();
        List<com.mispost.store.AccountRegistry.KeptReply> replies = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = "batch-reply-" + i;
            replies.add(new com.mispost.store.AccountRegistry.KeptReply(key, id, "@brand where is order " + i));
            slots.add(Math.floorMod(id.hashCode(), com.mispost.detection.PublicVoice.SAMPLE_SIZE));
        }
        // One request may not name a key twice: the same reply again in the same batch.
        replies.add(new com.mispost.store.AccountRegistry.KeptReply(key, "batch-reply-1", "@brand the same reply again"));
        accounts.keepReplies(replies);
        assertThat(accounts.publicVoice(key).texts()).as("one text per slot").isEqualTo(slots.size()).isGreaterThan(50);
    }

    @Test
    void watchedAccountsAreFoundTogetherAndOnlyThose() {
        List<AccountKey> asked = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            AccountKey key = new AccountKey(Platform.META, "batch-" + i);
            if (i % 3 == 0) accounts.save(Account.watched(key, "Batch " + i));
            asked.add(key);
        }
        asked.add(asked.get(0)); // named twice
        java.util.Map<AccountKey, Account> found = accounts.findAll(asked);
        assertThat(found).hasSize(77);
        assertThat(found.keySet()).allMatch(k -> Integer.parseInt(k.accountId().substring(6)) % 3 == 0);
        assertThat(found.get(new AccountKey(Platform.META, "batch-3")).displayName()).isEqualTo("Batch 3");
    }

    @Test
    void postsAreLookedUpTogetherAndDeletionsNotedTogether() {
        List<PostKey> asked = new ArrayList<>();
        for (int i = 0; i < 150; i++) asked.add(new PostKey(Platform.X, "brand-1", "lookup-" + i));
        posts.savePosts(List.of(post("lookup-7", "spring menu"), post("lookup-120", "spring menu")), "d-lookup");
        assertThat(posts.stored(asked)).containsExactlyInAnyOrder(asked.get(7), asked.get(120));

        java.util.Map<PostKey, Instant> deletions = new java.util.LinkedHashMap<>();
        for (PostKey key : asked) deletions.put(key, Instant.parse("2026-11-20T11:00:00Z"));
        assertThat(posts.recordDeletions(deletions)).as("only stored posts, over two transactions")
                .containsExactlyInAnyOrder(asked.get(7), asked.get(120));
        assertThat(posts.recordDeletions(deletions)).as("noted before").isEmpty();
        assertThat(posts.reactionCounts(asked.get(7)).deletedAt()).isEqualTo(Instant.parse("2026-11-20T11:00:00Z"));
    }

    @Test
    void aDeliverySaysWhetherItIsNewAndKeepsHowFarStoringItGot() {
        byte[] body = "{\"events\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(posts.saveDelivery("progress-1", Platform.X, body)).isTrue();
        assertThat(posts.saveDelivery("progress-1", Platform.X, body)).as("a redelivery").isFalse();
        assertThat(posts.progress("progress-1")).isEmpty();
        posts.noteProgress("progress-1", new com.mispost.store.PostStore.Progress(6, "ab12"));
        posts.noteProgress("progress-1", new com.mispost.store.PostStore.Progress(3, "cd34"));
        assertThat(posts.progress("progress-1")).contains(new com.mispost.store.PostStore.Progress(3, "cd34"));
        posts.noteProgress("never-delivered", new com.mispost.store.PostStore.Progress(1, "ef56"));
        assertThat(posts.progress("never-delivered")).isEmpty();
        assertThat(posts.findDelivery("progress-1")).hasValueSatisfying(b -> assertThat(b).isEqualTo(body));
    }
}
