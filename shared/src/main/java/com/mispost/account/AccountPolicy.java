package com.mispost.account;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What one account tolerates: the score at which staff are alerted, topics it rules out, and
 * terms that are fine for this brand (a brewery may say "beer") even though they usually count
 * against a post. Dismissals as false positives add to {@code allowedTerms}.
 *
 * @param alertThreshold score in [0, 1] at or above which an incident opens until the deployment has
 *                       learned its own (then a threshold above the default stays a floor: see
 *                       {@code VoiceProfile.alertThreshold})
 * @param ruledOutTopics topic names the brand never posts about ("politics", "religion")
 * @param allowedTerms   lower-case terms never to count against this account's posts
 * @param spikePerMinute reactions per minute on a flagged post that make a spike notice
 */
public record AccountPolicy(double alertThreshold, Set<String> ruledOutTopics, Set<String> allowedTerms,
                            int spikePerMinute) {

    public static final double DEFAULT_THRESHOLD = 0.5;

    public static final AccountPolicy DEFAULT =
            new AccountPolicy(DEFAULT_THRESHOLD, Set.of("politics", "religion"), Set.of(), 20);

    public AccountPolicy {
        if (!(alertThreshold >= 0 && alertThreshold <= 1)) {
            throw new IllegalArgumentException("alertThreshold must be within [0, 1], was " + alertThreshold);
        }
        if (spikePerMinute < 1) {
            throw new IllegalArgumentException("spikePerMinute must be at least 1, was " + spikePerMinute);
        }
        ruledOutTopics = ruledOutTopics == null ? Set.of() : Set.copyOf(ruledOutTopics);
        allowedTerms = allowedTerms == null ? Set.of() : Set.copyOf(allowedTerms);
    }

    /** This policy with more allowed terms, as when staff dismiss an alert as a false positive. */
    public AccountPolicy allowing(Collection<String> terms) {
        Set<String> next = new HashSet<>(allowedTerms);
        for (String term : terms) next.add(term.toLowerCase(Locale.ROOT));
        return new AccountPolicy(alertThreshold, ruledOutTopics, next, spikePerMinute);
    }
}
