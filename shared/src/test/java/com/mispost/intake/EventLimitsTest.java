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

    @Test
    void aReplysWordsAreHeldToTheTextLimitAsStoredSoThatItsItemAlwaysFits() {
        String fits = "a".repeat(EventLimits.MAX_TEXT_BYTES);
        String quotes = "\"".repeat(EventLimits.MAX_TEXT_BYTES / 2 + 1); // each one escaped to two bytes
        assertThat(EventLimits.problem(said(fits))).isEmpty();
        assertThat(EventLimits.problem(said(fits + "a"))).hasValueSatisfying(p -> assertThat(p)
                .startsWith("reaction 'r1': its text is 65537 bytes as stored; the limit is 65536 bytes"));
        assertThat(EventLimits.problem(said(quotes))).isPresent();
    }

    private static InboundEvent said(String text) {
        return new InboundEvent.ReactionReceived(new Reaction(POST, ReactionKind.REPLY, "r1", Instant.EPOCH, text, "8"));
    }

    private static InboundEvent reply(String author) {
        return new InboundEvent.ReactionReceived(new Reaction(POST, ReactionKind.REPLY, "r1", Instant.EPOCH, "wrong account?", author));
    }
}
