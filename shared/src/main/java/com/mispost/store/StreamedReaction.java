package com.mispost.store;

import com.mispost.post.PostKey;
import com.mispost.post.ReactionKind;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * A recorded reaction as the table's change stream shows it, to be counted: see
 * {@link PostStore#countReactions}.
 *
 * @param target    the post reacted to
 * @param kind      what kind of reaction
 * @param at        when it happened (the platform's time: its minute is the one it is counted in)
 * @param arrivedAt when it reached intake (only moves forward: what "quiet since" is read from)
 * @param lane      which of the post's counters it adds to; the stream delivers one lane's
 *                  reactions in order, to one reader at a time
 * @param position  its place in the stream; within a lane, later reactions have higher positions
 */
public record StreamedReaction(PostKey target, ReactionKind kind, Instant at, Instant arrivedAt, String lane,
                               BigInteger position) {
    public StreamedReaction {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(arrivedAt, "arrivedAt");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(position, "position");
    }
}
