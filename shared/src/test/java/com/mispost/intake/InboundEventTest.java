package com.mispost.intake;

import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InboundEventTest {
    private static final Instant AT = Instant.parse("2026-03-04T09:00:00Z");
    private static final Post POST = new Post(Platform.GENERIC, "acct", "p1", null, "hello", AT, null, null, null,
            List.of(), null, null);

    @Test
    void eventsWithoutAPlatformIdentityDeriveOneFromWhatTheyAre() {
        assertThat(new InboundEvent.PostPublished(POST).deliveryKey()).isEqualTo("generic/acct/post/p1");
        assertThat(new InboundEvent.PostEdited(POST, AT).deliveryKey()).isEqualTo("generic/acct/edit/p1/2026-03-04T09:00:00Z");
        assertThat(new InboundEvent.PostDeleted(POST.key(), AT).deliveryKey()).isEqualTo("generic/acct/delete/p1");
        assertThat(new InboundEvent.ReactionReceived(new Reaction(new PostKey(Platform.X, "a", "p"), ReactionKind.LIKE, "r9", AT))
                .deliveryKey()).isEqualTo("x/a/like/r9");
    }

    @Test
    void keysJoinTheirPartsAndMarkAbsentOnes() {
        assertThat(InboundEvent.key(Platform.MASTODON, "1", "status", "2", "status.created", null))
                .isEqualTo("mastodon/1/status/2/status.created/-");
    }

    @Test
    void theSameDeliveryTwiceIsEqual() {
        assertThat(new InboundEvent.PostPublished(POST, "k")).isEqualTo(new InboundEvent.PostPublished(POST, "k"));
        assertThat(new ParsedDelivery(List.of(), List.of("bad")).ignored()).isEmpty();
    }
}
