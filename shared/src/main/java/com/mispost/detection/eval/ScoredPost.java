package com.mispost.detection.eval;

/**
 * One labelled post after scoring.
 *
 * @param account  the account it was scored on ("x:AcmeHelp")
 * @param ownPosts how many of that account's own posts had been learned when it was scored
 * @param kind     the data set's kind of post ("brand-support", "personal-emotion")
 * @param mispost  whether it is labelled a mispost
 * @param score    the detector's score
 * @param alerted  whether the assessment alerts at the threshold being evaluated
 */
public record ScoredPost(String account, int ownPosts, String kind, boolean mispost, double score, boolean alerted) {

    /** A post with no account to group it by. */
    public ScoredPost(String kind, boolean mispost, double score, boolean alerted) {
        this("", 0, kind, mispost, score, alerted);
    }
}
