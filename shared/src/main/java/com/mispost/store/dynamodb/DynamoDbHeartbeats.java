package com.mispost.store.dynamodb;

import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.store.Heartbeats;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.mispost.store.dynamodb.Items.*;

/**
 * One item per watched account ({@code WATCH#platform/id}) and one per platform's handshake
 * ({@code HANDSHAKE#platform}). Times are epoch milliseconds, so that conditions compare numbers.
 * Their stream records match no consumer's filter (type WATCH, HANDSHAKE).
 */
public final class DynamoDbHeartbeats implements Heartbeats {
    /** The previous time moves along with the last: the sweep learns the account's usual gaps from the pair. */
    private static final String DELIVERED = "SET #t = :type, lastDeliveryAt = :now, "
            + "previousDeliveryAt = if_not_exists(lastDeliveryAt, :now), watchedSince = if_not_exists(watchedSince, :now)";
    /** Unless recorded less than the coarseness ago. */
    private static final String RECORDED_BEFORE = "attribute_not_exists(lastDeliveryAt) OR lastDeliveryAt < :cutoff";
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbHeartbeats(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(AccountKey account) {
        return Map.of(PK, s("WATCH#" + account), SK, s("WATCH"));
    }

    private static Map<String, AttributeValue> key(Platform platform) {
        return Map.of(PK, s("HANDSHAKE#" + platform.id()), SK, s("HANDSHAKE"));
    }

    @Override
    public void delivered(Collection<AccountKey> accounts, Instant at, Duration coarseness) {
        // Each update keeps its own condition (not within the coarseness); one recorded by another environment just now is left.
        List<TransactWriteItem> items = new ArrayList<>();
        for (AccountKey a : new LinkedHashSet<>(accounts)) {
            items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(a))
                    .updateExpression(DELIVERED).conditionExpression(RECORDED_BEFORE)
                    .expressionAttributeNames(Map.of("#t", TYPE))
                    .expressionAttributeValues(Map.of(":type", s("WATCH"), ":now", n(at.toEpochMilli()),
                            ":cutoff", n(at.minus(coarseness).toEpochMilli())))).build());
        }
        Batches.writeEach(dynamo, items);
    }

    @Override
    public void handshook(Platform platform, Instant at, Duration coarseness) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(platform))
                    .updateExpression("SET #t = :type, lastHandshakeAt = :now")
                    .conditionExpression("attribute_not_exists(lastHandshakeAt) OR lastHandshakeAt < :cutoff")
                    .expressionAttributeNames(Map.of("#t", TYPE))
                    .expressionAttributeValues(Map.of(":type", s("HANDSHAKE"), ":now", n(at.toEpochMilli()),
                            ":cutoff", n(at.minus(coarseness).toEpochMilli()))));
        } catch (ConditionalCheckFailedException recent) {
            // set less than the coarseness ago: nothing to do
        }
    }

    @Override
    public Optional<Instant> lastHandshake(Platform platform) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key(platform))).item();
        return Optional.ofNullable(millis(item, "lastHandshakeAt"));
    }

    @Override
    public AccountWatch watch(AccountKey account, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key(account)).consistentRead(true)).item();
        if (item == null || item.isEmpty() || !item.containsKey("watchedSince")) {
            item = dynamo.updateItem(u -> u.tableName(table).key(key(account))
                    .updateExpression("SET #t = :type, watchedSince = if_not_exists(watchedSince, :now)")
                    .expressionAttributeNames(Map.of("#t", TYPE))
                    .expressionAttributeValues(Map.of(":type", s("WATCH"), ":now", n(now.toEpochMilli())))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW)).attributes();
        }
        Instant gap = millis(item, "longestGapMs");
        return new AccountWatch(millis(item, "watchedSince"), millis(item, "lastDeliveryAt"),
                millis(item, "previousDeliveryAt"), gap == null ? Duration.ZERO : Duration.ofMillis(gap.toEpochMilli()),
                millis(item, "silentSince"));
    }

    @Override
    public void learnGap(AccountKey account, Duration gap) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(account))
                    .updateExpression("SET longestGapMs = :gap")
                    .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(longestGapMs) OR longestGapMs < :gap)")
                    .expressionAttributeValues(Map.of(":gap", n(gap.toMillis()))));
        } catch (ConditionalCheckFailedException longer) {
            // a longer gap is known already
        }
    }

    @Override
    public boolean markSilent(AccountKey account, Instant since, Instant lastSeen) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(account))
                    .updateExpression("SET silentSince = :since")
                    .conditionExpression("attribute_exists(PK) AND attribute_not_exists(silentSince) AND "
                            + (lastSeen == null ? "attribute_not_exists(lastDeliveryAt)" : "lastDeliveryAt = :seen"))
                    .expressionAttributeValues(lastSeen == null ? Map.of(":since", n(since.toEpochMilli()))
                            : Map.of(":since", n(since.toEpochMilli()), ":seen", n(lastSeen.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    @Override
    public boolean markHeard(AccountKey account, Instant lastDelivery) {
        try {
            dynamo.updateItem(u -> {
                u.tableName(table).key(key(account)).conditionExpression("attribute_exists(silentSince)");
                if (lastDelivery == null) {
                    u.updateExpression("REMOVE silentSince");
                } else {
                    u.updateExpression("REMOVE silentSince SET previousDeliveryAt = :last")
                            .expressionAttributeValues(Map.of(":last", n(lastDelivery.toEpochMilli())));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException notSilent) {
            return false;
        }
    }

    private static Instant millis(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item == null ? null : item.get(name);
        return v == null || v.n() == null ? null : Instant.ofEpochMilli(Long.parseLong(v.n()));
    }
}
