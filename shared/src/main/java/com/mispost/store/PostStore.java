package com.mispost.store;

import com.mispost.detection.Assessment;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionCounts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Posts of watched accounts, the raw deliveries they came in (kept as evidence for a while) and their reactions. */
public interface PostStore {

    /**
     * Keeps a delivery's body exactly as received (the bytes that were signed), once however often
     * it is delivered, under its id (the hex SHA-256 of the body). Returns true when stored now,
     * false when it was stored before (a redelivery).
     */
    boolean saveDelivery(String deliveryId, Platform platform, byte[] body);

    /**
     * How far storing a delivery's events got before a try ran out of time: its first {@code steps}
     * steps are done, and the hex SHA-256 of their names is {@code digest}.
     */
    record Progress(int steps, String digest) {
    }

    /**
     * Notes how far storing the delivery's events got, for its next try; the last note counts (two
     * tries at once can only make the next one redo a little, and redoing is harmless).
     */
    void noteProgress(String deliveryId, Progress progress);

    /** What {@link #noteProgress} last noted for the delivery; empty when nothing was. */
    Optional<Progress> progress(String deliveryId);

    /** The body of a stored delivery, byte for byte; empty when it is not stored (or has expired). */
    Optional<byte[]> findDelivery(String deliveryId);

    /**
     * Stores each post once, noting the delivery it came in. For each post in order: true when
     * stored now, false when it was stored before (a redelivery: nothing is changed then).
     */
    List<Boolean> savePosts(List<Post> posts, String deliveryId);

    /** {@link #savePosts} for one post. */
    default boolean savePost(Post post, String deliveryId) {
        return savePosts(List.of(post), deliveryId).get(0);
    }

    Optional<Post> findPost(PostKey key);

    /**
     * Which of {@code keys} are stored posts: what a delivery's reactions and deletions name, asked
     * together (one read per hundred posts) rather than one by one.
     */
    Set<PostKey> stored(Collection<PostKey> keys);

    /**
     * Records an edit of a post, so that the edited text is screened. Platforms deliver in any
     * order, so each post keeps the time of the newest version it has seen, and no older version
     * ever replaces a newer one:
     * <ul>
     *   <li>the post is stored: the edit is recorded beside it (and screened as an edit) when it is
     *   newer than any version seen; the post as it first went out stays as it was;</li>
     *   <li>the post is not stored yet (the edit arrived first): the post is stored in its edited
     *   version (and screened as a new post); its creation, arriving later, finds it stored and
     *   changes nothing ({@link #savePosts} stores a post once);</li>
     *   <li>an edit at the time of the newest version seen is a redelivery, an earlier one is
     *   outdated: neither changes anything.</li>
     * </ul>
     * Only for posts of watched accounts: this stores a post the account has not been seen to publish.
     */
    EditOutcome saveEdit(Post edited, Instant editedAt, String deliveryId);

    /** Keeps the detector's verdict on the post, for the record. Returns false if the post is not stored. */
    boolean saveAssessment(PostKey key, Assessment assessment);

    /**
     * Records each reaction once, however often it is delivered, and keeps the words of replies,
     * comments and quotes with the post, with their author when the delivery names one; the
     * outcome of each, in order. A recorded reaction reaches its post's counts through
     * {@link #countReactions}, seconds later (the table's stream), so that no item is written by
     * every reaction to a post.
     */
    List<ReactionOutcome> recordReactions(List<Reaction> reactions);

    /**
     * Adds recorded reactions, as the table's stream shows them, to their posts' counts: each once,
     * however often the stream delivers a batch again, whole or in slices (a retried or bisected
     * batch), provided each lane's reactions come in stream order. Throws when a count could not be
     * written; the batch is then delivered again from its first reaction.
     */
    void countReactions(List<StreamedReaction> seen);

    /** {@link #recordReactions} for one reaction. */
    default ReactionOutcome recordReaction(Reaction reaction) {
        return recordReactions(List.of(reaction)).get(0);
    }

    /**
     * Notes that the account deleted each post (by key, when). Returns the posts noted now: one not
     * stored, or noted before, is not among them. 100 to a write.
     */
    Set<PostKey> recordDeletions(Map<PostKey, Instant> deletions);

    /** {@link #recordDeletions} for one post: false if the post is not known or was noted before. */
    default boolean recordDeletion(PostKey key, Instant at) {
        return recordDeletions(Map.of(key, at)).contains(key);
    }

    ReactionCounts reactionCounts(PostKey key);

    /**
     * The totals, the last arrival and the deletion as {@link #reactionCounts} gives them, but the
     * counts per minute only from {@code since}'s minute on (a few minutes at most): what a sweep
     * needs of every live incident, in one read.
     */
    ReactionCounts recentReactions(PostKey key, Instant since);

    /** The newest reactions with words (replies, comments, quotes) to a post, newest first, at most {@code newest}. */
    List<Reaction> replies(PostKey key, int newest);

    enum EditOutcome {
        /** The post was stored: the edit is recorded as its newest version. */
        RECORDED,
        /** The post was not stored yet: it is stored now, in this edited version. */
        STORED_AS_POST,
        /** This version was stored before: a redelivery. */
        DUPLICATE,
        /** A newer version is stored: this one changes nothing. */
        OUTDATED
    }

    enum ReactionOutcome {
        /** Counted now. */
        COUNTED,
        /** Counted before: a redelivery. */
        DUPLICATE,
        /** The post reacted to is not one we store: acknowledged and dropped. */
        UNKNOWN_POST
    }
}
