package com.mispost.crowd;

import com.mispost.detection.Severity;
import com.mispost.post.AuthorStanding;
import com.mispost.post.PostKey;
import com.mispost.post.Platform;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a reply is read for a turn against the post, and when the crowd as a whole has turned. */
class CrowdReadingTest {
    private static final PostKey POST = new PostKey(Platform.X, "42", "7");
    private static final Instant AT = Instant.parse("2026-11-21T15:00:00Z");

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
        Backlash b = read(replies("lol love it", "oh no my wallet lol", "omg yes", "screenshot for later", "bruh so good"));
        assertThat(b.turned()).isEmpty();
        assertThat(b.alerts()).isFalse();
    }

    @Test
    void fourDifferentVoicesAndAThirdOfThePeopleMakeABacklash() {
        assertThat(read(replies("wrong account?", "who approved this", "delete this", "yikes")).severity())
                .isEqualTo(Severity.MEDIUM);
        assertThat(read(replies("wrong account?", "who approved this", "delete this")).alerts())
                .as("three voices").isFalse();
        List<String> many = new ArrayList<>(List.of("wrong account?", "who approved this", "delete this", "yikes"));
        for (int i = 0; i < 10; i++) many.add("lovely, see you at " + i);
        assertThat(read(replies(many.toArray(String[]::new))).alerts()).as("4 of 14").isFalse();
        many.remove(many.size() - 1);
        assertThat(read(replies(many.toArray(String[]::new))).alerts()).as("4 of 13").isTrue();
    }

    @Test
    void aLoudCrowdOfAtLeastHalfThePeopleReplyingIsHigh() {
        List<String> texts = new ArrayList<>();
        List<String> authors = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            texts.add("wrong account?? " + i);
            authors.add("hostile" + i);
        }
        assertThat(read(by(texts, authors.toArray(String[]::new))).severity()).isEqualTo(Severity.HIGH);
        for (int i = 0; i < 12; i++) {
            texts.add("lovely, see you at " + i);
            authors.add("friend" + i);
        }
        assertThat(read(by(texts, authors.toArray(String[]::new))).severity()).as("12 of 24 people: half").isEqualTo(Severity.HIGH);
        texts.add("lovely, see you at 12");
        authors.add("friend12");
        assertThat(read(by(texts, authors.toArray(String[]::new))).severity()).as("12 of 25 people: under half")
                .isEqualTo(Severity.MEDIUM);
    }

    @Test
    void askingAboutAHackIsHighOnlyFromMoreVoicesThanAnAttackerCheaplyHas() {
        List<String> hack = List.of("were you hacked", "got hacked?", "account hacked??", "hacked?", "was this hacked", "hacked lol");
        assertThat(read(by(hack.subList(0, 4), "a", "b", "c", "d")).severity()).as("four people").isEqualTo(Severity.MEDIUM);
        assertThat(read(by(hack.subList(0, 5), "a", "b", "c", "d", "e")).severity()).as("five people").isEqualTo(Severity.MEDIUM);
        assertThat(read(by(hack, "a", "b", "c", "d", "e", "f")).severity()).as("six people").isEqualTo(Severity.HIGH);
    }

    @Test
    void accountsThePlatformSaysAreNewOrUnfollowedCountForAnAlertButNeverForHigh() {
        List<String> hack = List.of("were you hacked", "got hacked?", "account hacked??", "hacked?", "was this hacked", "hacked lol");
        AuthorStanding minted = new AuthorStanding(AT.minus(Duration.ofDays(2)), 400L, false);
        AuthorStanding unfollowed = new AuthorStanding(AT.minus(Duration.ofDays(900)), 3L, null);
        AuthorStanding established = new AuthorStanding(AT.minus(Duration.ofDays(900)), 250L, false);
        AuthorStanding newButVerified = new AuthorStanding(AT.minus(Duration.ofDays(2)), 0L, true);
        assertThat(read(standing(by(hack, "a", "b", "c", "d", "e", "f"), minted, minted, minted, unfollowed, unfollowed, unfollowed))
                .severity()).isEqualTo(Severity.MEDIUM);
        assertThat(read(standing(by(hack, "a", "b", "c", "d", "e", "f"), minted, established, established, established,
                established, established)).severity()).as("five established and one new").isEqualTo(Severity.MEDIUM);
        assertThat(read(standing(by(hack, "a", "b", "c", "d", "e", "f"), newButVerified, established, established, established,
                established, established)).severity()).isEqualTo(Severity.HIGH);
        assertThat(read(standing(by(hack, "a", "b", "c", "d", "e", "f"), null, null, established, established, null, null))
                .severity()).as("what the platform does not say does not count against a voice").isEqualTo(Severity.HIGH);

        List<String> loud = new ArrayList<>();
        for (int i = 0; i < 12; i++) loud.add("wrong account?? " + i);
        List<Reaction> byNewAccounts = new ArrayList<>();
        for (Reaction r : by(loud, "n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9", "n10", "n11")) {
            byNewAccounts.add(new Reaction(r.target(), r.kind(), r.reactionId(), r.at(), r.text(), r.author(), minted));
        }
        assertThat(read(byNewAccounts).severity()).as("twelve new accounts").isEqualTo(Severity.MEDIUM);
    }

    @Test
    void peopleAreCountedOnBothSides() {
        List<String> texts = new ArrayList<>();
        List<String> authors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.add("love it, see you at " + i);
            authors.add("fan");
        }
        texts.addAll(List.of("wrong account?", "who approved this", "delete this", "were you hacked"));
        authors.addAll(List.of("a", "b", "c", "d"));
        Backlash masked = read(by(texts, authors.toArray(String[]::new)));
        assertThat(masked.replying()).isEqualTo(5);
        assertThat(masked.alerts()).as("one fan's twenty replies are one voice").isTrue();
        assertThat(masked.assessment(0, 20).score()).isEqualTo(0.8);

        for (int i = 0; i < 10; i++) {
            texts.add("love it too " + i);
            authors.add("friend" + i);
        }
        assertThat(read(by(texts, authors.toArray(String[]::new))).alerts()).as("4 of 15 people").isFalse();
    }

    @Test
    void anOldPostNeedsMoreVoicesTheOlderItIsAndIsNeverHigh() {
        List<String> texts = new ArrayList<>();
        List<String> authors = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            texts.add("were you hacked?? " + i);
            authors.add("p" + i);
        }
        String[] who = authors.toArray(String[]::new);
        assertThat(CrowdReading.read(by(texts, who), Duration.ofHours(23)).severity()).isEqualTo(Severity.HIGH);
        assertThat(CrowdReading.read(by(texts, who), Duration.ofHours(30)).severity()).as("a day and a bit: 8 voices needed")
                .isEqualTo(Severity.MEDIUM);
        assertThat(CrowdReading.read(by(texts.subList(0, 7), Arrays.copyOf(who, 7)), Duration.ofHours(30)).alerts()).isFalse();
        assertThat(CrowdReading.read(by(texts, who), Duration.ofDays(3)).alerts()).as("three days: 16 voices needed").isFalse();
        List<String> many = new ArrayList<>();
        String[] all = new String[CrowdReading.NEWEST];
        for (int i = 0; i < CrowdReading.NEWEST; i++) {
            many.add("who approved this " + i);
            all[i] = "q" + i;
        }
        assertThat(CrowdReading.read(by(many, all), Duration.ofDays(730)).alerts()).as("a two-year-old post").isFalse();
        assertThat(CrowdReading.voicesNeeded(Duration.ofDays(730))).isGreaterThan(CrowdReading.NEWEST);
        Backlash old = CrowdReading.read(by(texts, who), Duration.ofHours(30));
        assertThat(old.assessment(1_000, 20).severity()).as("pace does not make an old post's crowd HIGH").isEqualTo(Severity.MEDIUM);
    }

    @Test
    void aVoiceIsTheAuthorWhenTheReplySaysWhoWroteIt() {
        List<String> different = List.of("wrong account?", "who approved this", "delete this", "yikes", "were you hacked");
        Backlash onePerson = read(by(different, "8100000001", "8100000001", "8100000001", "8100000001", "8100000001"));
        assertThat(onePerson.turned()).hasSize(5);
        assertThat(onePerson.voices()).isEqualTo(1);
        assertThat(onePerson.alerts()).as("one person, five different replies").isFalse();

        List<String> same = List.of("wrong account?", "wrong account?", "wrong account?", "wrong account?");
        assertThat(read(by(same, "a", "b", "c", "d")).voices()).as("four people, one wording").isEqualTo(4);
        assertThat(read(by(same, "a", "b", "c", "d")).alerts()).isTrue();
    }

    @Test
    void repliesWithoutAnAuthorAreToldApartByTheirWording() {
        List<String> texts = List.of("wrong account?", "WRONG ACCOUNT??", "who approved this", "delete this", "yikes");
        Backlash mixed = read(by(texts, "8100000001", null, null, null, "8100000001"));
        // The author's two replies are one voice; of the three without one, each wording is a voice.
        assertThat(mixed.voices()).isEqualTo(4);
        assertThat(read(by(texts, null, null, null, null, null)).voices())
                .as("'wrong account?' said twice, without an author").isEqualTo(4);
    }

    @Test
    void oneAuthorAskingAboutAHackManyTimesIsOneVoice() {
        List<String> texts = List.of("were you hacked", "got hacked?", "account hacked??", "hacked?", "was this hacked",
                "hacked lol", "delete this", "who approved this", "yikes");
        assertThat(read(by(texts, "a", "a", "a", "a", "a", "a", "b", "c", "d")).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(read(by(texts, "a", "b", "c", "d", "e", "f", "b", "c", "d")).severity()).isEqualTo(Severity.HIGH);
    }

    /** A fresh post's crowd. */
    private static Backlash read(List<Reaction> newestFirst) {
        return CrowdReading.read(newestFirst, Duration.ofMinutes(30));
    }

    /** The same replies, each with the author's standing at the same place. */
    private static List<Reaction> standing(List<Reaction> replies, AuthorStanding... standings) {
        List<Reaction> out = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            Reaction r = replies.get(i);
            out.add(new Reaction(r.target(), r.kind(), r.reactionId(), r.at(), r.text(), r.author(), standings[i]));
        }
        return out;
    }

    /** Replies, newest first, from a relay that does not say who wrote them. */
    private static List<Reaction> replies(String... texts) {
        return by(List.of(texts), new String[texts.length]);
    }

    /** Replies, newest first, each with the author at the same place (null: the delivery did not say). */
    private static List<Reaction> by(List<String> texts, String... authors) {
        List<Reaction> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            out.add(new Reaction(POST, ReactionKind.REPLY, "r" + i, AT.plusSeconds(texts.size() - i), texts.get(i), authors[i]));
        }
        return out;
    }
}
