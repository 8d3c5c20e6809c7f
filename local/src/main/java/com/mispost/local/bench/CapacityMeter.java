package com.mispost.local.bench;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Meters what the suite's own code asks of DynamoDB, request by request, in DynamoDB's billing
 * units: a write request unit per KB written (twice that in a transaction; a write whose condition
 * fails is charged too; an update or put is charged on the larger of the item before and after),
 * a read request unit per 4 KB read strongly consistently (half that eventually consistently). Item
 * sizes follow DynamoDB's rules ({@link #size}). Sources: docs/PERFORMANCE.md.
 *
 * <p>Installed as an SDK interceptor on the client the code under measurement uses; it reads items
 * before and after each write through a second, unmetered client.
 */
final class CapacityMeter implements ExecutionInterceptor {
    private static final ExecutionAttribute<List<Map<String, AttributeValue>>> BEFORE = new ExecutionAttribute<>("mispost.before");

    /** What one phase (one kind of delivery, a counting batch) asked for. */
    static final class Phase {
        double wru;
        double rru;
        int requests;
        int transactions;
        /** Write units per partition-key family (the key up to its first '#'). */
        final Map<String, Double> wruByFamily = new LinkedHashMap<>();
        /** Distinct partition keys written per family. */
        final Map<String, java.util.Set<String>> keysByFamily = new LinkedHashMap<>();
    }

    private final DynamoDbClient plain;
    private final String table;
    private final Map<String, Phase> phases = new LinkedHashMap<>();
    private volatile Phase current = new Phase();

    CapacityMeter(DynamoDbClient plain, String table) {
        this.plain = plain;
        this.table = table;
    }

    /** From now on requests count towards {@code name}. */
    Phase phase(String name) {
        current = phases.computeIfAbsent(name, n -> new Phase());
        return current;
    }

