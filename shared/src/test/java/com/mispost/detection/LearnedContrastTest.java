package com.mispost.detection;

import com.mispost.account.AccountPolicy;
import com.mispost.post.Post;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The contrast learned per account between its own posts and the public's replies to it. */
class LearnedContrastTest {

    /** Replies people send a care team, written for this test. */
    static final List<String> REPLIES = List.of(
            "@acmehelp my parcel still hasn't arrived and nobody answers the phone",
            "@acmehelp I've been waiting 3 weeks for my refund, this is ridiculous",
            "@acmehelp lol your app crashed again right when I was paying",
            "@acmehelp thanks, got it sorted!",
            "@acmehelp why do I have to DM you, just fix it",
            "@acmehelp my order says delivered but it's not here, I'm so annoyed",
            "@acmehelp ok I sent you a DM with my details",
            "@acmehelp worst delivery experience ever honestly",
            "@acmehelp my mum ordered a gift and it came broken :(",
            "@acmehelp omg finally it worked, thank you so much",
            "@acmehelp still nothing, I'm done with this",
            "@acmehelp can someone call me back please, I'm at work until 6",
            "@acmehelp I love the new app but my basket keeps emptying",
            "@acmehelp my card was charged twice?? I need my money back",
            "@acmehelp the driver left my parcel in the rain lol great",
            "@acmehelp I just want to talk to a real person",
            "@acmehelp yes I tried that, didn't help",
            "@acmehelp my account got locked and I have no idea why",
            "@acmehelp been on hold for an hour, my lunch break is over",
            "@acmehelp my kids are so excited for their presents, hope they arrive",
            "@acmehelp the tracking hasn't moved since Monday",
            "@acmehelp I'm never ordering again tbh",
            "@acmehelp cheers mate, all good now",
            "@acmehelp my neighbour got my parcel again haha",
            "@acmehelp is anyone even reading these",
            "@acmehelp I've DMed you three times",
            "@acmehelp my flat is freezing and I'm waiting in for a delivery that never comes",
            "@acmehelp ugh I hate this, I just want my stuff",
            "@acmehelp my husband says it was your fault not the courier's",
            "@acmehelp that's the third time this month, I'm fed up",
            "@acmehelp I got an email saying my order was cancelled, why??",
            "@acmehelp thank you Sam, you've been really helpful");

    private final MispostDetector detector = new MispostDetector();

    @Test
    void anAccountWithTwoPostsReadsItsSideOfTheContrastFromTheDeploymentsAccounts() {
        VoiceProfile young = Fixtures.learned(VoiceProfile.empty(), 2, i -> Fixtures.BRAND_HISTORY.get(i));
        DeploymentPrior deployment = DeploymentPrior.empty().withOwnPosts(PublicVoice.of(Fixtures.BRAND_HISTORY));
        PublicVoice people = PublicVoice.of(REPLIES);
        Post brandLike = Fixtures.post("@user Thanks for your patience, Jo. Please DM us your order number and we'll check. ^KL");
        Post personal = Fixtures.post("ugh my boss made me stay late again, I just want to go home lol");

        Assessment brandAlone = detector.assess(brandLike, Fixtures.ACCOUNT, young, people);
        Assessment brandBorrowing = detector.assess(brandLike, Fixtures.ACCOUNT, young, people, deployment);
        Assessment personalBorrowing = detector.assess(personal, Fixtures.ACCOUNT, young, people, deployment);

        assertThat(brandAlone.reasons()).as("two posts are too few for the contrast alone")
                .noneMatch(r -> r.signal().equals("voice.learned-contrast"));
        assertThat(brandBorrowing.score()).as("the deployment's brands write like this").isLessThan(brandAlone.score());
        assertThat(personalBorrowing.reasons()).anyMatch(r -> r.signal().equals("voice.learned-contrast"));
        assertThat(personalBorrowing.score()).isGreaterThan(brandBorrowing.score());
    }

    @Test
    void aPersonalPostLeansToThePublicAndSaysWhichWordsDidIt() {
        Post post = Fixtures.post("ugh my boss made me stay late again, I just want to go home lol");

        Assessment without = detector.assess(post, Fixtures.ACCOUNT, Fixtures.brandVoice());
        Assessment with = detector.assess(post, Fixtures.ACCOUNT, Fixtures.brandVoice(), PublicVoice.of(REPLIES));

        Reason learned = with.reasons().stream().filter(r -> r.signal().equals("voice.learned-contrast")).findFirst().orElseThrow();
        assertThat(with.score()).isGreaterThan(without.score());
        assertThat(learned.evidence()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        for (Evidence e : learned.evidence()) assertThat(post.text().substring(e.start(), e.end())).isEqualTo(e.excerpt());
        assertThat(without.reasons()).noneMatch(r -> r.signal().equals("voice.learned-contrast"));
    }

    @Test
    void theAccountsOwnWayOfWritingStaysBelowTheThreshold() {
        Post post = Fixtures.post("@user Sorry about the wait, Jo! Please DM us your order number and we'll look into it. ^KL");

        Assessment a = detector.assess(post, Fixtures.ACCOUNT, Fixtures.brandVoice(), PublicVoice.of(REPLIES));

        assertThat(a.alerts(AccountPolicy.DEFAULT_THRESHOLD)).isFalse();
        assertThat(a.reasons()).noneMatch(r -> r.signal().equals("voice.learned-contrast"));
    }

    @Test
    void tooFewRepliesLeaveTheContrastOut() {
        Post post = Fixtures.post("ugh my boss made me stay late again, I just want to go home lol");

        Assessment few = detector.assess(post, Fixtures.ACCOUNT, Fixtures.brandVoice(), PublicVoice.of(REPLIES.subList(0, 10)));

        assertThat(few.score()).isEqualTo(detector.assess(post, Fixtures.ACCOUNT, Fixtures.brandVoice()).score());
    }

    @Test
    void theSampleIsBoundedAndSkipsEmptyReplies() {
        List<String> many = new ArrayList<>(Collections.nCopies(PublicVoice.SAMPLE_SIZE + 50, "@acmehelp where is my parcel"));
        many.add(0, "   ");

        assertThat(PublicVoice.of(many).texts()).isEqualTo(PublicVoice.SAMPLE_SIZE);
        assertThat(PublicVoice.shortened("x".repeat(PublicVoice.MAX_TEXT + 10))).hasSize(PublicVoice.MAX_TEXT);
        assertThat(PublicVoice.of(List.of()).texts()).isZero();
    }

    @Test
    void learningOwnPostsScoresEachBeforeLearningIt() {
        List<Post> own = new ArrayList<>();
        for (int i = 0; i < VoiceProfile.CALIBRATION_WARMUP + 8; i++) {
            own.add(Fixtures.post(Fixtures.BRAND_HISTORY.get(i % Fixtures.BRAND_HISTORY.size()) + " " + i));
        }

        VoiceProfile voice = detector.learnOwnPosts(Fixtures.ACCOUNT, VoiceProfile.empty(), PublicVoice.of(REPLIES), own);

        assertThat(voice.posts()).isEqualTo(own.size());
        assertThat(voice.calibrationScores()).isEqualTo(8);
        assertThat(voice.alertThreshold(AccountPolicy.DEFAULT_THRESHOLD)).isEqualTo(AccountPolicy.DEFAULT_THRESHOLD);
    }
}
