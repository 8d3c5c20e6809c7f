package com.mispost.detection;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The detector's verdict on one post.
 *
 * @param score     in [0, 1]; the higher, the surer it is a mispost
 * @param severity  how bad it is if it is one
 * @param reasons   why, strongest first
 * @param firstStep what staff should do first
 */
public record Assessment(double score, Severity severity, List<Reason> reasons, String firstStep) {
    public Assessment {
        if (!(score >= 0 && score <= 1)) throw new IllegalArgumentException("score must be within [0, 1]: " + score);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** Whether this assessment opens an incident under the given threshold. */
    public boolean alerts(double threshold) {
        return score >= threshold && severity != Severity.NONE;
    }

    /**
     * The words that made content signals fire, in lower case: what a dismissal as a false
     * positive adds to the account's allowed terms ({@code AccountPolicy.allowing}).
     */
    public Set<String> contentTerms() {
        Set<String> terms = new LinkedHashSet<>();
        for (Reason r : reasons) {
            if (!r.signal().startsWith("content.")) continue;
            for (Evidence e : r.evidence()) {
                if (e.start() >= 0) terms.add(e.excerpt().toLowerCase(Locale.ROOT));
            }
        }
        return terms;
    }
}
