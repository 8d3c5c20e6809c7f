package com.mispost.incident;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static com.mispost.incident.IncidentState.*;

/** What staff can do to an incident, and the states each action may start from. */
public enum IncidentAction {
    ACKNOWLEDGE(Set.of(OPEN), ACKNOWLEDGED, false),
    DISMISS(Set.of(OPEN, ACKNOWLEDGED), DISMISSED, true),
    APPROVE(Set.of(ACKNOWLEDGED, RESPONDING), RESPONDING, false),
    REPAIR(Set.of(RESPONDING, MONITORING), MONITORING, false),
    CLOSE(Set.of(OPEN, ACKNOWLEDGED, RESPONDING, MONITORING), CLOSED, false),
    REOPEN(Set.of(CLOSED, DISMISSED), ACKNOWLEDGED, true);

    private final Set<IncidentState> from;
    private final IncidentState to;
    private final boolean needsReason;

    IncidentAction(Set<IncidentState> from, IncidentState to, boolean needsReason) {
        this.from = from;
        this.to = to;
        this.needsReason = needsReason;
    }

    public Set<IncidentState> from() {
        return from;
    }

    public IncidentState to() {
        return to;
    }

    public boolean needsReason() {
        return needsReason;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IncidentAction> fromId(String id) {
        if (id == null) return Optional.empty();
        for (IncidentAction a : values()) {
            if (a.id().equals(id.toLowerCase(Locale.ROOT))) return Optional.of(a);
        }
        return Optional.empty();
    }
}
