package com.mispost.post;

import java.time.Instant;
import java.util.Objects;

/**
 * A reaction (reply, share, quote, like, comment) to a post of a watched account.
 *
 * @param target     the post reacted to
 * @param kind       what kind of reaction
 * @param reactionId the platform's identity of the reaction, used to count it once
 * @param at         when it happened
 */
public record Reaction(PostKey target, ReactionKind kind, String reactionId, Instant at) {
    public Reaction {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reactionId, "reactionId");
        Objects.requireNonNull(at, "at");
    }
}
