package com.mispost.incident;

/**
 * What a staff member asked for.
 *
 * @param action the action
 * @param actor  who (as they gave their name)
 * @param detail the reason, note or repair step; required for dismiss and reopen, and for closing
 *               an incident without an approved apology
 * @param tone   for approve: which draft (plain, warm, formal), unless {@code text} is given
 * @param text   for approve: the apology as staff edited it
 */
public record StaffAction(IncidentAction action, String actor, String detail, String tone, String text) {
    public StaffAction {
        actor = actor == null || actor.isBlank() ? "staff" : actor.trim();
        detail = detail == null || detail.isBlank() ? null : detail.trim();
        tone = tone == null || tone.isBlank() ? null : tone.trim();
        text = text == null || text.isBlank() ? null : text.trim();
    }
}
