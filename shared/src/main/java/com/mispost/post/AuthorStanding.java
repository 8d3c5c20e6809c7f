package com.mispost.post;

import java.time.Duration;
import java.time.Instant;

/**
 * What a platform says about the account that reacted, where its delivery says it (X's user
 * object, a Mastodon account): when the account was made, how many follow it, whether the
 * platform verified it. Any field may be null: not said.
 */
public record AuthorStanding(Instant accountCreated, Long followers, Boolean verified) {
    /** An account this young at the time of its reaction may have been made for the occasion. */
    static final Duration YOUNG = Duration.ofDays(30);
    /** An account followed by fewer than this has no audience of its own. */
    static final long FEW_FOLLOWERS = 10;

    /** Nothing said; null rather than this where a reaction is built. */
    public boolean isEmpty() {
        return accountCreated == null && followers == null && verified == null;
    }

    /**
     * Whether anyone could have minted this account for the occasion: unverified, and made within
     * {@link #YOUNG} of the reaction or followed by fewer than {@link #FEW_FOLLOWERS}. What the
     * platform does not say does not count against it.
     */
    public boolean mintable(Instant reactedAt) {
        if (Boolean.TRUE.equals(verified)) return false;
        boolean young = accountCreated != null && reactedAt != null && accountCreated.plus(YOUNG).isAfter(reactedAt);
        boolean unfollowed = followers != null && followers < FEW_FOLLOWERS;
        return young || unfollowed;
    }
}
