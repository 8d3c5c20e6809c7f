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
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import com.mispost.store.StreamedReaction;
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
import java.util.Collection;
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
 * Posts, raw deliveries and reaction counters in the suite's table. A reaction is recorded as a
 * marker of its own and counted from the table's stream (see {@link ReactionItems}) on
 * {@link ReactionItems#COUNTER_SHARDS} counter items per post, summed on read. A raw delivery is kept once,
 * as binary, under {@code DELIVERY#<sha256 of the body>} in chunks of at most
 * {@link #DELIVERY_CHUNK_BYTES} ({@code CHUNK#000}, {@code CHUNK#001}, ...); posts and edits name it.
 */
public final class DynamoDbPostStore implements PostStore {
    /** Raw deliveries are evidence of exactly what went out; kept this long, then DynamoDB's TTL removes them. */
    public static final Duration RAW_DELIVERY_RETENTION = Duration.ofDays(90);
    /** Raw deliveries are split into chunks this size, well within DynamoDB's 400 KB item limit. */
    public static final int DELIVERY_CHUNK_BYTES = 300 * 1024;
    private static final String DELIVERY_PREFIX = "DELIVERY#";
    /** DynamoDB's limit on the items of one transaction. */
    private static final int MAX_TRANSACTION_ITEMS = 100;
    /** A conflicting write is tried again this often, after a growing random pause. */
    private static final int CONFLICT_ATTEMPTS = 8;
    /** On a post item: the epoch nanoseconds of the newest edit seen (see {@link #saveEdit}). */
    static final String EDIT_VERSION = "editVersion";
    /** Posts known to be stored (they are never removed), so a viral post is looked up once per environment. */
    private final Map<PostKey, Boolean> storedPosts = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<PostKey, Boolean> eldest) {
                    return size() > 4096;
                }
            });

    /** Counter writes of one batch go out this many at a time (the SDK's client is safe to share between threads). */
    private static final java.util.concurrent.ExecutorService COUNTING = java.util.concurrent.Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "mispost-counting");
        t.setDaemon(true);
        return t;
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
    public boolean saveDelivery(String deliveryId, Platform platform, byte[] body) {
        Instant now = clock.instant();
        // Kept compressed: a platform's JSON repeats its field names (X sends whole user objects with
        // each like), and write units and storage are paid per KB stored.
        byte[] stored = gzip(body);
        int chunks = Math.max(1, (stored.length + DELIVERY_CHUNK_BYTES - 1) / DELIVERY_CHUNK_BYTES);
        if (chunks > 1) {
            // A redelivery (a retry of a large delivery) only looks: the chunks before the first are not written again.
            Map<String, AttributeValue> first = dynamo.getItem(g -> g.tableName(table).key(deliveryKey(deliveryId, 0))
                    .consistentRead(true).projectionExpression(PK)).item();
            if (first != null && !first.isEmpty()) return false;
        }
        long expires = now.plus(RAW_DELIVERY_RETENTION).getEpochSecond();
        // The first chunk, which says how many there are, goes last: a reader that finds it finds them all.
        for (int i = chunks - 1; i >= 0; i--) {
            Map<String, AttributeValue> item = new HashMap<>(deliveryKey(deliveryId, i));
            item.put(TYPE, s("DELIVERY"));
            int from = i * DELIVERY_CHUNK_BYTES;
            item.put("bytes", AttributeValue.fromB(SdkBytes.fromByteArray(
                    Arrays.copyOfRange(stored, from, Math.min(stored.length, from + DELIVERY_CHUNK_BYTES)))));
            item.put(EXPIRES_AT, n(expires));
            if (i > 0) {
                dynamo.putItem(p -> p.tableName(table).item(item));
                continue;
            }
            item.put("chunks", n(chunks));
            item.put("size", n(body.length));
            item.put("encoding", s("gzip"));
            item.put("platform", s(platform.id()));
            item.put("receivedAt", s(now.toString()));
            try {
                dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
            } catch (ConditionalCheckFailedException redelivered) {
                // stored before: the first copy, and when it first arrived, are the evidence
                return false;
            }
        }
        return true;
    }

    @Override
    public void noteProgress(String deliveryId, Progress progress) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(deliveryKey(deliveryId, 0))
                    .updateExpression("SET progressSteps = :n, progressDigest = :d")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeValues(Map.of(":n", n(progress.steps()), ":d", s(progress.digest()))));
        } catch (ConditionalCheckFailedException expired) {
            // the delivery's record is gone (its TTL): the next try starts from the beginning
        }
    }

    @Override
    public Optional<Progress> progress(String deliveryId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(deliveryKey(deliveryId, 0))
                .consistentRead(true).projectionExpression("progressSteps, progressDigest")).item();
        if (item == null || !item.containsKey("progressSteps")) return Optional.empty();
        return Optional.of(new Progress((int) num(item, "progressSteps"), str(item, "progressDigest")));
    }

    @Override
    public Optional<byte[]> findDelivery(String deliveryId) {
        QueryRequest q = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(DELIVERY_PREFIX + deliveryId))).build();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(q).items().forEach(items::add);
        if (items.isEmpty() || num(items.get(0), "chunks") != items.size()) return Optional.empty();
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        for (Map<String, AttributeValue> item : items) stored.writeBytes(item.get("bytes").b().asByteArray());
        // Deliveries kept before compression have no encoding: their bytes are the body.
        return Optional.of("gzip".equals(str(items.get(0), "encoding")) ? gunzip(stored.toByteArray()) : stored.toByteArray());
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
            zip.write(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("compressing in memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] stored) {
        try (java.util.zip.GZIPInputStream zip = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(stored))) {
            return zip.readAllBytes();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored delivery is not readable gzip", e);
        }
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
                    // Stored now or before: reactions to it in the same delivery need not ask.
                    if (stored[batch.get(j)] != null) storedPosts.put(posts.get(batch.get(j)).key(), Boolean.TRUE);
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
     * committed. A conflict with another writer is retried after a short pause.
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
    public Set<PostKey> stored(Collection<PostKey> keys) {
        Set<PostKey> stored = new HashSet<>();
        List<Map<String, AttributeValue>> asked = new ArrayList<>();
        for (PostKey key : keys) {
            if (storedPosts.containsKey(key)) stored.add(key);
            else asked.add(PostItems.key(key, PostItems.SK_POST));
        }
        Map<Map<String, AttributeValue>, PostKey> byItemKey = new HashMap<>();
        for (PostKey key : keys) byItemKey.put(PostItems.key(key, PostItems.SK_POST), key);
        for (Map<String, AttributeValue> item : Batches.get(dynamo, table, asked, true, PK + ", " + SK)) {
            PostKey key = byItemKey.get(Map.of(PK, item.get(PK), SK, item.get(SK)));
            stored.add(key);
            storedPosts.put(key, Boolean.TRUE); // so that counting these posts' reactions reads none of them again
        }
        return stored;
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
        Set<Map<String, AttributeValue>> seen = new HashSet<>();
        List<Integer> pending = new ArrayList<>();
        Map<PostKey, Boolean> stored = new HashMap<>();
        for (int i = 0; i < reactions.size(); i++) {
            Reaction r = reactions.get(i);
            if (!stored.computeIfAbsent(r.target(), this::isStored)) outcomes[i] = ReactionOutcome.UNKNOWN_POST;
            else if (!seen.add(ReactionItems.markerKey(r))) outcomes[i] = ReactionOutcome.DUPLICATE; // twice in one delivery
            else pending.add(i);
        }
        Instant now = clock.instant();
        // The words first (a plain put: a redelivery writes the same item again), then the marker:
        // a reaction whose marker is written has its words kept, whatever fails in between.
        List<Map<String, AttributeValue>> words = new ArrayList<>();
        for (int i : pending) if (reactions.get(i).text() != null) words.add(ReactionItems.reply(reactions.get(i), now));
        putAll(words);
        if (pending.size() == 1) {
            int i = pending.get(0);
            try {
                dynamo.putItem(p -> p.tableName(table).item(ReactionItems.marker(reactions.get(i), now))
                        .conditionExpression("attribute_not_exists(PK)"));
                outcomes[i] = ReactionOutcome.COUNTED;
            } catch (ConditionalCheckFailedException redelivered) {
                outcomes[i] = ReactionOutcome.DUPLICATE;
            }
            return Arrays.asList(outcomes);
        }
        // Several markers at once, in transactions of markers only: each has a partition key of its
        // own, so they meet no other writer but a concurrent redelivery of the same reaction.
        for (int from = 0; from < pending.size(); from += MAX_TRANSACTION_ITEMS) {
            List<Integer> batch = new ArrayList<>(pending.subList(from, Math.min(pending.size(), from + MAX_TRANSACTION_ITEMS)));
            while (!batch.isEmpty()) {
                List<Integer> trying = batch;
                Set<Integer> failed = transact(() -> trying.stream().map(i -> TransactWriteItem.builder().put(p -> p.tableName(table)
                        .item(ReactionItems.marker(reactions.get(i), now)).conditionExpression("attribute_not_exists(PK)")).build()).toList());
                List<Integer> again = new ArrayList<>();
                for (int j = 0; j < trying.size(); j++) {
                    if (failed.isEmpty()) outcomes[trying.get(j)] = ReactionOutcome.COUNTED;
                    else if (failed.contains(j)) outcomes[trying.get(j)] = ReactionOutcome.DUPLICATE;
                    else again.add(trying.get(j));
                }
                batch = again;
            }
        }
        return Arrays.asList(outcomes);
    }

    /** Unconditional puts, 25 to a request (DynamoDB's BatchWriteItem limit); what DynamoDB leaves unprocessed is sent again. */
    private void putAll(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            Map<String, List<WriteRequest>> asking = Map.of(table, items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList());
            for (int attempt = 1; ; attempt++) {
                Map<String, List<WriteRequest>> ask = asking;
                BatchWriteItemResponse done = dynamo.batchWriteItem(b -> b.requestItems(ask));
                if (!done.hasUnprocessedItems() || done.unprocessedItems().isEmpty()) break;
                if (attempt == CONFLICT_ATTEMPTS) throw new IllegalStateException("DynamoDB kept refusing the words of replies");
                pause(attempt);
                asking = done.unprocessedItems();
            }
        }
    }

    /**
     * Whether a post is stored, asked once per post and warm environment: posts are never removed,
     * so a yes stays true.
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
     * Per lane, one ADD to its total and one to each minute reacted in. A lane has one reader at a
     * time and its reactions come in stream order, so each counter item keeps the position of the
     * last reaction it holds (its mark) and takes only later ones: the first try asks that the mark
     * be below the batch's first position; when it is not (a batch delivered again), the mark is read
     * and only what lies above it is added, conditioned on that mark. A retried or bisected batch,
     * or one that failed between a lane's total and its minutes, so adds each reaction once.
     */
    @Override
    public void countReactions(List<StreamedReaction> seen) {
        Map<String, List<StreamedReaction>> lanes = new LinkedHashMap<>();
        for (StreamedReaction r : seen) lanes.computeIfAbsent(r.lane(), l -> new ArrayList<>()).add(r);
        // Each counter item is written by its lane alone, so the lanes' writes go out side by side:
        // a batch of a viral post's markers takes a few round trips, not two per lane.
        List<Runnable> writes = new ArrayList<>();
        for (Map.Entry<String, List<StreamedReaction>> lane : lanes.entrySet()) {
            List<StreamedReaction> inOrder = new ArrayList<>(lane.getValue());
            inOrder.sort(Comparator.comparing(StreamedReaction::position));
            writes.add(() -> addOnce(lane.getKey(), ReactionItems.SK_TOTAL, inOrder, this::totalUpdate));
            Map<String, List<StreamedReaction>> minutes = new TreeMap<>();
            for (StreamedReaction r : inOrder) minutes.computeIfAbsent(ReactionItems.minuteSk(r.at()), m -> new ArrayList<>()).add(r);
            for (Map.Entry<String, List<StreamedReaction>> minute : minutes.entrySet()) {
                writes.add(() -> addOnce(lane.getKey(), minute.getKey(), minute.getValue(), this::minuteUpdate));
            }
        }
        if (writes.size() == 1) {
            writes.get(0).run();
            return;
        }
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (Runnable w : writes) running.add(COUNTING.submit(w));
        RuntimeException failed = null;
        for (java.util.concurrent.Future<?> f : running) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failed == null) failed = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while counting", e);
            }
        }
        if (failed != null) throw failed; // the batch comes again; what was written is not added twice
    }

    /** An update expression with its names and values, for the reactions a counter item has not yet taken. */
    private record CounterUpdate(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
    }

    private void addOnce(String pk, String sk, List<StreamedReaction> reactions,
                         java.util.function.Function<List<StreamedReaction>, CounterUpdate> update) {
        Map<String, AttributeValue> key = Map.of(PK, s(pk), SK, s(sk));
        List<StreamedReaction> todo = reactions;
        String expectedMark = null;
        for (int attempt = 1; ; attempt++) {
            CounterUpdate u = update.apply(todo);
            Map<String, String> names = new HashMap<>(u.names());
            names.put("#mark", ReactionItems.MARK);
            Map<String, AttributeValue> values = new HashMap<>(u.values());
            values.put(":mark", s(ReactionItems.mark(todo.get(todo.size() - 1).position())));
            String condition;
            if (expectedMark == null) {
                condition = "attribute_not_exists(#mark) OR #mark < :first";
                values.put(":first", s(ReactionItems.mark(todo.get(0).position())));
            } else {
                condition = "#mark = :expected";
                values.put(":expected", s(expectedMark));
            }
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression(u.expression() + ", #mark = :mark")
                        .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values));
                return;
            } catch (ConditionalCheckFailedException taken) {
                // Some of these were added before (a batch delivered again): add only what lies beyond the mark.
                if (attempt == CONFLICT_ATTEMPTS) throw taken;
                Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key).consistentRead(true)
                        .projectionExpression("#mark").expressionAttributeNames(Map.of("#mark", ReactionItems.MARK))).item();
                String mark = item == null ? null : str(item, ReactionItems.MARK);
                if (mark == null) {
                    expectedMark = null;
                    todo = reactions;
                    continue;
                }
                todo = reactions.stream().filter(r -> ReactionItems.mark(r.position()).compareTo(mark) > 0).toList();
                if (todo.isEmpty()) return;
                expectedMark = mark;
            }
        }
    }

    private CounterUpdate totalUpdate(List<StreamedReaction> reactions) {
        Map<ReactionKind, Long> byKind = new EnumMap<>(ReactionKind.class);
        Instant last = reactions.get(0).arrivedAt();
        for (StreamedReaction r : reactions) {
            byKind.merge(r.kind(), 1L, Long::sum);
            if (r.arrivedAt().isAfter(last)) last = r.arrivedAt();
        }
        Map<String, String> names = new HashMap<>(Map.of("#t", TYPE));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":t", s("COUNTS"), ":last", s(last.toString())));
        List<String> adds = new ArrayList<>();
        int k = 0;
        for (Map.Entry<ReactionKind, Long> e : byKind.entrySet()) {
            names.put("#k" + k, e.getKey().id());
            values.put(":k" + k, n(e.getValue()));
            adds.add("#k" + k + " :k" + k);
            k++;
        }
        // Arrival time, not the platform's: it only moves forward, which is what "quiet since" needs.
        return new CounterUpdate("ADD " + String.join(", ", adds) + " SET lastReactionAt = :last, #t = :t", names, values);
    }

    private CounterUpdate minuteUpdate(List<StreamedReaction> reactions) {
        Instant last = reactions.stream().map(StreamedReaction::arrivedAt).max(Comparator.naturalOrder()).orElseThrow();
        // A minute's count expires a while after its last reaction arrived; the post's totals stay.
        return new CounterUpdate("ADD reactions :count SET #t = :t, #exp = :exp", Map.of("#t", TYPE, "#exp", EXPIRES_AT),
                Map.of(":count", n(reactions.size()), ":t", s("MINUTE"), ":exp", n(last.plus(ReactionItems.RETENTION).getEpochSecond())));
    }

    @Override
    public List<Reaction> replies(PostKey key, int newest) {
        if (newest <= 0) return List.of();
        // The newest of each partition, merged: the newest overall are among them.
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int partition = 0; partition < ReactionItems.REPLY_PARTITIONS; partition++) {
            QueryRequest q = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :reply)")
                    .expressionAttributeValues(Map.of(":pk", s(ReactionItems.replyPk(key, partition)),
                            ":reply", s(ReactionItems.REPLY_PREFIX)))
                    .scanIndexForward(false).limit(newest).build();
            items.addAll(dynamo.query(q).items());
        }
        items.sort(Comparator.comparing((Map<String, AttributeValue> item) -> str(item, SK)).reversed());
        List<Reaction> replies = new ArrayList<>();
        for (Map<String, AttributeValue> item : items.subList(0, Math.min(newest, items.size()))) {
            ReactionKind.fromId(str(item, "kind")).ifPresent(kind -> replies.add(new Reaction(key, kind,
                    str(item, "reactionId"), instant(item, "at"), str(item, "text"), str(item, "author"),
                    AuthorStandingAttributes.read(item))));
        }
        return replies;
    }

    @Override
    public Set<PostKey> recordDeletions(Map<PostKey, Instant> deletions) {
        List<PostKey> keys = new ArrayList<>(deletions.keySet());
        List<TransactWriteItem> items = new ArrayList<>();
        for (PostKey key : keys) {
            items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(PostItems.key(key, PostItems.SK_STATUS))
                    .conditionExpression("attribute_exists(PK) AND attribute_not_exists(deletedAt)")
                    .updateExpression("SET deletedAt = :at")
                    .expressionAttributeValues(Map.of(":at", s(deletions.get(key).toString())))).build());
        }
        Set<Integer> failed = Batches.writeEach(dynamo, items);
        Set<PostKey> noted = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!failed.contains(i)) noted.add(keys.get(i));
        }
        return noted;
    }

    @Override
    public ReactionCounts reactionCounts(PostKey key) {
        CountedItems counted = new CountedItems();
        // The counts are the sum of the shards: ReactionItems.COUNTER_SHARDS small queries, on reads that are rare next to reactions.
        for (int shard = 0; shard < ReactionItems.COUNTER_SHARDS; shard++) {
            QueryRequest q = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(ReactionItems.counterPk(key, shard)))).build();
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
        if (minutes < 1 || ReactionItems.COUNTER_SHARDS * (minutes + 1) + 1 > 100) {
            ReactionCounts all = reactionCounts(key);
            return new ReactionCounts(all.totals(), all.perMinute().tailMap(from), all.deletedAt(), all.lastReactionAt());
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        keys.add(PostItems.key(key, PostItems.SK_STATUS));
        for (int shard = 0; shard < ReactionItems.COUNTER_SHARDS; shard++) {
            keys.add(Map.of(PK, s(ReactionItems.counterPk(key, shard)), SK, s(ReactionItems.SK_TOTAL)));
            for (Instant m = from; !m.isAfter(to); m = m.plus(Duration.ofMinutes(1))) {
                keys.add(Map.of(PK, s(ReactionItems.counterPk(key, shard)), SK, s("MINUTE#" + m)));
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
            } else if (ReactionItems.SK_TOTAL.equals(sk)) {
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
