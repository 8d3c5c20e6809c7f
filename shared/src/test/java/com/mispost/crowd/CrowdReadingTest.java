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

    @Test
    void aVoiceIsTheAuthorWhenTheReplySaysWhoWroteIt() {
        List<String> different = List.of("wrong account?", "who approved this", "delete this", "yikes", "were you hacked");
        Backlash onePerson = CrowdReading.read(by(different, "8100000001", "8100000001", "8100000001", "8100000001", "8100000001"));
        assertThat(onePerson.turned()).hasSize(5);
        assertThat(onePerson.voices()).isEqualTo(1);
        assertThat(onePerson.alerts()).as("one person, five different replies").isFalse();

        List<String> same = List.of("wrong account?", "wrong account?", "wrong account?", "wrong account?");
        assertThat(CrowdReading.read(by(same, "a", "b", "c", "d")).voices()).as("four people, one wording").isEqualTo(4);
        assertThat(CrowdReading.read(by(same, "a", "b", "c", "d")).alerts()).isTrue();
    }

    @Test
    void repliesWithoutAnAuthorAreToldApartByTheirWording() {
        List<String> texts = List.of("wrong account?", "WRONG ACCOUNT??", "who approved this", "delete this", "yikes");
        Backlash mixed = CrowdReading.read(by(texts, "8100000001", null, null, null, "8100000001"));
        // The author's two replies are one voice; of the three without one, each wording is a voice.
        assertThat(mixed.voices()).isEqualTo(4);
        assertThat(CrowdReading.read(by(texts, null, null, null, null, null)).voices())
                .as("'wrong account?' said twice, without an author").isEqualTo(4);
    }

    @Test
    void oneAuthorAskingAboutAHackThreeTimesDoesNotMakeItHigh() {
        List<String> texts = List.of("were you hacked", "got hacked?", "account hacked??", "delete this", "who approved this", "yikes");
        assertThat(CrowdReading.read(by(texts, "a", "a", "a", "b", "c", "d")).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(CrowdReading.read(by(texts, "a", "b", "c", "b", "c", "d")).severity()).isEqualTo(Severity.HIGH);
    }

    /** Replies, newest first, from a relay that does not say who wrote them. */
    private static List<Reaction> replies(String... texts) {
        return by(List.of(texts), new String[texts.length]);
    }

    /** Replies, newest first, each with the author at the same place (null: the delivery did not say). */
    private static List<Reaction> by(List<String> texts, String... authors) {
        List<Reaction> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            out.add(new Reaction(POST, ReactionKind.REPLY, "r" + i, Instant.EPOCH.plusSeconds(texts.size() - i), texts.get(i), authors[i]));
        }
        return out;
    }
}
