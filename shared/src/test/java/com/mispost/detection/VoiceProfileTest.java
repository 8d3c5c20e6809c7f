package com.mispost.detection;

import com.mispost.post.Platform;
import com.mispost.post.Post;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoiceProfileTest {

    @Test
    void learnsPostsClientsAndHours() {
        VoiceProfile voice = VoiceProfile.empty()
                .learn(Fixtures.post("@user We're on it. ^JS", "Hootsuite", null))
                .learn(Fixtures.post("@user Thanks, Sam! ^KL", "hootsuite", null));

        assertThat(voice.posts()).isEqualTo(2);
        assertThat(voice.postsFrom("HootSuite")).isEqualTo(2);
        assertThat(voice.postsWith(Style.SIGNOFF)).isEqualTo(2);
        assertThat(voice.postsAtHour(14)).isEqualTo(2);
        assertThat(VoiceProfile.empty().posts()).isZero();
    }

    @Test
    void survivesEncodingAndDecoding() {
        VoiceProfile voice = VoiceProfile.empty();
        for (String text : Fixtures.BRAND_HISTORY) voice = voice.learn(Fixtures.post(text, "Sprout Social|web", null));

        VoiceProfile decoded = VoiceProfile.decode(voice.encode());

        assertThat(decoded.encode()).isEqualTo(voice.encode());
        assertThat(decoded.posts()).isEqualTo(12);
        assertThat(decoded.postsFrom("sprout social|web")).isEqualTo(12);
        int unit = Reading.unitOf("dm");
        assertThat(decoded.postsWithUnit(unit)).isEqualTo(voice.postsWithUnit(unit)).isPositive();
    }

    @Test
    void staysWellInsideATableItemAfterThousandsOfPosts() {
        VoiceProfile voice = VoiceProfile.empty();
        for (int i = 0; i < 5000; i++) {
            String text = "@user Order " + i + " update: word" + i + " and token" + (i * 7) + " with phrase" + (i % 977)
                    + " plus item" + (i * 13) + ". Please DM us. ^JS";
            voice = voice.learn(new Post(Platform.X, "acmehelp", "p" + i, null, text,
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i * 600L), "client" + (i % 40), null, null, null, null, null));
        }

        String encoded = voice.encode();

        // DynamoDB's item limit is 400 KB; the profile keeps well inside it whatever the history.
        assertThat(encoded.length()).isLessThan(150_000);
        assertThat(voice.posts()).isEqualTo(5000);
        assertThat(voice.clients()).hasSizeLessThanOrEqualTo(VoiceProfile.MAX_CLIENTS);
        assertThat(voice.postsWithUnit(Reading.unitOf("please"))).isEqualTo(5000);
    }

    @Test
    void aProfileStoredBeforeTheNewestMarksDecodesWithNoneOfThem() {
        VoiceProfile voice = VoiceProfile.empty();
        for (int i = 0; i < 5; i++) voice = voice.learn(Fixtures.post("@user where is my parcel, she said they sent it " + i));
        String[] parts = voice.encode().split("\\|", -1);
        String[] counts = parts[2].split(",");
        parts[2] = String.join(",", java.util.Arrays.copyOf(counts, Style.CUSTOMER_SIDE.ordinal()));

        VoiceProfile older = VoiceProfile.decode(String.join("|", parts));

        assertThat(voice.postsWith(Style.CUSTOMER_SIDE)).isEqualTo(5);
        assertThat(older.postsWith(Style.CUSTOMER_SIDE)).isZero();
        assertThat(older.postsWith(Style.ABOUT_OTHERS)).isZero();
        assertThat(older.postsWith(Style.FIRST_POSSESSIVE)).isEqualTo(voice.postsWith(Style.FIRST_POSSESSIVE)).isEqualTo(5);
    }

    @Test
    void aProfileStoredBeforeTheLearnedContrastDecodesWithoutItsFeatures() {
        VoiceProfile voice = Fixtures.brandVoice();
        String[] parts = voice.encode().split("\\|", -1);
        String v1 = "v1|" + String.join("|", java.util.Arrays.copyOfRange(parts, 1, 6));

        VoiceProfile older = VoiceProfile.decode(v1);
        int feature = TextFeatures.of("please").hashes[0];

        assertThat(older.posts()).isEqualTo(voice.posts());
        assertThat(older.postsWithUnit(Reading.unitOf("dm"))).isEqualTo(voice.postsWithUnit(Reading.unitOf("dm"))).isPositive();
        assertThat(voice.postsWithFeature(feature)).isPositive();
        assertThat(older.postsWithFeature(feature)).isZero();
        assertThat(older.calibrationScores()).isZero();
    }

    @Test
    void ownHeldOutScoresCountOnlyAfterTheVoiceHasFormed() {
        VoiceProfile voice = VoiceProfile.empty();
        for (int i = 0; i < VoiceProfile.CALIBRATION_WARMUP + 5; i++) voice = voice.learn(Fixtures.post("@user We're on it " + i + " ^JS"), 0.1);
        VoiceProfile storedAsProbabilities = VoiceProfile.decode(
                voice.encode().replaceFirst("^v3", "v2").replaceFirst("\\|[^|]*$", "").replaceAll("-220(,|$)", "1000$1"));

        assertThat(voice.calibrationScores()).isEqualTo(5);
        assertThat(VoiceProfile.decode(voice.encode()).calibrationScores()).isEqualTo(5);
        assertThat(voice.heldOutLogits()[0]).isCloseTo(Math.log(0.1 / 0.9), org.assertj.core.api.Assertions.within(0.01));
        assertThat(storedAsProbabilities.heldOutLogits()[4]).as("a v2 profile's scores read as logits")
                .isCloseTo(Math.log(0.1 / 0.9), org.assertj.core.api.Assertions.within(0.01));
        assertThat(voice.learn(Fixtures.post("@user Done. ^KL")).calibrationScores()).isEqualTo(5);
    }

    @Test
    void anAccountsOwnPostsSetItsThresholdWithinBounds() {
        VoiceProfile formed = VoiceProfile.empty();
        for (int i = 0; i < VoiceProfile.CALIBRATION_WARMUP; i++) formed = formed.learn(Fixtures.post("@user Hi " + i + " ^JS"));
        VoiceProfile quiet = formed;
        VoiceProfile odd = formed;
        VoiceProfile chatty = formed;
        VoiceProfile wild = formed;
        for (int i = 0; i < 100; i++) {
            quiet = quiet.learn(Fixtures.post("@user Thanks " + i + " ^JS"), 0.05 + i * 0.001);
            odd = odd.learn(Fixtures.post("@user Thanks " + i + " ^JS"), i == 7 ? 0.97 : 0.2);
            chatty = chatty.learn(Fixtures.post("@user Thanks " + i + " ^JS"), i % 5 == 0 ? 0.8 : 0.2);
            wild = wild.learn(Fixtures.post("@user Thanks " + i + " ^JS"), 0.999);
        }

        assertThat(formed.alertThreshold(0.5)).as("nothing learned: the policy's").isEqualTo(0.5);
        assertThat(quiet.alertThreshold(0.5)).as("its own, below the default policy's").isLessThan(0.2);
        assertThat(odd.alertThreshold(0.5)).as("one odd score in a hundred does not set it").isLessThan(0.4);
        assertThat(chatty.alertThreshold(0.5)).as("a fifth of its posts score 0.8").isGreaterThan(0.8);
        assertThat(wild.alertThreshold(0.5)).as("capped").isEqualTo(VoiceProfile.CALIBRATION_CAP);
        assertThat(quiet.alertThreshold(0.9)).as("a stricter policy than the default stays").isEqualTo(0.9);
    }

    @Test
    void anAccountWithoutScoresOfItsOwnStartsFromItsDeploymentsThreshold() {
        VoiceProfile young = Fixtures.learned(VoiceProfile.empty(), 3, i -> "@user Hi " + i + " ^JS");
        VoiceProfile formed = Fixtures.learned(VoiceProfile.empty(), VoiceProfile.CALIBRATION_WARMUP, i -> "@user Hi " + i + " ^JS");
        DeploymentPrior quiet = prior(formed, 400, i -> 0.05);
        DeploymentPrior loud = prior(formed, 400, i -> i % 50 == 0 ? 0.95 : 0.3);
        VoiceProfile own = formed;
        for (int i = 0; i < 100; i++) own = own.learn(Fixtures.post("@user Thanks " + i + " ^JS"), i % 10 == 0 ? 0.9 : 0.05);

        assertThat(young.alertThreshold(0.5, DeploymentPrior.empty())).as("nothing learned anywhere").isEqualTo(0.5);
        assertThat(young.alertThreshold(0.5, prior(formed, 100, i -> 0.05))).as("too few scores in the deployment").isEqualTo(0.5);
        assertThat(young.alertThreshold(0.5, quiet)).as("a quiet deployment's").isLessThan(0.1);
        assertThat(young.alertThreshold(0.5, loud)).as("one in fifty of the deployment's posts score 0.95").isGreaterThan(0.9);
        assertThat(own.alertThreshold(0.5, quiet)).as("its own scores raise it above its deployment's").isGreaterThan(0.85);
    }

    private static DeploymentPrior prior(VoiceProfile formed, int scores, java.util.function.IntToDoubleFunction score) {
        DeploymentPrior prior = DeploymentPrior.empty();
        for (int i = 0; i < scores; i++) {
            prior = prior.with(DeploymentPrior.contribution(Fixtures.post("@user Thanks " + i), formed, score.applyAsDouble(i)));
        }
        return prior;
    }

    @Test
    void rejectsTextThatIsNotAProfile() {
        assertThatThrownBy(() -> VoiceProfile.decode("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VoiceProfile.decode("v1|1|0|0|x|")).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 200)
    void anyHistoryRoundTrips(@ForAll @Size(max = 8) List<String> texts) {
        VoiceProfile voice = VoiceProfile.empty();
        for (String text : texts) voice = voice.learn(Fixtures.post(text, "app " + text.length() % 3, null));

        assertThat(VoiceProfile.decode(voice.encode()).encode()).isEqualTo(voice.encode());
    }

    @Property(tries = 300)
    void scoresStayWithinZeroAndOne(@ForAll String text) {
        Assessment a = new MispostDetector().assess(Fixtures.post(text), Fixtures.ACCOUNT, Fixtures.brandVoice());

        assertThat(a.score()).isBetween(0.0, 1.0);
        for (Reason r : a.reasons()) {
            for (Evidence e : r.evidence()) {
                if (e.start() >= 0) assertThat(text.substring(e.start(), e.end())).isEqualTo(e.excerpt());
            }
        }
    }
}
