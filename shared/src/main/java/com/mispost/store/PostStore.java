package com.mispost.store;

import com.mispost.detection.Assessment;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionCounts;

import java.time.Instant;
import java.util.Optional;

/** Posts of watched accounts, their raw deliveries (kept as evidence for a while) and their reactions. */
public interface PostStore {

    /**
     * Stores the post once, with the raw delivery it came in. Returns false when the post was
     * already stored (a redelivery): nothing is changed then.
     */
    boolean savePost(Post post, String rawDelivery);

    Optional<Post> findPost(PostKey key);

    /**
     * Records an edit of a stored post (the text as edited, once per edit time), so that it is
     * screened again; the post as it first went out stays as it was. Returns false when the post
     * is not stored or the edit was recorded before.
     */
    boolean saveEdit(Post edited, Instant editedAt, String rawDelivery);

    /** Keeps the detector's verdict on the post, for the record. Returns false if the post is not stored. */
    boolean saveAssessment(PostKey key, Assessment assessment);

    /** Counts a reaction once, however often it is delivered. */
    ReactionOutcome recordReaction(Reaction reaction);

    /** Notes that the account deleted the post. Returns false if the post is not known or was noted before. */
    boolean recordDeletion(PostKey key, Instant at);

    ReactionCounts reactionCounts(PostKey key);

    enum ReactionOutcome {
        /** Counted now. */
        COUNTED,
        /** Counted before: a redelivery. */
        DUPLICATE,
        /** The post reacted to is not one we store: acknowledged and dropped. */
        UNKNOWN_POST
    }
}
