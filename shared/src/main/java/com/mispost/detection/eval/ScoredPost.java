package com.mispost.detection.eval;

/**
 * One labelled post after scoring.
 *
 * @param kind    the data set's kind of post ("brand-support", "personal-emotion")
 * @param mispost whether it is labelled a mispost
 * @param score   the detector's score
 * @param alerted whether the assessment alerts at the threshold being evaluated
 */
public record ScoredPost(String kind, boolean mispost, double score, boolean alerted) {
}
