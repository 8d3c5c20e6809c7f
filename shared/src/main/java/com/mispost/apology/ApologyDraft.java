package com.mispost.apology;

import com.mispost.apology.length.PostLength;

import java.util.List;
import java.util.Objects;

/**
 * One proposed public response to a mispost, with what the honesty linter found in it. A draft
 * with findings is shown with them; it is never sent on as if it had passed.
 *
 * @param tone     plain, warm or formal
 * @param kind     a platform post, or the longer website/press statement of a critical incident
 * @param language the language tag the text is written in ("en", "de")
 * @param text     the words staff would post
 * @param length   the length as the platform counts it (a statement: characters)
 * @param limit    the platform's limit; {@link #NO_LIMIT} for a statement
 * @param lint     what the honesty linter found; empty means it passed
 * @param notes    things staff should know that are not faults of the text (a language fallback,
 *                 that leadership should see it, that staff edited it)
 */
public record ApologyDraft(Tone tone, DraftKind kind, String language, String text, int length, int limit,
                           List<LintFinding> lint, List<String> notes) {

    public static final int NO_LIMIT = 0;

    public ApologyDraft {
        Objects.requireNonNull(tone, "tone");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(language, "language");
        text = text == null ? "" : text;
        lint = lint == null ? List.of() : List.copyOf(lint);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A draft measured for its platform and judged by the linter, whoever wrote the text. */
    public static ApologyDraft judged(DraftRequest request, Tone tone, DraftKind kind, String language, String text,
                                      List<String> notes, HonestyLinter linter) {
        boolean post = kind == DraftKind.POST;
        int length = post ? PostLength.count(request.platform(), text) : PostLength.characters(text);
        int limit = post ? PostLength.limit(request.platform()) : NO_LIMIT;
        return new ApologyDraft(tone, kind, language, text, length, limit, linter.lint(request, kind, text), notes);
    }

    public boolean passes() {
        return lint.isEmpty();
    }
}
