package com.mispost.detection;

import java.util.List;

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
}
