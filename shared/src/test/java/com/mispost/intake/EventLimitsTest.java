package com.mispost.intake;

import com.mispost.post.Platform;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EventLimitsTest {
    private static final PostKey POST = new PostKey(Platform.X, "42", "7");

    @Test
    void aReactionsAuthorIsAnIdAndHeldToTheIdLimit() {
        assertThat(EventLimits.problem(reply("8".repeat(EventLimits.MAX_ID_BYTES)))).isEmpty();
        assertThat(EventLimits.problem(reply(null))).isEmpty();
        assertThat(EventLimits.problem(reply("8".repeat(EventLimits.MAX_ID_BYTES + 1))))
                .hasValueSatisfying(p -> assertThat(p).contains("'author' is 257 bytes"));
    }

    private static InboundEvent reply(String author) {
        return new InboundEvent.ReactionReceived(new Reaction(POST, ReactionKind.REPLY, "r1", Instant.EPOCH, "wrong account?", author));
    }
}
