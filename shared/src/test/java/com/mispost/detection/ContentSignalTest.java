package com.mispost.detection;

import com.mispost.account.Account;
import com.mispost.account.AccountPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ContentSignalTest {

    private final MispostDetector detector = new MispostDetector();

    private static Set<Category> found(String text) {
        return Reading.of(text, Lexicon.shipped()).matches.stream().map(Match::category)
                .collect(java.util.stream.Collectors.toSet());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "what the fuck is this",
            "well f*ck that",
            "this is f***ing slow",
            "absolute sh!t service",
            "sh1t day again",
            "what an a$$hole",
            "fuuuuuck this traffic",
            "SHIIIIT I forgot",
            "#fuckmondays",
            "#FuckThisWeek honestly",
            "you b1tch",
            "total bullshit",
            "a pack of dicks on the road today",
            "what the f#ck is this",
            "this is sh@t",
            "f#@k it, I'm going home"})
    void seesProfanityThroughDisguises(String text) {
        assertThat(found(text)).contains(Category.PROFANITY);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Greetings from Scunthorpe and Penistone!",
            "We will assess your claim within two days.",
            "Join us for a cocktail at the launch party.",
            "A classic therapist joke about the grape harvest.",
            "Hello from the shell station in Essex.",
            "Reading Dickens by the canal.",
            "Try our #shiitake risotto this week.",
            "She sniggered at the analysis.",
            "Pass the butter, and press the button.",
            "Our Maine Coon kittens found a chink in the fence.",
            "Flame retardant fabric for every sofa.",
            "Glasses, classes and passes for every student.",
            "C# and F# developers, join our meetup #dotnet",
            "Email hello@example.com for tickets"})
    void leavesInnocentWordsAlone(String text) {
        assertThat(found(text)).doesNotContainAnyElementsOf(
                Set.of(Category.PROFANITY, Category.SLUR, Category.SEXUAL, Category.VIOLENCE, Category.MILD));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "we just got sold to a hedge fund lol, good luck everyone",
            "we're all being fired! thanks for nothing",
            "so they are laying us off right before Christmas",
            "I hate working here, this company sucks"})
    void insiderNewsAndWorkplaceDramaIsAFindingOfItsOwn(String text) {
        Assessment a = detector.assess(Fixtures.post(text), Fixtures.ACCOUNT, Fixtures.brandVoice());

        assertThat(found(text)).contains(Category.WORKPLACE);
        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.alerts(AccountPolicy.DEFAULT_THRESHOLD)).isTrue();
        assertThat(a.reasons().get(0).signal()).isEqualTo("content.workplace");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "We have agreed to acquire Northwind Analytics, welcoming 300 colleagues to our team.",
            "Our annual report is out: record sales in every region.",
            "Meet the team firing up the new roastery in Leeds."})
    void aCompanysOwnNewsIsNoWorkplaceDrama(String text) {
        assertThat(found(text)).doesNotContain(Category.WORKPLACE);
    }

    @Test
    void overlappingPhrasesAreOneFinding() {
        Assessment a = detector.assess(Fixtures.post("we just got sold to a hedge fund"), Fixtures.ACCOUNT, Fixtures.brandVoice());

        assertThat(a.reasons().get(0).evidence()).hasSize(1);
    }

    @Test
    void profanityIsHigh() {
        Assessment a = detector.assess(Fixtures.post("ugh this f*cking printer"), Fixtures.ACCOUNT, Fixtures.brandVoice());

        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.alerts(AccountPolicy.DEFAULT_THRESHOLD)).isTrue();
        Reason profanity = a.reasons().stream().filter(r -> r.signal().equals("content.profanity")).findFirst().orElseThrow();
        assertThat(profanity.evidence()).singleElement().satisfies(e -> {
            assertThat(e.excerpt()).isEqualTo("f*cking");
            assertThat("ugh this f*cking printer".substring(e.start(), e.end())).isEqualTo("f*cking");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"go kill yourself", "what a f4ggot", "send nudes tonight", "that threesome was wild"})
    void slursSexualAndViolentContentAreCritical(String text) {
        Assessment a = detector.assess(Fixtures.post(text), Fixtures.ACCOUNT, Fixtures.brandVoice());

        assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(a.alerts(AccountPolicy.DEFAULT_THRESHOLD)).isTrue();
    }

    @Test
    void ruledOutTopicCountsOnlyWhenThePolicyRulesItOut() {
        String text = "Voting for the senator who fights for abortion rights, obviously";
        Account noTopics = Fixtures.ACCOUNT.withPolicy(new AccountPolicy(0.5, Set.of(), Set.of(), 20));

        Assessment ruledOut = detector.assess(Fixtures.post(text), Fixtures.ACCOUNT, Fixtures.brandVoice());
        Assessment allowed = detector.assess(Fixtures.post(text), noTopics, Fixtures.brandVoice());

        assertThat(ruledOut.reasons()).extracting(Reason::signal).contains("content.politics");
        assertThat(ruledOut.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(allowed.reasons()).extracting(Reason::signal).doesNotContain("content.politics");
    }

    @Test
    void allowedTermsAndDismissalsSilenceATerm() {
        String text = "Cold beer on the patio tonight";
        Assessment flagged = detector.assess(Fixtures.post(text), Fixtures.ACCOUNT, Fixtures.brandVoice());
        assertThat(flagged.reasons()).extracting(Reason::signal).contains("content.substance");

        Account brewery = Fixtures.ACCOUNT.withPolicy(Fixtures.ACCOUNT.policy().allowing(flagged.contentTerms()));
        Assessment dismissed = detector.assess(Fixtures.post(text), brewery, Fixtures.brandVoice());

        assertThat(flagged.contentTerms()).containsExactly("beer");
        assertThat(dismissed.reasons()).extracting(Reason::signal).doesNotContain("content.substance");
        assertThat(dismissed.score()).isLessThan(flagged.score());
    }

    @Test
    void aBrandThatUsesASoftWordItselfIsNotFlaggedForIt() {
        VoiceProfile brewery = Fixtures.learned(VoiceProfile.empty(), 10, i -> "@user Our new beer number " + i + " is on tap this week. Cheers! ^AB");
        Assessment a = detector.assess(Fixtures.post("@user Try the beer flight at our taproom. ^AB"), Fixtures.ACCOUNT, brewery);

        assertThat(a.reasons()).extracting(Reason::signal).doesNotContain("content.substance");
    }

    @Test
    void aCustomerAddressedByNameIsNotATopic() {
        Assessment a = detector.assess(Fixtures.post("@user Hello, Hillary. Thanks, Christian! We've sent you a DM. ^JS"),
                Fixtures.ACCOUNT, Fixtures.brandVoice());

        assertThat(a.reasons()).extracting(Reason::signal).doesNotContain("content.politics", "content.religion");
    }
}
