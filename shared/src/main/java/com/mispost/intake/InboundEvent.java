package com.mispost.intake;

import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;

import java.time.Instant;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One thing a delivery tells us, in the suite's own terms.
 *
 * <p>Every event carries a {@link #deliveryKey()}: the platform's own identity of what happened
 * (X: tweet id with {@code for_user_id}; Meta: object id, verb and time; LinkedIn:
 * {@code notificationId}; Mastodon: status id, event and {@code edited_at}). Platforms redeliver
 * and reorder, so intake stores each key once. The one-argument constructors derive a key from
 * the event itself, for sources (relays, tests) that have no identity of their own.
 */
public sealed interface InboundEvent {

    /** The platform's identity of this event; equal keys are the same event delivered again. */
    String deliveryKey();

    /** The account the event speaks for: whose post it is, or whose post was reacted to. */
    default AccountKey account() {
        if (this instanceof PostPublished p) return p.post().key().account();
        if (this instanceof PostEdited p) return p.post().key().account();
        if (this instanceof ReactionReceived r) return r.reaction().target().account();
        return ((PostDeleted) this).post().account();
    }

    /** Joins a platform and the parts of its identity into one key: {@code x/123/tweet/456}. */
    static String key(Platform platform, String... parts) {
        StringJoiner j = new StringJoiner("/").add(platform.id());
        for (String p : parts) j.add(p == null ? "-" : p);
        return j.toString();
    }

    /** A new post on an account (a candidate for detection once the account is watched). */
    record PostPublished(Post post, String deliveryKey) implements InboundEvent {
        public PostPublished {
            Objects.requireNonNull(post, "post");
            Objects.requireNonNull(deliveryKey, "deliveryKey");
        }

        public PostPublished(Post post) {
            this(post, key(post.platform(), post.accountId(), "post", post.postId()));
        }
    }

    /** The account changed the text of one of its posts; an edited flagged post is scored again. */
    record PostEdited(Post post, Instant editedAt, String deliveryKey) implements InboundEvent {
        public PostEdited {
            Objects.requireNonNull(post, "post");
            Objects.requireNonNull(editedAt, "editedAt");
            Objects.requireNonNull(deliveryKey, "deliveryKey");
        }

        public PostEdited(Post post, Instant editedAt) {
            this(post, editedAt, key(post.platform(), post.accountId(), "edit", post.postId(), editedAt.toString()));
        }
    }

    /** A reaction to a post of an account. */
    record ReactionReceived(Reaction reaction, String deliveryKey) implements InboundEvent {
        public ReactionReceived {
            Objects.requireNonNull(reaction, "reaction");
            Objects.requireNonNull(deliveryKey, "deliveryKey");
        }

        public ReactionReceived(Reaction reaction) {
            this(reaction, key(reaction.target().platform(), reaction.target().accountId(), reaction.kind().id(),
                    reaction.reactionId()));
        }
    }

    /** The account deleted (or hid) one of its posts. */
    record PostDeleted(PostKey post, Instant at, String deliveryKey) implements InboundEvent {
        public PostDeleted {
            Objects.requireNonNull(post, "post");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(deliveryKey, "deliveryKey");
        }

        public PostDeleted(PostKey post, Instant at) {
            this(post, at, key(post.platform(), post.accountId(), "delete", post.postId()));
        }
    }
}
