package com.mispost.crowd;

import com.mispost.detection.Severity;
import com.mispost.post.PostKey;
import com.mispost.post.Platform;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a reply is read for a turn against the post, and when the crowd as a whole has turned. */
class CrowdReadingTest {
    private static final PostKey POST = new PostKey(Platform.X, "42", "7");

    @Test
    void disguisedSpellingsHashtagsAndOtherLanguagesTurnToo() {
        assertThat(ReplyText.turns("WRONGGG ACCOUNT lmaooo")).containsKeys(Turn.WRONG_ACCOUNT, Turn.MOCKERY);
        assertThat(ReplyText.turns("d3l3te th!s")).containsKey(Turn.DELETE);
        assertThat(ReplyText.turns("#WrongAccount")).containsKey(Turn.WRONG_ACCOUNT);
        assertThat(ReplyText.turns("@brand were you h@cked???")).containsKey(Turn.HACKED);
        assertThat(ReplyText.turns("Who's running this account")).containsKey(Turn.BLAME);
        assertThat(ReplyText.turns("¿cuenta equivocada?")).containsKey(Turn.WRONG_ACCOUNT);
        assertThat(ReplyText.turns("Falscher Account, oder?")).containsKey(Turn.WRONG_ACCOUNT);
        assertThat(ReplyText.turns("not you posting this \uD83D\uDC80")).containsKeys(Turn.DISBELIEF, Turn.MOCKERY);
    }

    @Test
    void wordsThatOnlyContainACueDoNot() {
        assertThat(ReplyText.turns("my account of the roastery tour, deleted scenes included")).isEmpty();
        assertThat(ReplyText.turns("the cringle cake is back")).isEmpty();
        assertThat(ReplyText.turns("rationing my latte")).isEmpty();
    }

    @Test
    void weakCuesAloneDoNotTurnAReply() {
        Backlash b = CrowdReading.read(replies("lol love it", "oh no my wallet lol", "omg yes", "screenshot for later", "bruh so good"));
        assertThat(b.turned()).isEmpty();
        assertThat(b.alerts()).isFalse();
    }

    @Test
    void fourDifferentVoicesAndAThirdOfTheRepliesMakeABacklash() {
        assertThat(CrowdReading.read(replies("wrong account?", "who approved this", "delete this", "yikes")).severity())
                .isEqualTo(Severity.MEDIUM);
        assertThat(CrowdReading.read(replies("wrong account?", "who approved this", "delete this")).alerts())
                .as("three voices").isFalse();
        List<String> many = new ArrayList<>(List.of("wrong account?", "who approved this", "delete this", "yikes"));
        for (int i = 0; i < 10; i++) many.add("lovely, see you at " + i);
        assertThat(CrowdReading.read(replies(many.toArray(String[]::new))).alerts()).as("4 of 14").isFalse();
    }

    @Test
    void aLoudCrowdOrOneAskingAboutAHackIsHigh() {
        List<String> loud = new ArrayList<>();
        for (int i = 0; i < 12; i++) loud.add("wrong account?? " + i);
        assertThat(CrowdReading.read(replies(loud.toArray(String[]::new))).severity()).isEqualTo(Severity.HIGH);
        assertThat(CrowdReading.read(replies("were you hacked", "got hacked?", "account hacked??", "delete this")).severity())
                .isEqualTo(Severity.HIGH);
    }

    private static List<Reaction> replies(String... texts) {
        List<Reaction> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            out.add(new Reaction(POST, ReactionKind.REPLY, "r" + i, Instant.EPOCH.plusSeconds(texts.length - i), texts[i]));
        }
        return out;
    }
}
