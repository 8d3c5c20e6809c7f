package com.mispost.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * DynamoDB's batch calls in the sizes it takes (BatchGetItem 100 keys, BatchWriteItem 25 items,
 * TransactWriteItems 100 items),
 * with what it leaves unprocessed (throttling, the 16 MB answer) asked again after a growing
 * random pause: a delivery naming thousands of keys costs tens of round trips, not thousands.
 * What is still unprocessed after {@link #ATTEMPTS} is an error: the caller's delivery is answered
 * 503 and retried whole.
 */
final class Batches {
    static final int GET_KEYS = 100;
    static final int WRITE_ITEMS = 25;
    static final int TRANSACTION_ITEMS = 100;
    static final int ATTEMPTS = 8;

    private Batches() {
    }

    /**
     * The items stored under {@code keys} (duplicates asked once), in no particular order; keys with
     * no item are absent. {@code projection} may be null for whole items.
     */
    static List<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table, Collection<Map<String, AttributeValue>> keys,
                                                 boolean consistent, String projection) {
        List<Map<String, AttributeValue>> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += GET_KEYS) {
            KeysAndAttributes.Builder ask = KeysAndAttributes.builder()
                    .keys(distinct.subList(from, Math.min(distinct.size(), from + GET_KEYS))).consistentRead(consistent);
            if (projection != null) ask.projectionExpression(projection);
            Map<String, KeysAndAttributes> asking = Map.of(table, ask.build());
            for (int attempt = 1; ; attempt++) {
                Map<String, KeysAndAttributes> now = asking;
                BatchGetItemResponse got = dynamo.batchGetItem(b -> b.requestItems(now));
                found.addAll(got.responses().getOrDefault(table, List.of()));
                if (!got.hasUnprocessedKeys() || got.unprocessedKeys().isEmpty()) break;
                if (attempt == ATTEMPTS) throw new IllegalStateException("DynamoDB left keys unread after " + ATTEMPTS + " attempts");
                pause(attempt);
                asking = got.unprocessedKeys();
            }
        }
        return found;
    }

    /**
     * Puts every item, unconditionally; two items with the same key in {@code items}: the later
     * one is kept (one request may not name a key twice).
     */
    static void put(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> byKey = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : items) {
            byKey.put(Map.of(Items.PK, item.get(Items.PK), Items.SK, item.get(Items.SK)), item);
        }
        List<WriteRequest> writes = new ArrayList<>();
        for (Map<String, AttributeValue> item : byKey.values()) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        for (int from = 0; from < writes.size(); from += WRITE_ITEMS) {
            Map<String, List<WriteRequest>> asking = Map.of(table, writes.subList(from, Math.min(writes.size(), from + WRITE_ITEMS)));
            for (int attempt = 1; ; attempt++) {
                Map<String, List<WriteRequest>> now = asking;
                BatchWriteItemResponse done = dynamo.batchWriteItem(b -> b.requestItems(now));
                if (!done.hasUnprocessedItems() || done.unprocessedItems().isEmpty()) break;
                if (attempt == ATTEMPTS) throw new IllegalStateException("DynamoDB left items unwritten after " + ATTEMPTS + " attempts");
                pause(attempt);
                asking = done.unprocessedItems();
            }
        }
    }

    /**
     * Runs each conditional write once, 100 to a transaction. A transaction is all or nothing, so
     * when some conditions fail, those items are set aside and the rest is tried again; a conflict
     * with another writer is tried again after a pause. Returns the offsets of the items whose
     * condition failed (they changed nothing).
     */
    static Set<Integer> writeEach(DynamoDbClient dynamo, List<TransactWriteItem> items) {
        Set<Integer> failed = new HashSet<>();
        for (int from = 0; from < items.size(); from += TRANSACTION_ITEMS) {
            List<Integer> batch = new ArrayList<>();
            for (int i = from; i < Math.min(items.size(), from + TRANSACTION_ITEMS); i++) batch.add(i);
            for (int attempt = 1; !batch.isEmpty(); attempt++) {
                List<TransactWriteItem> writes = new ArrayList<>();
                for (int i : batch) writes.add(items.get(i));
                try {
                    dynamo.transactWriteItems(b -> b.transactItems(writes));
                    break;
                } catch (TransactionCanceledException e) {
                    List<Integer> again = new ArrayList<>();
                    List<CancellationReason> reasons = e.cancellationReasons();
                    for (int j = 0; j < batch.size(); j++) {
                        if (reasons != null && j < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(j).code())) {
                            failed.add(batch.get(j));
                        } else {
                            again.add(batch.get(j));
                        }
                    }
                    if (again.size() == batch.size()) {
                        // No condition failed: a conflict with another writer (or throttling). Pause, then the same again.
                        if (attempt >= ATTEMPTS) throw e;
                        pause(attempt);
                    }
                    batch = again;
                }
            }
        }
        return failed;
    }

    /** Exponential backoff with full jitter, as AWS advises for unprocessed batch items: up to 25 ms, 50, 100, ... 1.6 s. */
    static void pause(int attempt) {
        long cap = 25L << Math.min(attempt - 1, 6);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, cap + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed batch items", interrupted);
        }
    }
}
