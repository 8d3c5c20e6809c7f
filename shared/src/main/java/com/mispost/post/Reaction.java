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
 * @param text       what the person wrote (a reply, comment or quote), or null: detection learns
 *                   the public's voice from a bounded sample of these
 */
public record Reaction(PostKey target, ReactionKind kind, String reactionId, Instant at, String text) {
    public Reaction {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reactionId, "reactionId");
        Objects.requireNonNull(at, "at");
        if (text != null && text.isBlank()) text = null;
    }

    /** A reaction without words (a like, a share). */
    public Reaction(PostKey target, ReactionKind kind, String reactionId, Instant at) {
        this(target, kind, reactionId, at, null);
    }
}
