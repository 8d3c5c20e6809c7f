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
 */
public record TimelineEntry(Instant at, TimelineEvent event, String actor, String detail) {
    public TimelineEntry {
        Objects.requireNonNull(event, "event");
    }
}
