package com.mispost.store.dynamodb;

import com.mispost.apology.ApologyDraft;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentAction;
import com.mispost.incident.IncidentState;
import com.mispost.incident.StaleStateException;
import com.mispost.incident.Provenance;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.notify.Notice;
import com.mispost.store.IncidentStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.mispost.store.dynamodb.Items.*;

/** Incidents with their timeline, drafts and outbox, in the suite's table. */
public final class DynamoDbIncidentStore implements IncidentStore {
    private static final String OUTBOX = "OUTBOX";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbIncidentStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean open(Incident incident, String linkBase, TimelineEntry opened, Notice alert) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table)
                            .item(IncidentItems.item(incident, linkBase))
                            .conditionExpression("attribute_not_exists(PK)")).build(),
                    timelinePut(incident.id(), opened),
                    noticePut(alert)));
            return true;
        } catch (TransactionCanceledException e) {
            if (DynamoDbPostStore.failedCondition(e, 0)) return false;
            throw e;
        }
    }

    @Override
    public Optional<Incident> find(String incidentId) {
        return incidentItem(incidentId).map(IncidentItems::fromItem);
    }

    @Override
    public Set<String> existing(Collection<String> incidentIds) {
        Map<Map<String, AttributeValue>, String> byKey = new HashMap<>();
        for (String id : incidentIds) byKey.put(IncidentItems.key(id, IncidentItems.SK_INCIDENT), id);
        Set<String> found = new HashSet<>();
        for (Map<String, AttributeValue> item : Batches.get(dynamo, table, byKey.keySet(), true, PK + ", " + SK)) {
            found.add(byKey.get(Map.of(PK, item.get(PK), SK, item.get(SK))));
        }
        return found;
    }

    @Override
    public Optional<String> linkBase(String incidentId) {
        return incidentItem(incidentId).map(i -> str(i, "linkBase"));
    }

    private Optional<Map<String, AttributeValue>> incidentItem(String incidentId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(IncidentItems.key(incidentId, IncidentItems.SK_INCIDENT))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    @Override
    public Incident apply(String incidentId, IncidentAction action, TimelineEntry entry, String approvedDraft,
                          Notice notice) throws StaleStateException {
        Map<String, String> names = new HashMap<>(Map.of("#state", "state"));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":to", s(action.to().name()));
        values.put(":now", s(entry.at().toString()));
        List<String> from = new ArrayList<>();
        int i = 0;
        for (IncidentState s : action.from()) {
            values.put(":f" + i, s(s.name()));
            from.add(":f" + i++);
        }
        StringBuilder update = new StringBuilder("SET #state = :to, updatedAt = :now");
        if (approvedDraft != null) {
            update.append(", approvedDraft = :draft");
            values.put(":draft", s(approvedDraft));
        }
        if (action.to().isEnded()) {
            update.append(", endedAt = :now REMOVE GSI1PK, GSI1SK");
        } else {
            update.append(", GSI1PK = :active, GSI1SK = if_not_exists(GSI1SK, :now)");
            values.put(":active", s(IncidentItems.ACTIVE));
        }
        String condition = "#state IN (" + String.join(", ", from) + ")";
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(IncidentItems.key(incidentId, IncidentItems.SK_INCIDENT))
                .conditionExpression(condition)
                .updateExpression(update.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)).build());
        items.add(timelinePut(incidentId, entry));
        if (notice != null) items.add(noticePut(notice));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            if (DynamoDbPostStore.failedCondition(e, 0)) {
                IncidentState actual = find(incidentId).map(Incident::state).orElse(null);
                throw new StaleStateException(actual == null ? "no incident " + incidentId
                        : StaleStateException.describe(actual, action),
                        actual);
            }
            throw e;
        }
        return find(incidentId).orElseThrow();
    }

    @Override
    public void note(String incidentId, TimelineEntry entry, Notice noticeOrNull) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(timelinePut(incidentId, entry));
        if (noticeOrNull != null) items.add(noticePut(noticeOrNull));
        dynamo.transactWriteItems(b -> b.transactItems(items));
    }

    @Override
    public boolean noteRationed(String incidentId, Set<IncidentState> whileIn, TimelineEntry entry, Notice notice,
                                Duration window, int limit) {
        if (limit <= 0 || whileIn.isEmpty()) return false;
        Map<String, AttributeValue> stateValues = new HashMap<>();
        List<String> states = new ArrayList<>();
        for (IncidentState st : whileIn) {
            stateValues.put(":s" + states.size(), s(st.name()));
            states.add(":s" + states.size());
        }
        long now = notice.createdAt().toEpochMilli();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                            .key(IncidentItems.key(incidentId, IncidentItems.SK_INCIDENT))
                            .conditionExpression("#state IN (" + String.join(", ", states) + ")")
                            .expressionAttributeNames(Map.of("#state", "state"))
                            .expressionAttributeValues(stateValues)).build(),
                    // Epoch millis, not ISO text: ISO instants with and without fractions do not sort as text.
                    TransactWriteItem.builder().update(u -> u.tableName(table)
                            .key(IncidentItems.key(incidentId, "RATION#" + notice.kind().id()))
                            .conditionExpression("attribute_not_exists(PK) OR (lastAtMillis <= :since AND sent < :limit)")
                            .updateExpression("SET lastAtMillis = :now, #t = :type ADD sent :one")
                            .expressionAttributeNames(Map.of("#t", TYPE))
                            .expressionAttributeValues(Map.of(":since", n(now - window.toMillis()), ":limit", n(limit),
                                    ":now", n(now), ":type", s("RATION"), ":one", n(1)))).build(),
                    timelinePut(incidentId, entry),
                    noticePut(notice)));
            return true;
        } catch (TransactionCanceledException e) {
            if (DynamoDbPostStore.failedCondition(e, 0) || DynamoDbPostStore.failedCondition(e, 1)) return false;
            throw e;
        }
    }

    @Override
    public List<TimelineEntry> timeline(String incidentId) {
        List<TimelineEntry> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : queryPrefix(incidentId, "TIMELINE#")) {
            Provenance from = item.containsKey("source") ? new Provenance(item.containsKey("nameStated") && item.get("nameStated").bool(),
                    str(item, "source"), str(item, "userAgent")) : null;
            out.add(new TimelineEntry(instant(item, "at"), timelineEvent(str(item, "event")), str(item, "actor"), str(item, "detail"), from));
        }
        return out;
    }

    @Override
    public boolean saveDrafts(String incidentId, List<ApologyDraft> drafts, Notice notice) {
        List<TransactWriteItem> items = new ArrayList<>();
        Map<String, AttributeValue> marker = new HashMap<>(IncidentItems.key(incidentId, "DRAFTS"));
        marker.put(TYPE, s("DRAFTS"));
        marker.put("count", n(drafts.size()));
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(marker)
                .conditionExpression("attribute_not_exists(PK)")).build());
        for (ApologyDraft d : drafts) {
            // A critical incident has a post and a statement in the same tone: the kind is part of the key.
            Map<String, AttributeValue> item = new HashMap<>(IncidentItems.key(incidentId,
                    "DRAFT#" + d.kind().id() + "#" + d.tone().id()));
            item.put(TYPE, s("DRAFT"));
            item.put("draft", s(toJson(d)));
            items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build());
        }
        items.add(noticePut(notice));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            if (DynamoDbPostStore.failedCondition(e, 0)) return false;
            throw e;
        }
    }

    @Override
    public List<ApologyDraft> drafts(String incidentId) {
        List<ApologyDraft> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : queryPrefix(incidentId, "DRAFT#")) {
            out.add(fromJson(str(item, "draft"), ApologyDraft.class));
        }
        out.sort(Comparator.comparing(ApologyDraft::kind).thenComparing(ApologyDraft::tone));
        return out;
    }

    @Override
    public List<Incident> active() {
        List<Incident> out = new ArrayList<>();
        for (Map<String, AttributeValue> key : queryIndex(IncidentItems.ACTIVE)) {
            find(str(key, "incidentId")).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<Notice> pendingNotices() {
        List<Notice> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : queryIndex(OUTBOX)) out.add(fromJson(str(item, "notice"), Notice.class));
        out.sort(Comparator.comparing(Notice::createdAt));
        return out;
    }

    @Override
    public boolean claim(Notice notice, Instant now, Duration lease) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(IncidentItems.key(notice.incidentId(), "NOTICE#" + notice.id()))
                    .conditionExpression("#st = :pending OR (#st = :sending AND claimedAt < :stale)")
                    .updateExpression("SET #st = :sending, claimedAt = :now")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":pending", s("PENDING"), ":sending", s("SENDING"),
                            ":now", s(now.toString()), ":stale", s(now.minus(lease).toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void release(Notice notice) {
        dynamo.updateItem(u -> u.tableName(table).key(IncidentItems.key(notice.incidentId(), "NOTICE#" + notice.id()))
                .conditionExpression("#st = :sending")
                .updateExpression("SET #st = :pending REMOVE claimedAt")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":pending", s("PENDING"), ":sending", s("SENDING"))));
    }

    @Override
    public void markSent(Notice notice) {
        dynamo.updateItem(u -> u.tableName(table).key(IncidentItems.key(notice.incidentId(), "NOTICE#" + notice.id()))
                .conditionExpression("attribute_exists(PK)")
                .updateExpression("SET #st = :sent, sentAt = :now REMOVE GSI1PK, GSI1SK")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":sent", s("SENT"), ":now", s(Instant.now().toString()))));
    }

    @Override
    public void markFailed(Notice notice, String why, Instant at) {
        dynamo.updateItem(u -> u.tableName(table).key(IncidentItems.key(notice.incidentId(), "NOTICE#" + notice.id()))
                .conditionExpression("attribute_exists(PK)")
                .updateExpression("SET #st = :failed, failedAt = :at, failure = :why REMOVE GSI1PK, GSI1SK, claimedAt")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":failed", s("FAILED"), ":at", s(at.toString()), ":why", s(why))));
    }

    private TransactWriteItem timelinePut(String incidentId, TimelineEntry e) {
        byte[] r = new byte[4];
        RANDOM.nextBytes(r);
        Map<String, AttributeValue> item = new HashMap<>(IncidentItems.key(incidentId,
                "TIMELINE#" + e.at() + "#" + HexFormat.of().formatHex(r)));
        item.put(TYPE, s("TIMELINE"));
        item.put("at", s(e.at().toString()));
        item.put("event", s(e.event().id()));
        item.put("actor", s(e.actor()));
        putIfPresent(item, "detail", e.detail());
        if (e.provenance() != null) {
            item.put("nameStated", AttributeValue.fromBool(e.provenance().nameStated()));
            item.put("source", s(e.provenance().source()));
            if (!e.provenance().userAgent().isEmpty()) item.put("userAgent", s(e.provenance().userAgent()));
        }
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    private TransactWriteItem noticePut(Notice notice) {
        Map<String, AttributeValue> item = new HashMap<>(IncidentItems.key(notice.incidentId(), "NOTICE#" + notice.id()));
        item.put(TYPE, s("NOTICE"));
        item.put("status", s("PENDING"));
        item.put("kind", s(notice.kind().id()));
        item.put("notice", s(toJson(notice)));
        item.put(GSI1PK, s(OUTBOX));
        item.put(GSI1SK, s(notice.createdAt() + "#" + notice.id()));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(PK)")).build();
    }

    private Iterable<Map<String, AttributeValue>> queryPrefix(String incidentId, String prefix) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :p)")
                .expressionAttributeValues(Map.of(":pk", s(IncidentItems.pk(incidentId)), ":p", s(prefix)))
                .build()).items();
    }

    private Iterable<Map<String, AttributeValue>> queryIndex(String partition) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(table).indexName(GSI1)
                .keyConditionExpression("GSI1PK = :p")
                .expressionAttributeValues(Map.of(":p", s(partition))).build()).items();
    }


    private static TimelineEvent timelineEvent(String stored) {
        return TimelineEvent.fromId(stored).orElseThrow(() ->
                new IllegalStateException("a timeline entry records '" + stored + "', which no version of Mispost writes"));
    }
}
