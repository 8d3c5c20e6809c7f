package com.mispost.notify;

import com.mispost.incident.TimelineEvent;

import java.util.Optional;

/**
 * What a notice to staff is. The {@link #id()} is the SNS message attribute {@code kind} that
 * subscription filter policies match, and the name notices are stored by: it never changes.
 */
public enum NoticeKind {
    ALERT("alert"),
    DRAFTS_READY("drafts-ready"),
    ESCALATION("escalation"),
    SPIKE("spike"),
    ASK_AUTHOR("ask-author"),
    CLOSED("closed"),
    // State changes and news on the timeline, named as their timeline events are.
    ACKNOWLEDGED("acknowledged"),
    DISMISSED("dismissed"),
    DRAFT_APPROVED("draft-approved"),
    REPAIR("repair"),
    REOPENED("reopened"),
    POST_EDITED("post-edited"),
    AUTHOR_CONFIRMED("author-confirmed");

    private final String id;

    NoticeKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<NoticeKind> fromId(String id) {
        for (NoticeKind k : values()) if (k.id.equals(id)) return Optional.of(k);
        return Optional.empty();
    }

    /** The notice telling staff of a change on the timeline. */
    public static NoticeKind changeOf(TimelineEvent event) {
        return switch (event) {
            case ACKNOWLEDGED -> ACKNOWLEDGED;
            case DISMISSED -> DISMISSED;
            case DRAFT_APPROVED -> DRAFT_APPROVED;
            case REPAIR -> REPAIR;
            case REOPENED -> REOPENED;
            case POST_EDITED -> POST_EDITED;
            case AUTHOR_CONFIRMED -> AUTHOR_CONFIRMED;
            case CLOSED -> CLOSED;
            case ESCALATED -> ESCALATION;
            case SPIKE -> SPIKE;
            case AUTHOR_ASKED -> ASK_AUTHOR;
            case OPENED -> ALERT;
            case POST_DELETED -> throw new IllegalArgumentException("a deleted post is noted, not announced");
            case CROWD_GROUPED -> throw new IllegalArgumentException("a grouped backlash is noted, not announced");
            case NOTICE_FAILED -> throw new IllegalArgumentException("a failed notice is noted; its short form is what goes out");
        };
    }
}
