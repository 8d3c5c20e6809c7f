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
 * @param author     the platform's id of the person who reacted, or null when the delivery does not
 *                   say: the crowd's reading counts people rather than replies. Personal data: kept
 *                   only with the reply, which expires, and never logged above debug
 * @param standing   what the platform says of the author's account (age, followers, verified), or
 *                   null when the delivery does not say: the crowd's reading gives new accounts no
 *                   say in how urgent a backlash is
 */
public record Reaction(PostKey target, ReactionKind kind, String reactionId, Instant at, String text, String author,
                       AuthorStanding standing) {
    public Reaction {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reactionId, "reactionId");
        Objects.requireNonNull(at, "at");
        if (text != null && text.isBlank()) text = null;
        if (author != null && author.isBlank()) author = null;
        if (standing != null && standing.isEmpty()) standing = null;
    }

    /** A reaction whose author's standing the delivery does not say. */
    public Reaction(PostKey target, ReactionKind kind, String reactionId, Instant at, String text, String author) {
        this(target, kind, reactionId, at, text, author, null);
    }

    /** A reaction whose author the delivery does not say. */
    public Reaction(PostKey target, ReactionKind kind, String reactionId, Instant at, String text) {
        this(target, kind, reactionId, at, text, null);
    }

    /** A reaction without words (a like, a share) whose author the delivery does not say. */
    public Reaction(PostKey target, ReactionKind kind, String reactionId, Instant at) {
        this(target, kind, reactionId, at, null, null);
    }
}
