package com.mispost.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * One line in an incident's record: what happened, who did it, and when.
 *
 * @param at     when
 * @param event  what happened
 * @param actor  who ("detector", a staff member's name)
 * @param detail free text for people
 * @param provenance where the request came from, when a person's request through a link made the entry; else null
 */
public record TimelineEntry(Instant at, TimelineEvent event, String actor, String detail, Provenance provenance) {
    public TimelineEntry {
        Objects.requireNonNull(event, "event");
    }

    /** An entry Mispost itself makes (the detector, the sweep, a platform's delivery). */
    public TimelineEntry(Instant at, TimelineEvent event, String actor, String detail) {
        this(at, event, actor, detail, null);
    }
}
