package com.mispost.store.dynamodb;

import com.mispost.detection.Assessment;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import com.mispost.store.PostStore;
import com.mispost.post.ReactionCounts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static com.mispost.store.dynamodb.Items.*;

/** Posts, raw deliveries and reaction counters in the suite's table. */
public final class DynamoDbPostStore implements PostStore {
    /** Raw deliveries are evidence of exactly what went out; kept this long, then DynamoDB's TTL removes them. */
    public static final Duration RAW_DELIVERY_RETENTION = Duration.ofDays(90);
    private static final Duration REACTION_MARKER_RETENTION = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbPostStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public boolean savePost(Post post, String rawDelivery) {
        Instant now = clock.instant();
        Map<String, AttributeValue> counters = new HashMap<>(PostItems.key(post.key(), PostItems.SK_COUNTERS));
        counters.put(TYPE, s("COUNTERS"));
        for (ReactionKind k : ReactionKind.values()) counters.put(k.id(), n(0));
        Map<String, AttributeValue> raw = new HashMap<>(PostItems.key(post.key(), "RAW#" + now));
        raw.put(TYPE, s("RAW"));
        raw.put("body", s(rawDelivery));
        raw.put(EXPIRES_AT, n(now.plus(RAW_DELIVERY_RETENTION).getEpochSecond()));
        try {
            // The counter item is created with the post: DESIGN.md notes that first ADDs racing on a
            // missing item can lose updates under moto, and it saves a condition on every reaction.
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(PostItems.item(post, now))
                            .conditionExpression("attribute_not_exists(PK)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(counters)).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(raw)).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (failedCondition(e, 0)) return false;
            throw e;
        }
    }

    @Override
    public boolean saveEdit(Post edited, Instant editedAt, String rawDelivery) {
        Map<String, AttributeValue> item = PostItems.item(edited, clock.instant());
        item.put(SK, s("EDIT#" + editedAt));
        item.put(TYPE, s(PostItems.TYPE_EDIT));
        item.put("editedAt", s(editedAt.toString()));
        item.put("raw", s(rawDelivery));
        item.put(EXPIRES_AT, n(clock.instant().plus(RAW_DELIVERY_RETENTION).getEpochSecond()));
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
    public ReactionOutcome recordReaction(Reaction reaction) {
        PostKey target = reaction.target();
        Map<String, AttributeValue> marker = new HashMap<>(PostItems.key(target,
                "REACTION#" + reaction.kind().id() + "#" + reaction.reactionId()));
        marker.put(TYPE, s("REACTION"));
        marker.put("at", s(reaction.at().toString()));
        marker.put(EXPIRES_AT, n(clock.instant().plus(REACTION_MARKER_RETENTION).getEpochSecond()));
        Instant minute = reaction.at().truncatedTo(ChronoUnit.MINUTES);
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                            .key(PostItems.key(target, PostItems.SK_POST))
                            .conditionExpression("attribute_exists(PK)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(marker)
                            .conditionExpression("attribute_not_exists(PK)")).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table)
                            .key(PostItems.key(target, PostItems.SK_COUNTERS))
                            // Arrival time, not the platform's: it only moves forward, which is what "quiet since" needs.
                            .updateExpression("ADD #k :one SET lastReactionAt = :now")
                            .expressionAttributeNames(Map.of("#k", reaction.kind().id()))
                            .expressionAttributeValues(Map.of(":one", n(1), ":now", s(clock.instant().toString())))).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table)
                            .key(PostItems.key(target, "MINUTE#" + minute))
                            .updateExpression("ADD reactions :one SET #t = :t")
                            .expressionAttributeNames(Map.of("#t", TYPE))
                            .expressionAttributeValues(Map.of(":one", n(1), ":t", s("MINUTE")))).build()));
            return ReactionOutcome.COUNTED;
        } catch (TransactionCanceledException e) {
            if (failedCondition(e, 0)) return ReactionOutcome.UNKNOWN_POST;
            if (failedCondition(e, 1)) return ReactionOutcome.DUPLICATE;
            throw e;
        }
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
