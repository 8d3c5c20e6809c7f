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
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
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
 * Posts, raw deliveries and reaction counters in the suite's table. A raw delivery is kept once,
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
    private static final int CONFLICT_ATTEMPTS = 5;

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
                    Map<String, AttributeValue> counters = new HashMap<>(PostItems.key(post.key(), PostItems.SK_COUNTERS));
                    counters.put(TYPE, s("COUNTERS"));
                    for (ReactionKind k : ReactionKind.values()) counters.put(k.id(), n(0));
                    // The counter item is created with the post: first ADDs racing on a missing item can lose
                    // updates under moto (docs/LOCAL-AWS.md), and it saves a condition on every reaction.
                    items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(PK)")).build());
                    items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(counters)).build());
                }
                Set<Integer> failed = transact(items);
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
     * committed. A conflict with another writer is retried after a short pause.
     */
    private Set<Integer> transact(List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
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

    @Override
    public boolean saveEdit(Post edited, Instant editedAt, String deliveryId) {
        Map<String, AttributeValue> item = PostItems.item(edited, clock.instant());
        item.put(SK, s("EDIT#" + editedAt));
        item.put(TYPE, s(PostItems.TYPE_EDIT));
        item.put("editedAt", s(editedAt.toString()));
        item.put("delivery", s(deliveryId));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                            .key(PostItems.key(edited.key(), PostItems.SK_POST))
                            .conditionExpression("attribute_exists(PK)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(PK)")).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (failedCondition(e, 0) || failedCondition(e, 1)) return false;
            throw e;
        }
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
        for (int i = 0; i < reactions.size(); i++) {
            if (seen.add(markerKey(reactions.get(i)).toString())) pending.add(i);
            else outcomes[i] = ReactionOutcome.DUPLICATE; // the same reaction twice in one delivery
        }
        // Reactions to one post go together, so that each transaction adds to its counters once.
        pending.sort(Comparator.comparing(i -> PostItems.pk(reactions.get(i).target())));
        int from = 0;
        while (from < pending.size()) {
            int to = from;
            // Items: per post a check and its counters, per post and minute a minute counter, per reaction a marker.
            Set<PostKey> targets = new HashSet<>();
            Set<String> minutes = new HashSet<>();
            while (to < pending.size()) {
                Reaction r = reactions.get(pending.get(to));
                String minute = PostItems.pk(r.target()) + minuteSk(r);
                int items = (targets.size() + (targets.contains(r.target()) ? 0 : 1)) * 2
                        + minutes.size() + (minutes.contains(minute) ? 0 : 1) + (to - from + 1);
                if (items > MAX_TRANSACTION_ITEMS) break;
                targets.add(r.target());
                minutes.add(minute);
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
     * One transaction for a batch of reactions: per post, a check that it is stored and one ADD to
     * its counters and to each minute it was reacted in; per reaction, a marker written only if it
     * is not there yet. When a check or a marker fails, nothing is written: those reactions are
     * settled (unknown post, duplicate) and the rest are returned to be tried again.
     */
    private List<Integer> countOnce(List<Reaction> reactions, List<Integer> batch, ReactionOutcome[] outcomes) {
        Map<PostKey, Map<ReactionKind, Long>> byKind = new LinkedHashMap<>();
        Map<PostKey, Map<String, Long>> byMinute = new LinkedHashMap<>();
        for (int i : batch) {
            Reaction r = reactions.get(i);
            byKind.computeIfAbsent(r.target(), t -> new EnumMap<>(ReactionKind.class)).merge(r.kind(), 1L, Long::sum);
            byMinute.computeIfAbsent(r.target(), t -> new TreeMap<>()).merge(minuteSk(r), 1L, Long::sum);
        }
        String arrived = clock.instant().toString();
        List<TransactWriteItem> items = new ArrayList<>();
        Map<PostKey, Integer> checkAt = new HashMap<>();
        for (PostKey target : byKind.keySet()) {
            checkAt.put(target, items.size());
            items.add(TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                    .key(PostItems.key(target, PostItems.SK_POST))
                    .conditionExpression("attribute_exists(PK)")).build());
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
            values.put(":now", s(arrived));
            // Arrival time, not the platform's: it only moves forward, which is what "quiet since" needs.
            items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                    .key(PostItems.key(target, PostItems.SK_COUNTERS))
                    .updateExpression("ADD " + String.join(", ", adds) + " SET lastReactionAt = :now")
                    .expressionAttributeNames(names).expressionAttributeValues(values)).build());
            for (Map.Entry<String, Long> minute : byMinute.get(target).entrySet()) {
                items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                        .key(PostItems.key(target, minute.getKey()))
                        .updateExpression("ADD reactions :count SET #t = :t")
                        .expressionAttributeNames(Map.of("#t", TYPE))
                        .expressionAttributeValues(Map.of(":count", n(minute.getValue()), ":t", s("MINUTE")))).build());
            }
        }
        Map<Integer, Integer> markerAt = new HashMap<>();
        long expires = clock.instant().plus(REACTION_MARKER_RETENTION).getEpochSecond();
        for (int i : batch) {
            Reaction r = reactions.get(i);
            Map<String, AttributeValue> marker = new HashMap<>(markerKey(r));
            marker.put(TYPE, s("REACTION"));
            marker.put("at", s(r.at().toString()));
            marker.put(EXPIRES_AT, n(expires));
            markerAt.put(i, items.size());
            items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(marker)
                    .conditionExpression("attribute_not_exists(PK)")).build());
        }
        Set<Integer> failed = transact(items);
        List<Integer> again = new ArrayList<>();
        for (int i : batch) {
            if (failed.isEmpty()) outcomes[i] = ReactionOutcome.COUNTED;
            else if (failed.contains(checkAt.get(reactions.get(i).target()))) outcomes[i] = ReactionOutcome.UNKNOWN_POST;
            else if (failed.contains(markerAt.get(i))) outcomes[i] = ReactionOutcome.DUPLICATE;
            else again.add(i);
        }
        if (again.size() == batch.size()) throw new IllegalStateException("a failed condition named no reaction");
        return again;
    }

    private static Map<String, AttributeValue> markerKey(Reaction r) {
        return PostItems.key(r.target(), "REACTION#" + r.kind().id() + "#" + r.reactionId());
    }

    private static String minuteSk(Reaction r) {
        return "MINUTE#" + r.at().truncatedTo(ChronoUnit.MINUTES);
    }

    @Override
    public boolean recordDeletion(PostKey key, Instant at) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(PostItems.key(key, PostItems.SK_COUNTERS))
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
        Map<ReactionKind, Long> totals = new EnumMap<>(ReactionKind.class);
        TreeMap<Instant, Long> perMinute = new TreeMap<>();
        Instant deletedAt = null;
        Instant lastReactionAt = null;
        QueryRequest q = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(PostItems.pk(key)))).build();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(q).items()) {
            String sk = str(item, SK);
            if (PostItems.SK_COUNTERS.equals(sk)) {
                for (ReactionKind k : ReactionKind.values()) totals.put(k, num(item, k.id()));
                deletedAt = instant(item, "deletedAt");
                lastReactionAt = instant(item, "lastReactionAt");
            } else if (sk.startsWith("MINUTE#")) {
                perMinute.put(Instant.parse(sk.substring(7)), num(item, "reactions"));
            }
        }
        return new ReactionCounts(totals, perMinute, deletedAt, lastReactionAt);
    }

    /** Whether the transaction was cancelled because item {@code index}'s condition failed. */
    static boolean failedCondition(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && reasons.size() > index
                && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}
