package com.mispost.apology;

import com.mispost.detection.Assessment;
import com.mispost.detection.Reason;
import com.mispost.detection.Severity;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drafts after the crowd turned against a post the team meant to send (our own invented case: a
 * cheerful grill sale on the day of a wildfire). Nothing went out by mistake, so no draft may
 * say it did; what they must say is that the post missed the mark and was ours.
 */
class BacklashApologyTest {

    static final String GRILL_SALE = "Sizzling summer savings! 30% off every grill this weekend, fire it up with the whole family";

    /** Every way a draft could pretend the post was not meant to go out, in both languages. */
    private static final Pattern MISTAKE_OR_HACK = Pattern.compile("(?i)mistake|in error|by accident|accidental|mix-up|slip"
            + "|personal|private|wrong account|meant for|hack|unauthori|outside our team"
            + "|versehen|irrtümlich|privat|falsche[nm]? Konto|gehackt|unbefugt|außerhalb unseres Teams");
    private static final Pattern OWNS_IT = Pattern.compile("(?i)missed the mark|insensitive|misjudged|got (?:it|our last post) wrong"
            + "|daneben|unsensib|unangemessen");

    private final ApologyComposer composer = new ApologyComposer();
    private final HonestyLinter linter = new HonestyLinter();

    private static DraftRequest backlash(Platform platform, Severity severity, String brand, String language) {
        return new DraftRequest(platform, severity, brand, language, GRILL_SALE, false, null, Cause.BACKLASH);
    }

    @Test
    void everyToneLanguageSeverityAndPlatformOwnsThePostWithoutCallingItAMistake() {
        for (Platform platform : Platform.values())
            for (Severity severity : Severity.values())
                for (String language : List.of("en", "de"))
                    for (String brand : List.of("", "Bramblewood", "The Extraordinarily Long-Named Regional Outdoor Living Cooperative")) {
                        DraftRequest request = backlash(platform, severity, brand, language);
                        List<ApologyDraft> drafts = composer.compose(request);
                        assertThat(drafts).extracting(ApologyDraft::tone).contains(Tone.PLAIN, Tone.WARM, Tone.FORMAL);
                        for (ApologyDraft d : drafts) {
                            assertThat(d.lint()).as(request + " → " + d.text()).isEmpty();
                            assertThat(d.language()).isEqualTo(language);
                            assertThat(MISTAKE_OR_HACK.matcher(d.text()).find()).as(d.text()).isFalse();
                            assertThat(OWNS_IT.matcher(d.text()).find()).as(d.text()).isTrue();
                            assertThat(d.text()).doesNotContainIgnoringCase("grill").doesNotContain("{brand}").doesNotContain("  ");
                        }
                    }
    }

    @Test
    void aSincereDraftSaysWhatWillChangeInHowPostsAreApproved() {
        List<ApologyDraft> drafts = composer.compose(backlash(Platform.X, Severity.HIGH, "Bramblewood", "en"));
        assertThat(drafts).extracting(ApologyDraft::text).containsExactly(
                "Our post earlier today was insensitive, and we should not have published it. We got it wrong, and we're sorry. "
                        + "We have removed it. We are reviewing how our posts are planned and approved, including the ones scheduled in advance.",
                "We owe you an apology. Our post earlier today was badly misjudged, and your replies told us so clearly. We're sorry. "
                        + "We have removed it. We are changing how we check posts before they go out, including the ones scheduled in advance.",
                "Our post earlier today was insensitive, and it was wrong of us to publish it. It does not reflect our values, and we apologize. "
                        + "We have removed it. We are reviewing how our posts are planned and approved, including the ones scheduled in advance.");
    }

    @Test
    void aLightDraftIsShortAndStillSaysWhatHappensNext() {
        List<ApologyDraft> drafts = composer.compose(backlash(Platform.X, Severity.LOW, "Bramblewood", "en")
                .withInstructions(new StaffInstructions(null, null, java.util.Set.of(Fact.REMOVED))));
        assertThat(drafts).allSatisfy(d -> {
            assertThat(d.lint()).isEmpty();
            assertThat(d.text()).doesNotContain("removed").contains("reviewing").doesNotContain("regular posts");
        });
    }

    @Test
    void aCriticalBacklashGetsAStatementThatOwnsThePost() {
        for (String language : List.of("en", "de")) {
            ApologyDraft statement = composer.compose(backlash(Platform.X, Severity.CRITICAL, "Bramblewood", language)).stream()
                    .filter(d -> d.kind() == DraftKind.STATEMENT).findFirst().orElseThrow();
            assertThat(statement.lint()).isEmpty();
            assertThat(MISTAKE_OR_HACK.matcher(statement.text()).find()).as(statement.text()).isFalse();
            assertThat(statement.notes()).contains(ApologyComposer.LEADERSHIP_NOTE);
        }
        ApologyDraft english = composer.compose(backlash(Platform.X, Severity.CRITICAL, "Bramblewood", "en")).stream()
                .filter(d -> d.kind() == DraftKind.STATEMENT).findFirst().orElseThrow();
        assertThat(english.text()).contains("written and approved by our team").contains("We have removed the post")
                .contains("posts we have scheduled");
    }

