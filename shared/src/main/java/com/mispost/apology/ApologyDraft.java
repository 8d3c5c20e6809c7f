package com.mispost.apology;

import java.util.List;

/**
 * One proposed public response to a mispost.
 *
 * @param tone   plain, warm or formal
 * @param text   the words staff would post
 * @param length the length as the platform counts it
 * @param limit  the platform's limit
 * @param lint   what the honesty linter found; empty means it passed
 */
public record ApologyDraft(Tone tone, String text, int length, int limit, List<String> lint) {
    public ApologyDraft {
        lint = lint == null ? List.of() : List.copyOf(lint);
    }
}
