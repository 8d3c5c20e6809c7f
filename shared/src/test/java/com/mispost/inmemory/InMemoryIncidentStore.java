package com.mispost.inmemory;

import com.mispost.apology.ApologyDraft;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentAction;
import com.mispost.incident.IncidentState;
import com.mispost.incident.StaleStateException;
import com.mispost.incident.TimelineEntry;
import com.mispost.notify.Notice;
import com.mispost.store.IncidentStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link IncidentStore} in maps, keeping the table's promises: one incident per post, state changes
 * only from the action's source states, a notice written with the change it reports (and never
 * twice), rationed notices, and claims on pending notices. Each method is one atomic step, as each
 * DynamoDB transaction is.
 */
public final class InMemoryIncidentStore implements IncidentStore {
    private enum Status { PENDING, SENDING, SENT, FAILED }
    private final Map<String, String> failures = new HashMap<>();

    private record Outboxed(Notice notice, Status status, Instant claimedAt) {
    }

    private record Ration(Instant last, int sent) {
    }

    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final Map<String, String> linkBases = new HashMap<>();
    private final Map<String, List<TimelineEntry>> timelines = new HashMap<>();
    private final Map<String, List<ApologyDraft>> drafts = new HashMap<>();
    private final Map<String, Outboxed> outbox = new LinkedHashMap<>();
    private final Map<String, Ration> rations = new HashMap<>();

    @Override
    public synchronized boolean open(Incident incident, String linkBase, TimelineEntry opened, Notice alert) {
        if (incidents.containsKey(incident.id())) return false;
        write(alert);
        incidents.put(incident.id(), incident);
        linkBases.put(incident.id(), linkBase);
        timelines.computeIfAbsent(incident.id(), k -> new ArrayList<>()).add(opened);
        return true;
    }

    @Override
    public synchronized Optional<Incident> find(String incidentId) {
        return Optional.ofNullable(incidents.get(incidentId));
    }

    @Override
    public synchronized java.util.Set<String> existing(java.util.Collection<String> incidentIds) {
        java.util.Set<String> found = new java.util.HashSet<>();
        for (String id : incidentIds) {
            if (incidents.containsKey(id)) found.add(id);
        }
        return found;
    }

    @Override
    public synchronized Optional<String> linkBase(String incidentId) {
        return Optional.ofNullable(linkBases.get(incidentId));
    }

    @Override
    public synchronized Incident apply(String incidentId, IncidentAction action, TimelineEntry entry, String approvedDraft,
                                       Notice notice) throws StaleStateException {
        Incident was = incidents.get(incidentId);
        if (was == null) throw new StaleStateException("no incident " + incidentId, null);
        if (!action.from().contains(was.state())) {
            throw new StaleStateException(StaleStateException.describe(was.state(), action), was.state());
        }
        if (notice != null) write(notice);
        Incident after = new Incident(was.id(), was.post(), was.assessment(), action.to(), was.openedAt(), entry.at(),
                approvedDraft != null ? approvedDraft : was.approvedDraft());
        incidents.put(incidentId, after);
        timelines.get(incidentId).add(entry);
        return after;
    }

    @Override
    public synchronized void note(String incidentId, TimelineEntry entry, Notice noticeOrNull) {
        if (noticeOrNull != null) write(noticeOrNull);
        timelines.computeIfAbsent(incidentId, k -> new ArrayList<>()).add(entry);
    }

    @Override
    public synchronized boolean noteRationed(String incidentId, Set<IncidentState> whileIn, TimelineEntry entry,
                                             Notice notice, Duration window, int limit) {
        Incident incident = incidents.get(incidentId);
        if (incident == null || !whileIn.contains(incident.state()) || limit <= 0) return false;
        String key = incidentId + "#" + notice.kind().id();
        Ration ration = rations.get(key);
        Instant now = notice.createdAt();
        if (ration != null && (ration.last().isAfter(now.minus(window)) || ration.sent() >= limit)) return false;
        write(notice);
        rations.put(key, new Ration(now, ration == null ? 1 : ration.sent() + 1));
        timelines.get(incidentId).add(entry);
        return true;
    }

    @Override
    public synchronized List<TimelineEntry> timeline(String incidentId) {
        List<TimelineEntry> entries = new ArrayList<>(timelines.getOrDefault(incidentId, List.of()));
        entries.sort(Comparator.comparing(TimelineEntry::at));
        return entries;
    }

    @Override
    public synchronized boolean saveDrafts(String incidentId, List<ApologyDraft> newDrafts, Notice notice) {
        if (drafts.containsKey(incidentId)) return false;
        write(notice);
        drafts.put(incidentId, List.copyOf(newDrafts));
        return true;
    }

    @Override
    public synchronized List<ApologyDraft> drafts(String incidentId) {
        return drafts.getOrDefault(incidentId, List.of());
    }

    @Override
    public synchronized List<Incident> active() {
        return incidents.values().stream().filter(i -> !i.state().isEnded()).toList();
    }

    @Override
    public synchronized List<Notice> pendingNotices() {
        return outbox.values().stream().filter(o -> o.status() == Status.PENDING || o.status() == Status.SENDING).map(Outboxed::notice)
                .sorted(Comparator.comparing(Notice::createdAt)).toList();
    }

    @Override
    public synchronized boolean claim(Notice notice, Instant now, Duration lease) {
        Outboxed o = outbox.get(key(notice));
        if (o == null) return false;
        boolean free = o.status() == Status.PENDING
                || o.status() == Status.SENDING && o.claimedAt().isBefore(now.minus(lease));
        if (!free) return false;
        outbox.put(key(notice), new Outboxed(o.notice(), Status.SENDING, now));
        return true;
    }

    @Override
    public synchronized void release(Notice notice) {
        Outboxed o = outbox.get(key(notice));
        if (o != null && o.status() == Status.SENDING) outbox.put(key(notice), new Outboxed(o.notice(), Status.PENDING, null));
    }

    @Override
    public synchronized void markSent(Notice notice) {
        Outboxed o = outbox.get(key(notice));
        if (o == null) throw new IllegalStateException("no notice " + notice.id());
        outbox.put(key(notice), new Outboxed(o.notice(), Status.SENT, null));
    }

    @Override
    public synchronized void markFailed(Notice notice, String why, Instant at) {
        Outboxed o = outbox.get(key(notice));
        if (o == null) throw new IllegalStateException("no notice " + notice.id());
        outbox.put(key(notice), new Outboxed(o.notice(), Status.FAILED, null));
        failures.put(key(notice), why);
    }

    /** Why a notice failed, if it did. */
    public synchronized Optional<String> failure(Notice notice) {
        return Optional.ofNullable(failures.get(key(notice)));
    }

    /** Notice ids are unique per incident, as the table's key (incident, NOTICE#id) makes them. */
    private static String key(Notice notice) {
        return notice.incidentId() + "#" + notice.id();
    }

    /** A notice id is written once; the table's condition fails the whole transaction otherwise. */
    private void write(Notice notice) {
        if (outbox.containsKey(key(notice))) throw new IllegalStateException("notice " + notice.id() + " exists already");
        outbox.put(key(notice), new Outboxed(notice, Status.PENDING, null));
    }
}
