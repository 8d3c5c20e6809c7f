package com.mispost.detection;

import java.util.List;

/**
 * Why a post looks like a mispost.
 *
 * @param signal      a stable code for the signal ("content.profanity", "voice.first-person")
 * @param explanation one sentence a social media manager understands
 * @param weight      how much this reason added to the score, in log-odds
 * @param evidence    what in the post made it fire
 */
public record Reason(String signal, String explanation, double weight, List<Evidence> evidence) {
    public Reason {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
