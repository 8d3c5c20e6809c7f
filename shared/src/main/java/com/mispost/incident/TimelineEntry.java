package com.mispost.incident;

import java.time.Instant;

/**
 * One line in an incident's record: what happened, who did it, and when.
 *
 * @param at     when
 * @param event  a short code ("opened", "acknowledged", "draft-approved", "repair", "closed")
 * @param actor  who ("detector", a staff member's name)
 * @param detail free text for people
 */
public record TimelineEntry(Instant at, String event, String actor, String detail) {
}