    Phase get(String name) {
        return phases.getOrDefault(name, new Phase());
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        List<Map<String, AttributeValue>> keys = writtenKeys(context.request());
        List<Map<String, AttributeValue>> before = new ArrayList<>();
        for (Map<String, AttributeValue> key : keys) before.add(read(key));
        attributes.putAttribute(BEFORE, before);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        charge(context.request(), context.response(), attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        charge(context.request(), null, attributes); // a failed condition is charged as the write would have been
    }

    private void charge(SdkRequest request, Object response, ExecutionAttributes attributes) {
        Phase p = current;
        synchronized (p) {
            p.requests++;
            List<Map<String, AttributeValue>> keys = writtenKeys(request);
            List<Map<String, AttributeValue>> before = attributes.getAttribute(BEFORE);
            double factor = request instanceof TransactWriteItemsRequest ? 2 : 1;
            if (request instanceof TransactWriteItemsRequest) p.transactions++;
            for (int i = 0; i < keys.size(); i++) {
                Map<String, AttributeValue> key = keys.get(i);
                long larger = Math.max(size(before == null || before.size() <= i ? Map.of() : before.get(i)),
                        Math.max(size(newItem(request, i)), request instanceof DeleteItemRequest ? 0 : size(read(key))));
                double units = factor * Math.max(1, Math.ceil(larger / 1024.0));
                p.wru += units;
                String pk = key.get("PK").s();
                String family = pk.contains("#") ? pk.substring(0, pk.indexOf('#')) : pk;
                p.wruByFamily.merge(family, units, Double::sum);
                p.keysByFamily.computeIfAbsent(family, f -> new java.util.HashSet<>()).add(pk);
            }
            if (request instanceof GetItemRequest g && response instanceof GetItemResponse r) {
                p.rru += readUnits(size(r.item() == null ? Map.of() : r.item()), g.consistentRead());
            } else if (request instanceof QueryRequest q && response instanceof QueryResponse r) {
                p.rru += readUnits(r.items().stream().mapToLong(CapacityMeter::size).sum(), q.consistentRead());
            } else if (request instanceof BatchGetItemRequest && response instanceof BatchGetItemResponse r) {
                for (List<Map<String, AttributeValue>> items : r.responses().values()) {
                    for (Map<String, AttributeValue> item : items) p.rru += readUnits(size(item), true);
                }
            }
        }
    }

    private static double readUnits(long bytes, Boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / 4096.0));
        return Boolean.TRUE.equals(consistent) ? units : units / 2;
    }

    /** The keys of the items a request writes, in order. */
    private static List<Map<String, AttributeValue>> writtenKeys(SdkRequest request) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        if (request instanceof PutItemRequest p) keys.add(key(p.item()));
        else if (request instanceof UpdateItemRequest u) keys.add(u.key());
        else if (request instanceof DeleteItemRequest d) keys.add(d.key());
        else if (request instanceof BatchWriteItemRequest b) {
            for (List<WriteRequest> writes : b.requestItems().values()) {
                for (WriteRequest w : writes) keys.add(w.putRequest() != null ? key(w.putRequest().item()) : w.deleteRequest().key());
            }
        } else if (request instanceof TransactWriteItemsRequest t) {
            for (TransactWriteItem item : t.transactItems()) {
                if (item.put() != null) keys.add(key(item.put().item()));
                else if (item.update() != null) keys.add(item.update().key());
                else if (item.delete() != null) keys.add(item.delete().key());
                else if (item.conditionCheck() != null) keys.add(item.conditionCheck().key());
            }
        }
        return keys;
    }

    private static Map<String, AttributeValue> newItem(SdkRequest request, int i) {
        if (request instanceof PutItemRequest p) return p.item();
        if (request instanceof BatchWriteItemRequest b) {
            int k = 0;
            for (List<WriteRequest> writes : b.requestItems().values()) {
                for (WriteRequest w : writes) {
                    if (k++ == i && w.putRequest() != null) return w.putRequest().item();
                }
            }
        }
        if (request instanceof TransactWriteItemsRequest t && t.transactItems().get(i).put() != null) {
            return t.transactItems().get(i).put().item();
        }
        return Map.of();
    }

    private static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return Map.of("PK", item.get("PK"), "SK", item.get("SK"));
    }

    private Map<String, AttributeValue> read(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = plain.getItem(g -> g.tableName(table).key(key).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    /**
     * An item's size as DynamoDB counts it: each attribute's name plus its value; a string its UTF-8
     * bytes, a number about one byte per two significant digits plus one, binary its bytes, a
     * boolean or null one byte, a list or map 3 bytes plus its elements plus one byte each.
     */
    static long size(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue());
        }
        return bytes;
    }

    private static long size(AttributeValue v) {
        if (v.s() != null) return v.s().getBytes(StandardCharsets.UTF_8).length;
        if (v.n() != null) return number(v.n());
        if (v.b() != null) return v.b().asByteArray().length;
        if (v.bool() != null || v.nul() != null) return 1;
        if (v.hasL()) return 3 + v.l().stream().mapToLong(x -> 1 + size(x)).sum();
        if (v.hasM()) return 3 + v.m().entrySet().stream()
                .mapToLong(x -> 1 + x.getKey().getBytes(StandardCharsets.UTF_8).length + size(x.getValue())).sum();
        if (v.hasSs()) return v.ss().stream().mapToLong(x -> x.getBytes(StandardCharsets.UTF_8).length).sum();
        if (v.hasNs()) return v.ns().stream().mapToLong(CapacityMeter::number).sum();
        if (v.hasBs()) return v.bs().stream().mapToLong(x -> x.asByteArray().length).sum();
        return 1;
    }

    private static long number(String n) {
        String digits = n.replace("-", "").replace(".", "").replaceAll("^0+", "").replaceAll("0+$", "");
        return (digits.length() + 1) / 2 + 1;
    }

    Map<String, Phase> phases() {
        return new HashMap<>(phases);
    }
}
