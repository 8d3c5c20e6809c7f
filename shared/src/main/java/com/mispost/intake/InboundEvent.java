package com.mispost.intake;

import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;

/** One thing a delivery tells us, in the suite's own terms. */
public sealed interface InboundEvent {

    /** A new post on an account (a candidate for detection once the account is watched). */
    record PostPublished(Post post) implements InboundEvent {
    }

    /** A reaction to a post of an account. */
    record ReactionReceived(Reaction reaction) implements InboundEvent {
    }

    /** The account deleted one of its posts. */
    record PostDeleted(PostKey post, java.time.Instant at) implements InboundEvent {
    }
}
