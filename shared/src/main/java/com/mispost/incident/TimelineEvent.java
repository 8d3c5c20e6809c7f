package com.mispost.incident;

import java.util.Optional;

/**
 * What a line on an incident's timeline records. Each is stored by its {@link #id()}, which never
 * changes: timelines written by earlier versions must still read.
 */
public enum TimelineEvent {
    OPENED("opened"),
    ACKNOWLEDGED("acknowledged"),
    DISMISSED("dismissed"),
    DRAFT_APPROVED("draft-approved"),
    REPAIR("repair"),
    CLOSED("closed"),
    REOPENED("reopened"),
    ESCALATED("escalated"),
    AUTHOR_ASKED("author-asked"),
    AUTHOR_CONFIRMED("author-confirmed"),
    SPIKE("spike"),
    POST_EDITED("post-edited"),
    POST_DELETED("post-deleted"),
    /** Another post's backlash, put on this incident because the account had raised its share of crowd alerts. */
    CROWD_GROUPED("crowd-grouped"),
    /** A notice SNS would not take, or that waited too long: taken out of the outbox, its short form sent instead. */
    NOTICE_FAILED("notice-failed");

    private final String id;

    TimelineEvent(String id) {
        this.id = id;
    }

    /** The stored, stable name. */
    public String id() {
        return id;
    }

    public static Optional<TimelineEvent> fromId(String id) {
        for (TimelineEvent e : values()) if (e.id.equals(id)) return Optional.of(e);
        return Optional.empty();
    }

    /** What staff doing {@code action} puts on the timeline. */
    public static TimelineEvent of(IncidentAction action) {
        return switch (action) {
            case ACKNOWLEDGE -> ACKNOWLEDGED;
            case DISMISS -> DISMISSED;
            case APPROVE -> DRAFT_APPROVED;
            case REPAIR -> REPAIR;
            case CLOSE -> CLOSED;
            case REOPEN -> REOPENED;
        };
    }
}
