package com.mispost.apology;

import java.util.Objects;

/**
 * One thing the honesty linter found in a draft.
 *
 * @param rule    which rule
 * @param message why it matters and what to do instead, for the person approving the draft
 * @param excerpt the offending words as they stand in the text; empty when the finding is about
 *                something missing
 * @param start   where the excerpt starts in the text (0 with an empty excerpt)
 * @param end     where it ends, exclusive
 */
public record LintFinding(LintRule rule, String message, String excerpt, int start, int end) {
    public LintFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        excerpt = excerpt == null ? "" : excerpt;
    }

    /** A finding about something the text lacks: there is nothing to point at. */
    static LintFinding missing(LintRule rule, String message) {
        return new LintFinding(rule, message, "", 0, 0);
    }

    /** "rule-id: message «excerpt»" — the one-line form for notices and the command line. */
    public String line() {
        return rule.id() + ": " + message + (excerpt.isEmpty() ? "" : " «" + excerpt + "»");
    }
}
