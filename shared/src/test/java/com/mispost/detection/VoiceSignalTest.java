package com.mispost.detection;

import com.mispost.post.Post;

import com.mispost.account.AccountPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VoiceSignalTest {

    private final MispostDetector detector = new MispostDetector();
    private final VoiceProfile voice = Fixtures.brandVoice();

    @Test
    void aHarmlessPersonalPostAlertsAsLow() {
        String text = "omg my boss just cancelled my day off, guess I'm stuck in traffic all weekend lol";
        Assessment a = detector.assess(Fixtures.post(text), Fixtures.ACCOUNT, voice);

        assertThat(a.alerts(AccountPolicy.DEFAULT_THRESHOLD)).isTrue();
        assertThat(a.severity()).isEqualTo(Severity.LOW);
        assertThat(a.reasons()).extracting(Reason::signal)
                .contains("voice.first-person", "voice.my-own", "voice.informal", "voice.personal-life", "voice.no-sign-off");
        Reason mine = a.reasons().stream().filter(r -> r.signal().equals("voice.my-own")).findFirst().orElseThrow();
        assertThat(mine.evidence()).extracting(Evidence::excerpt).containsOnly("my");
    }

    @Test
    void thePostsInTheBrandsOwnVoiceDoNotAlert() {
        for (String text : new String[]{
                "@user Sorry to hear that, Alex. Could you DM us your order number so we can check? ^JS",
                "@user Thanks for letting us know! We've passed this on to our delivery team. ^KL",
                "@user We'd be happy to help. Please reach us here: https://example.com/help ^MB"}) {
            Assessment a = detector.assess(Fixtures.post(text), Fixtures.ACCOUNT, voice);
            assertThat(a.alerts(AccountPolicy.DEFAULT_THRESHOLD)).as(text).isFalse();
            assertThat(a.score()).as(text).isLessThan(0.2);
        }
    }

    @Test
    void aCustomersOwnMessageToACompanyAlertsAsLowWithTheCustomerSideAsAReason() {
        String text = "@user been waiting for 2 weeks on my refund, still no reply. how do I reach a person";
        Assessment a = detector.assess(Fixtures.post(text), Fixtures.ACCOUNT, voice);

        assertThat(a.alerts(AccountPolicy.DEFAULT_THRESHOLD)).isTrue();
        assertThat(a.severity()).isEqualTo(Severity.LOW);
        Reason customer = a.reasons().stream().filter(r -> r.signal().equals("voice.customer-side")).findFirst().orElseThrow();
        assertThat(customer.evidence()).extracting(Evidence::excerpt).contains("still no", "how do I");
        Reason waited = a.reasons().stream().filter(r -> r.signal().equals("voice.complaint")).findFirst().orElseThrow();
        assertThat(waited.evidence()).extracting(Evidence::excerpt).contains("been waiting for 2 weeks");
    }

    @Test
    void talkingAboutOtherPeopleIsAReasonWithTheWordsAsEvidence() {
        Assessment a = detector.assess(Fixtures.post("he said they would be here by noon and of course nobody showed"),
                Fixtures.ACCOUNT, voice);

        Reason others = a.reasons().stream().filter(r -> r.signal().equals("voice.about-others")).findFirst().orElseThrow();
        assertThat(others.evidence()).extracting(Evidence::excerpt).containsExactly("he", "they");
        assertThat(a.alerts(AccountPolicy.DEFAULT_THRESHOLD)).isTrue();
    }

    @Test
    void emotionAndShoutingCountAsPersonalVoice() {
        Assessment a = detector.assess(Fixtures.post("I HATE mondays!!! so tired and miserable 😩"), Fixtures.ACCOUNT, voice);

        assertThat(a.reasons()).extracting(Reason::signal).contains("voice.negative-emotion", "voice.shouting", "voice.emoji");
        assertThat(a.alerts(AccountPolicy.DEFAULT_THRESHOLD)).isTrue();
    }

    @Test
    void aPrivateMessageIsMedium() {
        Assessment a = detector.assess(Fixtures.post("can't wait, pick me up at 8 and call me when you're outside"),
                Fixtures.ACCOUNT, voice);

        assertThat(a.reasons()).extracting(Reason::signal).contains("voice.private-message");
        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void aPostInAnotherLanguageIsNotJudgedByEnglishWordLists() {
        Assessment a = detector.assess(Fixtures.post("@user Nous avons bien reçu votre demande, merci de patienter. ^JS"),
                Fixtures.ACCOUNT, voice);

        assertThat(a.reasons()).extracting(Reason::signal).doesNotContain("voice.no-we", "voice.no-brand-phrasing");
        assertThat(a.alerts(AccountPolicy.DEFAULT_THRESHOLD)).isFalse();
    }

    /** Replies people send a brand: they end with words and punctuation, never with a team's sign-off. */
    private static final PublicVoice PEOPLE = PublicVoice.of(java.util.stream.IntStream.range(0, 40).mapToObj(i -> i % 2 == 0
            ? "@brand my order " + i + " still has not arrived, what is going on?"
            : "@brand thanks, that worked " + i + " times now").toList());

    @Test
    void aPostThatFollowsTheAccountsOwnConventionCountsItsVoiceHalfWhateverItsShape() {
        for (String signOff : java.util.List.of("^SK", "- Sarah", "~JD", "/Tom")) {
            VoiceProfile signing = Fixtures.learned(VoiceProfile.empty(), 12,
                    i -> "@user Sorry about order " + i + "! Please DM us its number and we'll check. " + signOff);
            String otherAgent = signOff.replace("SK", "MK").replace("Sarah", "Priya").replace("JD", "AL").replace("Tom", "Ann");
            Assessment signed = detector.assess(Fixtures.post("@user lol my boss just sent me home early, I love it!! " + otherAgent),
                    Fixtures.ACCOUNT, signing, PEOPLE);
            Assessment unsigned = detector.assess(Fixtures.post("@user lol my boss just sent me home early, I love it!!"),
                    Fixtures.ACCOUNT, signing, PEOPLE);

            assertThat(firstPerson(signed)).as(signOff).isCloseTo(firstPerson(unsigned) / 2, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(signed.score()).as(signOff).isLessThan(unsigned.score());
        }
    }

    @Test
    void aYoungAccountsMarksLeanOnItsDeploymentsRatherThanOnAFixedPrior() {
        // A deployment of corporate accounts that announce without "we" and without addressing anyone.
        DeploymentPrior corporate = DeploymentPrior.empty();
        for (int i = 0; i < 200; i++) {
            corporate = corporate.with(DeploymentPrior.contribution(
                    Fixtures.post("Quarterly results " + i + " are out: revenue rose in every region. https://example.com/r" + i),
                    VoiceProfile.empty(), Double.NaN));
        }
        Post announcement = Fixtures.post("Our new plant in Ohio opens today, with 400 jobs. https://example.com/ohio");

        double alone = weight(detector.assess(announcement, Fixtures.ACCOUNT, VoiceProfile.empty(), PublicVoice.empty()), "voice.not-a-reply");
        double borrowing = weight(detector.assess(announcement, Fixtures.ACCOUNT, VoiceProfile.empty(), PublicVoice.empty(), corporate),
                "voice.not-a-reply");

        assertThat(alone).isPositive();
        assertThat(borrowing).as("its deployment's accounts do not start by addressing anyone either").isLessThan(alone);
    }

    private static double weight(Assessment a, String signal) {
        return a.reasons().stream().filter(r -> r.signal().equals(signal)).mapToDouble(Reason::weight).sum();
    }

    @Test
    void aQuestionAndAnswerFormatIsLearnedAsAConventionToo() {
        VoiceProfile answering = Fixtures.learned(VoiceProfile.empty(), 12,
                i -> "A: You can change order " + i + " in the app under Orders, then tap Edit.");
        Assessment answer = detector.assess(Fixtures.post("A: I love my boss, he just sent me home early!!"), Fixtures.ACCOUNT, answering, PEOPLE);
        Assessment plain = detector.assess(Fixtures.post("I love my boss, he just sent me home early!!"), Fixtures.ACCOUNT, answering, PEOPLE);

        assertThat(firstPerson(answer)).isCloseTo(firstPerson(plain) / 2, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aShapeThePublicUsesAsMuchIsNoConvention() {
        // The account's posts end with a question mark, and so do half the replies it receives.
        VoiceProfile asking = Fixtures.learned(VoiceProfile.empty(), 12, i -> "@user Could you DM us order " + i + " so we can check what is going on?");
        Assessment question = detector.assess(Fixtures.post("@user lol my boss sent me home early, what is going on?"), Fixtures.ACCOUNT, asking, PEOPLE);
        Assessment same = detector.assess(Fixtures.post("@user lol my boss sent me home early, what is going on?"), Fixtures.ACCOUNT, asking,
                PublicVoice.empty());

        assertThat(firstPerson(question)).isEqualTo(firstPerson(same));
    }

    private static double firstPerson(Assessment a) {
        return a.reasons().stream().filter(r -> r.signal().equals("voice.first-person")).findFirst().orElseThrow().weight();
    }

    @Test
    void feelingsAreReadInEnglishOnly() {
        // German: English look-alikes ("die", "hell", "Mist") are no English feelings here.
        String german = "Die Zukunft ist hell: die Bank stellt heute ihre Pläne vor, ohne Mist und ohne Angst. Mehr dazu https://example.com/x";
        String english = "This is awful, I hate it, worst day ever and I am furious!";
        assertThat(Reading.of(german, Lexicon.shipped()).styles & (Style.NEGATIVE_EMOTION.bit() | Style.INTENSE_EMOTION.bit()))
                .as("the marks are read; the detector must not count them").isNotZero();

        Assessment a = detector.assess(Fixtures.post(german), Fixtures.ACCOUNT, voice);
        Assessment b = detector.assess(Fixtures.post(english), Fixtures.ACCOUNT, voice);

        assertThat(a.reasons()).extracting(Reason::signal).doesNotContain("voice.negative-emotion", "voice.strong-emotion");
        assertThat(b.reasons()).extracting(Reason::signal).contains("voice.negative-emotion");
    }

    @Test
    void aPostInAnotherLanguageThanTheAccountsIsAReasonUnlessTheAccountWritesItToo() {
        String text = "@user je suis toujours sans nouvelles de mon colis, merci";
        VoiceProfile bilingual = Fixtures.learned(voice, 12,
                i -> "@user Nous sommes désolés pour le retard, pouvez-vous nous envoyer le numéro de commande ? ^JS " + i);

        Assessment english = detector.assess(Fixtures.post(text), Fixtures.ACCOUNT, voice);
        Assessment both = detector.assess(Fixtures.post(text), Fixtures.ACCOUNT, bilingual);

        assertThat(english.reasons()).extracting(Reason::signal).contains("voice.other-language");
        assertThat(both.reasons()).extracting(Reason::signal).doesNotContain("voice.other-language");
    }

    @Test
    void aBareLinkFromACustomerIsAReason() {
        Assessment a = detector.assess(Fixtures.post("@user https://example.com/screenshot.png"), Fixtures.ACCOUNT, voice);

        assertThat(a.reasons()).extracting(Reason::signal).contains("voice.bare-link");
        assertThat(a.alerts(AccountPolicy.DEFAULT_THRESHOLD)).isTrue();
    }

    @Test
    void theBaselineMakesTheSameMarkCountLessForAnAccountThatUsesIt() {
        VoiceProfile casualBrand = Fixtures.learned(VoiceProfile.empty(), 30, i -> "omg u guys this drop is lit lol, link in bio " + i);
        String text = "lol ok this is gonna be fun";

        double againstSupportDesk = detector.assess(Fixtures.post(text), Fixtures.ACCOUNT, voice).score();
        double againstCasualBrand = detector.assess(Fixtures.post(text), Fixtures.ACCOUNT, casualBrand).score();

        assertThat(againstCasualBrand).isLessThan(againstSupportDesk);
    }

    @Test
    void wordsTheAccountNeverUsesAreAReason() {
        Assessment unfamiliar = detector.assess(Fixtures.post("Team offsite today with the whole department: kayaking, karaoke and tapas downtown."),
                Fixtures.ACCOUNT, voice);
        Assessment familiar = detector.assess(Fixtures.post("@user Sorry to hear that. Please DM us your order number. ^JS"),
                Fixtures.ACCOUNT, voice);

        assertThat(unfamiliar.reasons()).extracting(Reason::signal).contains("voice.unfamiliar-words");
        assertThat(familiar.reasons()).extracting(Reason::signal).doesNotContain("voice.unfamiliar-words");
    }
}
