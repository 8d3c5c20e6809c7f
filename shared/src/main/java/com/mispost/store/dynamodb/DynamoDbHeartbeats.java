package com.mispost.store.dynamodb;

import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.store.Heartbeats;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

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
    /** DynamoDB's limit on the items of one transaction. */
    private static final int MAX_TRANSACTION_ITEMS = 100;
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
        List<AccountKey> all = List.copyOf(new LinkedHashSet<>(accounts));
        // One transaction per hundred accounts: each update keeps its own condition (not within the coarseness).
        for (int from = 0; from < all.size(); from += MAX_TRANSACTION_ITEMS) {
            List<AccountKey> batch = all.subList(from, Math.min(all.size(), from + MAX_TRANSACTION_ITEMS));
            for (int attempt = 1; !batch.isEmpty(); attempt++) {
                List<TransactWriteItem> items = new ArrayList<>();
                for (AccountKey a : batch) items.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(a))
                        .updateExpression(DELIVERED).conditionExpression(RECORDED_BEFORE)
                        .expressionAttributeNames(Map.of("#t", TYPE))
                        .expressionAttributeValues(Map.of(":type", s("WATCH"), ":now", n(at.toEpochMilli()),
                                ":cutoff", n(at.minus(coarseness).toEpochMilli())))).build());
                try {
                    dynamo.transactWriteItems(b -> b.transactItems(items));
                    break;
                } catch (TransactionCanceledException e) {
                    // Accounts recorded within the coarseness (by another environment) are done; the rest go again.
                    List<AccountKey> again = new ArrayList<>();
                    List<CancellationReason> reasons = e.cancellationReasons();
                    for (int i = 0; i < batch.size(); i++) {
                        boolean recent = reasons != null && i < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(i).code());
                        if (!recent) again.add(batch.get(i));
                    }
                    if (again.size() == batch.size() && attempt >= Batches.ATTEMPTS) throw e;
                    if (again.size() == batch.size()) Batches.pause(attempt); // a conflict: another writer on one of them
                    batch = again;
                }
            }
        }
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
