package com.mispost.apology;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Staff's approval of the words to publish. Publishing itself stays with staff.
 *
 * @param tone             the draft's tone
 * @param kind             post or statement
 * @param language         the language of the text
 * @param text             the approved words, exactly
 * @param approvedBy       who approved them
 * @param at               when
 * @param acceptedFindings linter findings the approver saw and accepted (empty for a clean draft)
 * @param overrideReason   why they were accepted; empty when there were none
 */
public record Approval(Tone tone, DraftKind kind, String language, String text, String approvedBy, Instant at,
                       List<LintFinding> acceptedFindings, String overrideReason) {

    public Approval {
        Objects.requireNonNull(tone, "tone");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(at, "at");
        acceptedFindings = acceptedFindings == null ? List.of() : List.copyOf(acceptedFindings);
        overrideReason = overrideReason == null ? "" : overrideReason;
    }

    /** For the record: which words were approved, and any findings the approver accepted with the reason. */
    public String describe() {
        StringBuilder detail = new StringBuilder()
                .append(tone.id()).append(' ').append(kind.id()).append(" (").append(language).append("): ").append(text);
        if (!acceptedFindings.isEmpty()) {
            detail.append("\nApproved despite ").append(acceptedFindings.size()).append(" linter finding(s) (")
                  .append(String.join(", ", acceptedFindings.stream().map(f -> f.rule().id()).distinct().toList()))
                  .append("): ").append(overrideReason);
        }
        return detail.toString();
    }
}