    @Test
    void aConfirmedCompromiseIsToldAsOneEvenAfterABacklash() {
        List<ApologyDraft> drafts = composer.compose(backlash(Platform.X, Severity.HIGH, "Bramblewood", "en").withConfirmedCompromise(true));
        assertThat(drafts).allSatisfy(d -> {
            assertThat(d.lint()).isEmpty();
            assertThat(d.text()).containsAnyOf("got into", "without authorization");
        });
    }

    @Test
    void theLinterCatchesADraftThatCallsABacklashAMistake() {
        DraftRequest request = backlash(Platform.X, Severity.HIGH, "Bramblewood", "en");
        for (String excuse : List.of(
                "A member of our team posted this by mistake.",
                "That post was meant for a personal account.",
                "It went out on the wrong account.",
                "Ein Teammitglied hat den Beitrag versehentlich gepostet.")) {
            String text = excuse + " It was insensitive and we're sorry. We are reviewing how our posts are approved.";
            assertThat(linter.lint(request, DraftKind.POST, text)).as(text)
                    .extracting(LintFinding::rule).contains(LintRule.CLAIMS_MISTAKE);
            // For a mispost the same words are the truth.
            assertThat(linter.lint(request.withCause(Cause.MISPOST), DraftKind.POST, text)).as(text)
                    .extracting(LintFinding::rule).doesNotContain(LintRule.CLAIMS_MISTAKE);
        }
        assertThat(linter.lint(request, DraftKind.POST, "Our account was hacked. It was insensitive and we're sorry. We are reviewing our approvals."))
                .extracting(LintFinding::rule).contains(LintRule.UNCONFIRMED_COMPROMISE);
    }

    @Test
    void aBacklashDraftMustSayThePostMissedTheMark() {
        DraftRequest request = backlash(Platform.X, Severity.HIGH, "Bramblewood", "en");
        String vague = "We're sorry. We are reviewing how our posts are approved.";
        assertThat(linter.lint(request, DraftKind.POST, vague)).extracting(LintFinding::rule).containsExactly(LintRule.NO_EXPLANATION);
        assertThat(linter.lint(request, DraftKind.POST, "Our post was tone-deaf. " + vague)).isEmpty();
        assertThat(linter.lint(request, DraftKind.POST, "Unser Beitrag war unsensibel. Es tut uns leid. Wir überprüfen unsere Freigaben."))
                .isEmpty();
    }

    @Test
    void theCrowdsAssessmentAsksForBacklashDraftsAndTheDetectorsForMispostOnes() {
        Post post = new Post(Platform.X, "42", "900", null, GRILL_SALE, Instant.parse("2026-08-01T10:00:00Z"),
                null, null, null, List.of(), "de", null);
        Assessment crowd = new Assessment(0.6, Severity.HIGH, List.of(new Reason("crowd.backlash", "9 of 12 replies turned", 9, List.of())), "Read it again.");
        Assessment detector = new Assessment(0.9, Severity.MEDIUM, List.of(new Reason("voice.personal-life", "Personal.", 0.3, List.of())), "Capture it.");
        DraftRequest fromCrowd = DraftRequest.forIncident(post, crowd, "Bramblewood");
        assertThat(fromCrowd.cause()).isEqualTo(Cause.BACKLASH);
        assertThat(fromCrowd.severity()).isEqualTo(Severity.HIGH);
        assertThat(fromCrowd.language()).isEqualTo("de");
        assertThat(fromCrowd.originalText()).isEqualTo(GRILL_SALE);
        assertThat(DraftRequest.forIncident(post, detector, "Bramblewood").cause()).isEqualTo(Cause.MISPOST);
    }

    @Test
    void mispostDraftsAreAsTheyWere() {
        List<ApologyDraft> drafts = composer.compose(DraftRequest.of(Platform.X, Severity.HIGH, "Northwind"));
        assertThat(drafts.get(0).text()).isEqualTo("Earlier today a member of our team posted a message here that was meant for a personal account. "
                + "It was wrong, and we're sorry. We have removed it. We are separating personal and business accounts in the tools our team uses.");
        assertThat(composer.compose(DraftRequest.of(Platform.X, Severity.LOW, "Northwind")).get(1).text())
                .isEqualTo("That last post was one of us, on the wrong account. We've taken it down. "
                        + "We've had a friendly word about which account is which. Sorry for the mix-up, and thanks for bearing with us. "
                        + "Back to our regular posts.");
    }
}
