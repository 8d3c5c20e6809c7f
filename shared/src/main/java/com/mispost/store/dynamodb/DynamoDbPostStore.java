package com.mispost.store.dynamodb;

import com.mispost.detection.Assessment;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import com.mispost.store.PostStore;
import com.mispost.post.ReactionCounts;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import static com.mispost.store.dynamodb.Items.*;

/**
 * Posts, raw deliveries and reaction counters in the suite's table. Reactions are counted on
 * {@link #COUNTER_SHARDS} counter items per post, each on its own partition key, and summed on read. A raw delivery is kept once,
 * as binary, under {@code DELIVERY#<sha256 of the body>} in chunks of at most
 * {@link #DELIVERY_CHUNK_BYTES} ({@code CHUNK#000}, {@code CHUNK#001}, ...); posts and edits name it.
 */
public final class DynamoDbPostStore implements PostStore {
    /** Raw deliveries are evidence of exactly what went out; kept this long, then DynamoDB's TTL removes them. */
    public static final Duration RAW_DELIVERY_RETENTION = Duration.ofDays(90);
    private static final Duration REACTION_MARKER_RETENTION = Duration.ofDays(30);
    /** Raw deliveries are split into chunks this size, well within DynamoDB's 400 KB item limit. */
    public static final int DELIVERY_CHUNK_BYTES = 300 * 1024;
    private static final String DELIVERY_PREFIX = "DELIVERY#";
    /** DynamoDB's limit on the items of one transaction. */
    private static final int MAX_TRANSACTION_ITEMS = 100;
    /** A conflicting transaction is tried again this often, after a growing random pause (on another shard when counting). */
    private static final int CONFLICT_ATTEMPTS = 8;
    /**
     * Each post's reaction counters are split over this many items, each on a partition of its own,
     * so that concurrent deliveries rarely meet on one (docs/PERFORMANCE.md, the capacity model).
     */
    static final int COUNTER_SHARDS = 16;
    private static final String SK_TOTAL = "TOTAL";
    /** On a post item: the epoch nanoseconds of the newest edit seen (see {@link #saveEdit}). */
    static final String EDIT_VERSION = "editVersion";
    private static final String REPLY_PREFIX = "REPLY#";
    /** The words of a reply, kept with the post for the crowd's reading of it. */
    public static final String TYPE_REPLY = "REPLY";
    /** Posts known to be stored (they are never removed), so a viral post is looked up once per environment. */
    private final Map<PostKey, Boolean> storedPosts = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<PostKey, Boolean> eldest) {
                    return size() > 4096;
                }
            });

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbPostStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public void saveDelivery(String deliveryId, Platform platform, byte[] body) {
        Instant now = clock.instant();
        int chunks = Math.max(1, (body.length + DELIVERY_CHUNK_BYTES - 1) / DELIVERY_CHUNK_BYTES);
        long expires = now.plus(RAW_DELIVERY_RETENTION).getEpochSecond();
        // The first chunk, which says how many there are, goes last: a reader that finds it finds them all.
        for (int i = chunks - 1; i >= 0; i--) {
            Map<String, AttributeValue> item = new HashMap<>(deliveryKey(deliveryId, i));
            item.put(TYPE, s("DELIVERY"));
            int from = i * DELIVERY_CHUNK_BYTES;
            item.put("bytes", AttributeValue.fromB(SdkBytes.fromByteArray(
                    Arrays.copyOfRange(body, from, Math.min(body.length, from + DELIVERY_CHUNK_BYTES)))));
            item.put(EXPIRES_AT, n(expires));
            if (i > 0) {
                dynamo.putItem(p -> p.tableName(table).item(item));
                continue;
            }
            item.put("chunks", n(chunks));
            item.put("size", n(body.length));
            item.put("platform", s(platform.id()));
            item.put("receivedAt", s(now.toString()));
            try {
                dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
            } catch (ConditionalCheckFailedException redelivered) {
                // stored before: the first copy, and when it first arrived, are the evidence
            }
        }
    }

    @Override
    public Optional<byte[]> findDelivery(String deliveryId) {
        QueryRequest q = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(DELIVERY_PREFIX + deliveryId))).build();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(q).items().forEach(items::add);
        if (items.isEmpty() || num(items.get(0), "chunks") != items.size()) return Optional.empty();
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) num(items.get(0), "size"));
        for (Map<String, AttributeValue> item : items) body.writeBytes(item.get("bytes").b().asByteArray());
        return Optional.of(body.toByteArray());
    }

    private static Map<String, AttributeValue> deliveryKey(String deliveryId, int chunk) {
        return Map.of(PK, s(DELIVERY_PREFIX + deliveryId), SK, s(String.format("CHUNK#%03d", chunk)));
    }

    @Override
    public List<Boolean> savePosts(List<Post> posts, String deliveryId) {
        Boolean[] stored = new Boolean[posts.size()];
        Set<PostKey> seen = new HashSet<>();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            if (seen.add(posts.get(i).key())) pending.add(i);
            else stored[i] = false; // the same post twice in one delivery
        }
        Instant now = clock.instant();
        int from = 0;
        while (from < pending.size()) {
            // Up to 50 posts (two items each) and about 2 MB per transaction, within DynamoDB's 100 items and 4 MB.
            int to = from;
            long bytes = 0;
            while (to < pending.size() && to - from < 50 && (to == from || bytes < 2_000_000)) {
                bytes += posts.get(pending.get(to)).text().length() * 3L + 1024;
                to++;
            }
            List<Integer> batch = new ArrayList<>(pending.subList(from, to));
            while (!batch.isEmpty()) {
                List<TransactWriteItem> items = new ArrayList<>();
                for (int i : batch) {
                    Post post = posts.get(i);
                    Map<String, AttributeValue> item = PostItems.item(post, now);
                    item.put("delivery", s(deliveryId));
                    // What becomes of the post (its deletion) is kept beside it, on an item the stream's consumers ignore.
                    Map<String, AttributeValue> status = new HashMap<>(PostItems.key(post.key(), PostItems.SK_STATUS));
                    status.put(TYPE, s("STATUS"));
                    items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(PK)")).build());
                    items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(status)).build());
                }
                Set<Integer> failed = transact(() -> items);
                List<Integer> next = new ArrayList<>();
                for (int j = 0; j < batch.size(); j++) {
                    if (failed.contains(2 * j)) stored[batch.get(j)] = false;
                    else if (failed.isEmpty()) stored[batch.get(j)] = true;
                    else next.add(batch.get(j));
                }
                if (next.size() == batch.size()) throw new IllegalStateException("a failed condition named no post");
                batch = next;
            }
            from = to;
        }
        return Arrays.asList(stored);
    }

    /**
     * Runs one transaction. Returns the offsets of the items whose condition failed (the
     * transaction then changed nothing; the caller drops those and tries the rest), or none when it
     * committed. A conflict with another writer is retried after a short pause, with the items
     * made anew (a counter shard is picked again).
     */
    private Set<Integer> transact(java.util.function.Supplier<List<TransactWriteItem>> transaction) {
        for (int attempt = 1; ; attempt++) {
            List<TransactWriteItem> items = transaction.get();
            try {
                dynamo.transactWriteItems(b -> b.transactItems(items));
                return Set.of();
            } catch (TransactionCanceledException e) {
                Set<Integer> failed = new HashSet<>();
                boolean conflict = false;
                List<CancellationReason> reasons = e.cancellationReasons();
                for (int i = 0; reasons != null && i < reasons.size(); i++) {
                    String code = reasons.get(i).code();
                    if ("ConditionalCheckFailed".equals(code)) failed.add(i);
                    else if ("TransactionConflict".equals(code)) conflict = true;
                }
                if (!failed.isEmpty()) return failed;
                if (!conflict || attempt == CONFLICT_ATTEMPTS) throw e;
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50) * attempt);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a conflicting write", interrupted);
        }
    }

    /**
     * The post item keeps {@value #EDIT_VERSION}: the epoch nanoseconds of the newest edit seen (a
     * number, so that versions compare exactly; ISO texts of varying precision do not sort). Every
     * write below is conditional on it, so concurrent and out-of-order deliveries of one post's
     * edits leave the newest in place whichever lands last.
     */
    @Override
    public EditOutcome saveEdit(Post edited, Instant editedAt, String deliveryId) {
        long version = editVersion(editedAt);
        for (int attempt = 1; attempt <= CONFLICT_ATTEMPTS; attempt++) {
            // The usual order: the post is stored, and this edit is newer than any version of it seen.
            Map<String, AttributeValue> edit = PostItems.item(edited, clock.instant());
            edit.put(SK, s("EDIT#" + editedAt));
            edit.put(TYPE, s(PostItems.TYPE_EDIT));
            edit.put("editedAt", s(editedAt.toString()));
            edit.put("delivery", s(deliveryId));
            Set<Integer> failed = transact(() -> List.of(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(PostItems.key(edited.key(), PostItems.SK_POST))
                            .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(#v) OR #v < :v)")
                            .updateExpression("SET #v = :v")
                            .expressionAttributeNames(Map.of("#v", EDIT_VERSION))
                            .expressionAttributeValues(Map.of(":v", n(version)))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(edit)
                            .conditionExpression("attribute_not_exists(PK)")).build()));
            if (failed.isEmpty()) return EditOutcome.RECORDED;
            if (!failed.contains(0)) return EditOutcome.DUPLICATE; // this edit's item is there already
            Map<String, AttributeValue> stored = dynamo.getItem(g -> g.tableName(table)
                    .key(PostItems.key(edited.key(), PostItems.SK_POST)).consistentRead(true)
                    .projectionExpression("PK, #v").expressionAttributeNames(Map.of("#v", EDIT_VERSION))).item();
            if (stored != null && !stored.isEmpty()) {
                if (!stored.containsKey(EDIT_VERSION)) continue; // stored between the two writes: try again
                return num(stored, EDIT_VERSION) == version ? EditOutcome.DUPLICATE : EditOutcome.OUTDATED;
            }
            // The edit came first: store the post as edited. Its creation, when it comes, is then a redelivery.
            Map<String, AttributeValue> post = PostItems.item(edited, clock.instant());
            post.put(EDIT_VERSION, n(version));
            post.put("delivery", s(deliveryId));
            Map<String, AttributeValue> status = new HashMap<>(PostItems.key(edited.key(), PostItems.SK_STATUS));
            status.put(TYPE, s("STATUS"));
            if (transact(() -> List.of(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(post)
                            .conditionExpression("attribute_not_exists(PK)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(status)).build())).isEmpty()) {
                return EditOutcome.STORED_AS_POST;
            }
            // Stored meanwhile (its creation or another edit): compare with that version.
        }
        throw new IllegalStateException("the edit of " + edited.key() + " kept meeting concurrent writes; it is retried with the delivery");
    }

    /** An edit's time as a number that orders exactly: epoch nanoseconds (intake accepts times up to 2100). */
    static long editVersion(Instant editedAt) {
        return Math.addExact(Math.multiplyExact(editedAt.getEpochSecond(), 1_000_000_000L), editedAt.getNano());
    }

    @Override
    public Optional<Post> findPost(PostKey key) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(PostItems.key(key, PostItems.SK_POST)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(PostItems.fromItem(item));
    }

    @Override
    public boolean saveAssessment(PostKey key, Assessment assessment) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(PostItems.key(key, PostItems.SK_POST))
                    .conditionExpression("attribute_exists(PK)")
                    .updateExpression("SET score = :score, severity = :severity, assessment = :a")
                    .expressionAttributeValues(Map.of(
                            ":score", n(assessment.score()),
                            ":severity", s(assessment.severity().id()),
                            ":a", s(toJson(assessment)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<ReactionOutcome> recordReactions(List<Reaction> reactions) {
        ReactionOutcome[] outcomes = new ReactionOutcome[reactions.size()];
        Set<String> seen = new HashSet<>();
        List<Integer> pending = new ArrayList<>();
        Map<PostKey, Boolean> stored = new HashMap<>();
        for (int i = 0; i < reactions.size(); i++) {
            Reaction r = reactions.get(i);
            if (!stored.computeIfAbsent(r.target(), this::isStored)) outcomes[i] = ReactionOutcome.UNKNOWN_POST;
            else if (!seen.add(markerPk(r))) outcomes[i] = ReactionOutcome.DUPLICATE; // twice in one delivery
            else pending.add(i);
        }
        // Reactions to one post go together, so that each transaction adds to one of its counter shards once.
        pending.sort(Comparator.comparing(i -> PostItems.pk(reactions.get(i).target())));
        int from = 0;
        while (from < pending.size()) {
            int to = from;
            // Items: per post a shard total and a shard minute per minute reacted in; per reaction a marker, and its words.
            Set<PostKey> targets = new HashSet<>();
            Set<String> minutes = new HashSet<>();
            int perReaction = 0;
            while (to < pending.size()) {
                Reaction r = reactions.get(pending.get(to));
                String minute = PostItems.pk(r.target()) + minuteSk(r);
                int items = targets.size() + (targets.contains(r.target()) ? 0 : 1)
                        + minutes.size() + (minutes.contains(minute) ? 0 : 1)
                        + perReaction + (r.text() == null ? 1 : 2);
                if (items > MAX_TRANSACTION_ITEMS) break;
                targets.add(r.target());
                minutes.add(minute);
                perReaction += r.text() == null ? 1 : 2;
                to++;
            }
            List<Integer> batch = new ArrayList<>(pending.subList(from, to));
            while (!batch.isEmpty()) {
                batch = countOnce(reactions, batch, outcomes);
            }
            from = to;
        }
        return Arrays.asList(outcomes);
    }

    /**
     * Whether a post is stored, asked once per post and warm environment: posts are never removed,
     * so a yes stays true. A read, unlike a condition in the counting transaction, never conflicts
     * with the writers of the same post.
     */
    private boolean isStored(PostKey key) {
        if (storedPosts.containsKey(key)) return true;
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(PostItems.key(key, PostItems.SK_POST)).consistentRead(true).projectionExpression(PK)).item();
        if (item == null || item.isEmpty()) return false;
        storedPosts.put(key, Boolean.TRUE);
        return true;
    }

    /**
     * One transaction for a batch of reactions: per reaction a marker, written only if it is not
     * there yet, and the words of a reply; per post, one ADD to the total and the minutes of a counter
     * shard picked at random. So no item is written by every reaction to a post: concurrent
     * deliveries rarely meet on one item, and when they do (a transaction conflict) the retry picks
     * other shards. When a marker's condition fails nothing is written: those reactions are
     * duplicates and the rest are returned to be tried again.
     */
    private List<Integer> countOnce(List<Reaction> reactions, List<Integer> batch, ReactionOutcome[] outcomes) {
        Map<PostKey, Map<ReactionKind, Long>> byKind = new LinkedHashMap<>();
        Map<PostKey, Map<String, Long>> byMinute = new LinkedHashMap<>();
        for (int i : batch) {
            Reaction r = reactions.get(i);
            byKind.computeIfAbsent(r.target(), t -> new EnumMap<>(ReactionKind.class)).merge(r.kind(), 1L, Long::sum);
            byMinute.computeIfAbsent(r.target(), t -> new TreeMap<>()).merge(minuteSk(r), 1L, Long::sum);
        }
        Instant now = clock.instant();
        long expires = now.plus(REACTION_MARKER_RETENTION).getEpochSecond();
        List<TransactWriteItem> perReaction = new ArrayList<>();
        Map<Integer, Integer> markerAt = new HashMap<>();
        for (int i : batch) {
            Reaction r = reactions.get(i);
            Map<String, AttributeValue> marker = new HashMap<>(Map.of(PK, s(markerPk(r)), SK, s("REACTION")));
            marker.put(TYPE, s("REACTION"));
            marker.put("at", s(r.at().toString()));
            marker.put(EXPIRES_AT, n(expires));
            markerAt.put(i, perReaction.size());
            perReaction.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(marker)
                    .conditionExpression("attribute_not_exists(PK)")).build());
            if (r.text() != null) {
                Map<String, AttributeValue> reply = new HashMap<>(PostItems.key(r.target(),
                        // Epoch milliseconds, zero-padded, sort as the times do (ISO texts of varying precision do not).
                        REPLY_PREFIX + String.format("%015d", r.at().toEpochMilli()) + "#" + r.kind().id() + "#" + r.reactionId()));
                reply.put(TYPE, s(TYPE_REPLY));
                PostItems.names(reply, r.target()); // the post it answers: a stream consumer reads it, not the key
                reply.put("kind", s(r.kind().id()));
                reply.put("reactionId", s(r.reactionId()));
                reply.put("at", s(r.at().toString()));
                reply.put("text", s(r.text()));
                // Personal data: kept only here, so that it expires with the reply.
                putIfPresent(reply, "author", r.author());
                reply.put(EXPIRES_AT, n(expires));
                perReaction.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(reply)).build());
            }
        }
        Set<Integer> failed = transact(() -> {
            List<TransactWriteItem> items = new ArrayList<>(perReaction);
            for (PostKey target : byKind.keySet()) {
                String shard = counterPk(target, ThreadLocalRandom.current().nextInt(COUNTER_SHARDS));
                Map<String, String> names = new HashMap<>();
                Map<String, AttributeValue> values = new HashMap<>();
                List<String> adds = new ArrayList<>();
                int k = 0;
                for (Map.Entry<ReactionKind, Long> e : byKind.get(target).entrySet()) {
                    names.put("#k" + k, e.getKey().id());
                    values.put(":k" + k, n(e.getValue()));
                    adds.add("#k" + k + " :k" + k);
                    k++;
                }
                names.put("#t", TYPE);
                values.put(":t", s("COUNTS"));
                // Arrival time, not the platform's: it only moves forward, which is what "quiet since" needs.
                values.put(":now", s(now.toString()));
                items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                        .key(Map.of(PK, s(shard), SK, s(SK_TOTAL)))
                        .updateExpression("ADD " + String.join(", ", adds) + " SET lastReactionAt = :now, #t = :t")
                        .expressionAttributeNames(names).expressionAttributeValues(values)).build());
                for (Map.Entry<String, Long> minute : byMinute.get(target).entrySet()) {
                    items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                            .key(Map.of(PK, s(shard), SK, s(minute.getKey())))
                            .updateExpression("ADD reactions :count SET #t = :t")
                            .expressionAttributeNames(Map.of("#t", TYPE))
                            .expressionAttributeValues(Map.of(":count", n(minute.getValue()), ":t", s("MINUTE")))).build());
                }
            }
            return items;
        });
        List<Integer> again = new ArrayList<>();
        for (int i : batch) {
            if (failed.isEmpty()) outcomes[i] = ReactionOutcome.COUNTED;
            else if (failed.contains(markerAt.get(i))) outcomes[i] = ReactionOutcome.DUPLICATE;
            else again.add(i);
        }
        if (!failed.isEmpty() && again.size() == batch.size()) throw new IllegalStateException("a failed condition named no reaction");
        return again;
    }

    @Override
    public List<Reaction> replies(PostKey key, int newest) {
        if (newest <= 0) return List.of();
        QueryRequest q = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :reply)")
                .expressionAttributeValues(Map.of(":pk", s(PostItems.pk(key)), ":reply", s(REPLY_PREFIX)))
                .scanIndexForward(false).limit(newest).build();
        List<Reaction> replies = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.query(q).items()) {
            ReactionKind.fromId(str(item, "kind")).ifPresent(kind -> replies.add(new Reaction(key, kind,
                    str(item, "reactionId"), instant(item, "at"), str(item, "text"), str(item, "author"))));
        }
        return replies;
    }

    private static String markerPk(Reaction r) {
        return "REACTION#" + r.target() + "#" + r.kind().id() + "#" + r.reactionId();
    }

    /** A counter shard: a partition of its own, so that a viral post's counts spread over several. */
    private static String counterPk(PostKey key, int shard) {
        return "COUNTS#" + key + "#" + shard;
    }

    private static String minuteSk(Reaction r) {
        return "MINUTE#" + r.at().truncatedTo(ChronoUnit.MINUTES);
    }

    @Override
    public boolean recordDeletion(PostKey key, Instant at) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(PostItems.key(key, PostItems.SK_STATUS))
                    .conditionExpression("attribute_exists(PK) AND attribute_not_exists(deletedAt)")
                    .updateExpression("SET deletedAt = :at")
                    .expressionAttributeValues(Map.of(":at", s(at.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public ReactionCounts reactionCounts(PostKey key) {
        CountedItems counted = new CountedItems();
        // The counts are the sum of the shards: COUNTER_SHARDS small queries, on reads that are rare next to reactions.
        for (int shard = 0; shard < COUNTER_SHARDS; shard++) {
            QueryRequest q = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(counterPk(key, shard)))).build();
            dynamo.queryPaginator(q).items().forEach(counted::add);
        }
        Map<String, AttributeValue> status = dynamo.getItem(g -> g.tableName(table)
                .key(PostItems.key(key, PostItems.SK_STATUS)).consistentRead(true)).item();
        if (status != null) counted.add(status);
        return counted.counts();
    }

    @Override
    public ReactionCounts recentReactions(PostKey key, Instant since) {
        Instant from = since.truncatedTo(ChronoUnit.MINUTES);
        Instant to = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        long minutes = Duration.between(from, to).toMinutes() + 1;
        // Shard totals, their minutes and the status item: one BatchGetItem of at most 100 keys.
        if (minutes < 1 || COUNTER_SHARDS * (minutes + 1) + 1 > 100) {
            ReactionCounts all = reactionCounts(key);
            return new ReactionCounts(all.totals(), all.perMinute().tailMap(from), all.deletedAt(), all.lastReactionAt());
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        keys.add(PostItems.key(key, PostItems.SK_STATUS));
        for (int shard = 0; shard < COUNTER_SHARDS; shard++) {
            keys.add(Map.of(PK, s(counterPk(key, shard)), SK, s(SK_TOTAL)));
            for (Instant m = from; !m.isAfter(to); m = m.plus(Duration.ofMinutes(1))) {
                keys.add(Map.of(PK, s(counterPk(key, shard)), SK, s("MINUTE#" + m)));
            }
        }
        CountedItems counted = new CountedItems();
        Map<String, KeysAndAttributes> ask = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 1; ; attempt++) {
            Map<String, KeysAndAttributes> asking = ask;
            BatchGetItemResponse got = dynamo.batchGetItem(b -> b.requestItems(asking));
            got.responses().getOrDefault(table, List.of()).forEach(counted::add);
            // Keys DynamoDB did not get to (throttling, size) are asked again after a pause.
            if (!got.hasUnprocessedKeys() || got.unprocessedKeys().isEmpty()) break;
            if (attempt == CONFLICT_ATTEMPTS) throw new IllegalStateException("the counts of " + key + " could not be read in full");
            pause(attempt);
            ask = got.unprocessedKeys();
        }
        return counted.counts();
    }

    /** A post's status item and counter shard items, added up into its counts. */
    private static final class CountedItems {
        private final Map<ReactionKind, Long> totals = new EnumMap<>(ReactionKind.class);
        private final TreeMap<Instant, Long> perMinute = new TreeMap<>();
        private Instant deletedAt;
        private Instant lastReactionAt;

        void add(Map<String, AttributeValue> item) {
            String sk = str(item, SK);
            if (PostItems.SK_STATUS.equals(sk)) {
                deletedAt = instant(item, "deletedAt");
            } else if (SK_TOTAL.equals(sk)) {
                for (ReactionKind k : ReactionKind.values()) totals.merge(k, num(item, k.id()), Long::sum);
                Instant last = instant(item, "lastReactionAt");
                if (last != null && (lastReactionAt == null || last.isAfter(lastReactionAt))) lastReactionAt = last;
            } else if (sk.startsWith("MINUTE#")) {
                perMinute.merge(Instant.parse(sk.substring(7)), num(item, "reactions"), Long::sum);
            }
        }

        ReactionCounts counts() {
            return new ReactionCounts(totals, perMinute, deletedAt, lastReactionAt);
        }
    }

    /** Whether the transaction was cancelled because item {@code index}'s condition failed. */
    static boolean failedCondition(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.size() > index
                && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}
