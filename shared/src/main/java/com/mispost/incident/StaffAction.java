package com.mispost.incident;

/**
 * What a staff member asked for.
 *
 * @param action the action
 * @param actor  who, as they gave their name (unverified; at most {@link #NAME_LIMIT} printable characters)
 * @param detail the reason, note or repair step; required for dismiss and reopen, and for closing
 *               an incident without an approved apology
 * @param tone   for approve: which draft (plain, warm, formal), unless {@code text} is given
 * @param text   for approve: the apology as staff edited it
 * @param from   where the request came from (the actor's name is as they stated it), or null when none came in
 */
public record StaffAction(IncidentAction action, String actor, String detail, String tone, String text, Provenance from) {
    public StaffAction(IncidentAction action, String actor, String detail, String tone, String text) {
        this(action, actor, detail, tone, text, null);
    }

    public static final int NAME_LIMIT = 80;

    public StaffAction {
        actor = Provenance.printable(actor, NAME_LIMIT);
        actor = actor.isEmpty() ? "staff" : actor;
        detail = detail == null || detail.isBlank() ? null : detail.trim();
        tone = tone == null || tone.isBlank() ? null : tone.trim();
        text = text == null || text.isBlank() ? null : text.trim();
    }
}
