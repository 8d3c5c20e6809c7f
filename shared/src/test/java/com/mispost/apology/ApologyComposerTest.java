package com.mispost.apology;

import com.mispost.apology.length.PostLength;
import com.mispost.detection.Severity;
import com.mispost.post.Platform;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drafts for invented posts modelled on the famous case types. The posts are our own words:
 * a harmless personal post on the wrong account (the kind the Red Cross made light of), a
 * profane rant by a staffer who thought they were on their own account, and a tone-deaf cruel
 * joke about a public figure's bereavement.
 */
class ApologyComposerTest {

    static final String WRONG_ACCOUNT = "Two more bottles of the good cider turned up at Sam's, so movie night is back ON #fridayfeeling";
    static final String ROGUE_EMPLOYEE = "seriously is there one single person in this city who can merge without driving like a damn lunatic";
    static final String TONE_DEAF = "The senator's late father would be ashamed of tonight's debate performance, good thing he never lived to watch it lol";

    private final ApologyComposer composer = new ApologyComposer();

    @Test
    void wrongAccountGetsThreeLightDraftsThatFitXAndPass() {
        DraftRequest request = DraftRequest.of(Platform.X, Severity.LOW, "Harbor Relief").withOriginalText(WRONG_ACCOUNT);
        List<ApologyDraft> drafts = composer.compose(request);
        assertThat(drafts).extracting(ApologyDraft::tone).containsExactly(Tone.PLAIN, Tone.WARM, Tone.FORMAL);
        assertThat(drafts).allSatisfy(d -> {
            assertThat(d.kind()).isEqualTo(DraftKind.POST);
            assertThat(d.lint()).isEmpty();
            assertThat(d.limit()).isEqualTo(280);
            assertThat(d.length()).isEqualTo(PostLength.count(Platform.X, d.text())).isLessThanOrEqualTo(280);
            assertThat(d.text()).doesNotContainIgnoringCase("hack").doesNotContain("#").doesNotContain("cider");
        });
        // light means short and human: no statement, no leadership note, no talk of reviews
        assertThat(drafts).allSatisfy(d -> assertThat(d.text()).doesNotContain("review").doesNotContain("values"));
        assertThat(drafts).allSatisfy(d -> assertThat(d.notes()).isEmpty());
    }

    @Test
    void rogueEmployeeGetsASincereApologyThatSaysWhatHappenedAndWhatWillChange() {
        DraftRequest request = DraftRequest.of(Platform.X, Severity.HIGH, "Brightline Motors").withOriginalText(ROGUE_EMPLOYEE);
        List<ApologyDraft> drafts = composer.compose(request);
        assertThat(drafts).hasSize(3).allSatisfy(d -> {
            assertThat(d.lint()).isEmpty();
            assertThat(d.length()).isLessThanOrEqualTo(280);
            assertThat(d.text()).containsIgnoringCase("member of our team")
                    .containsPattern("(?i)sorry|apologi[sz]e")
                    .containsPattern("(?i)separating|changing|reviewing|keeping")
                    .doesNotContainIgnoringCase("damn").doesNotContainIgnoringCase("lunatic")
                    .doesNotContainIgnoringCase("mix-up");
        });
    }

    @Test
    void toneDeafCriticalGetsAFormalStatementALongVersionAndALeadershipNote() {
        for (Platform platform : Platform.values()) {
            DraftRequest request = DraftRequest.of(platform, Severity.CRITICAL, "Kettle & Crumb").withOriginalText(TONE_DEAF);
            List<ApologyDraft> drafts = composer.compose(request);
            assertThat(drafts).extracting(ApologyDraft::kind)
                    .containsExactly(DraftKind.POST, DraftKind.POST, DraftKind.POST, DraftKind.STATEMENT);
            assertThat(drafts).allSatisfy(d -> {
                assertThat(d.lint()).as(platform + " " + d.tone() + " " + d.kind() + ": " + d.text()).isEmpty();
                assertThat(d.notes()).contains(ApologyComposer.LEADERSHIP_NOTE);
                assertThat(d.text()).doesNotContainIgnoringCase("senator").doesNotContainIgnoringCase("father");
            });
            ApologyDraft statement = drafts.get(3);
            assertThat(statement.limit()).isEqualTo(ApologyDraft.NO_LIMIT);
            assertThat(statement.tone()).isEqualTo(Tone.FORMAL);
            assertThat(statement.length()).isGreaterThan(drafts.get(2).length() * 2);
            assertThat(statement.text()).contains("Kettle & Crumb").contains("What we are doing");
        }
    }

    @Test
    void everyCombinationFitsItsPlatformAndPassesTheLinter() {
        for (Platform platform : Platform.values())
            for (Severity severity : Severity.values())
                for (String language : List.of("en", "de"))
                    for (boolean compromise : List.of(false, true))
                        for (String brand : List.of("", "A", "The Extraordinarily Long-Named Regional Cooperative Bank")) {
                            DraftRequest request = new DraftRequest(platform, severity, brand, language, ROGUE_EMPLOYEE, compromise, null, null);
                            for (ApologyDraft d : composer.compose(request)) {
                                assertThat(d.lint()).as(request + " → " + d.text()).isEmpty();
                                assertThat(d.language()).isEqualTo(language);
                                assertThat(d.text()).doesNotContain("{brand}").doesNotContain("  ");
                            }
                        }
    }

    @Test
    void neverSpeaksOfAHackUnlessACompromiseIsRecorded() {
        Pattern hackWords = Pattern.compile("(?i)hack|compromis|unauthori|without authori|outside our team|gehackt|unbefugt|außerhalb unseres Teams");
        for (Severity severity : Severity.values()) {
            for (String language : List.of("en", "de")) {
                DraftRequest request = DraftRequest.of(Platform.LINKEDIN, severity, "Northwind").withLanguage(language);
                assertThat(composer.compose(request)).allSatisfy(d -> assertThat(hackWords.matcher(d.text()).find()).as(d.text()).isFalse());
                assertThat(composer.compose(request.withConfirmedCompromise(true)))
                        .allSatisfy(d -> assertThat(hackWords.matcher(d.text()).find()).as(d.text()).isTrue());
            }
        }
    }

    @Test
    void germanAccountsGetGermanAndOtherLanguagesFallBackToEnglishWithANote() {
        List<ApologyDraft> german = composer.compose(DraftRequest.of(Platform.MASTODON, Severity.HIGH, "Nordwind").withLanguage("de-AT"));
        assertThat(german).allSatisfy(d -> {
            assertThat(d.language()).isEqualTo("de");
            assertThat(d.text()).containsPattern("tut uns|entschuldigen");
            assertThat(d.notes()).isEmpty();
        });
        List<ApologyDraft> portuguese = composer.compose(DraftRequest.of(Platform.X, Severity.HIGH, "Vento Norte").withLanguage("pt-BR"));
        assertThat(portuguese).allSatisfy(d -> {
            assertThat(d.language()).isEqualTo("en");
            assertThat(d.notes()).anySatisfy(n -> assertThat(n).contains("pt-BR").contains("English"));
        });
    }

    @Test
    void staffInstructionsChooseTonesAddFactsAndLeaveFactsOut() {
        StaffInstructions instructions = new StaffInstructions(Set.of(Tone.WARM),
                List.of("The post was up for twelve minutes"), Set.of(Fact.REMOVED, Fact.PERSONAL_ACCOUNT));
        DraftRequest request = DraftRequest.of(Platform.MASTODON, Severity.HIGH, "Northwind").withInstructions(instructions);
        List<ApologyDraft> drafts = composer.compose(request);
        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.tone()).isEqualTo(Tone.WARM);
            assertThat(d.text()).contains("The post was up for twelve minutes.")
                    .doesNotContain("removed").doesNotContain("personal message");
            assertThat(d.lint()).isEmpty();
        });
    }

    @Test
    void leavingOutWhatWillChangeIsShownAsAFindingNotHidden() {
        DraftRequest request = DraftRequest.of(Platform.X, Severity.HIGH, "Northwind")
                .withInstructions(new StaffInstructions(null, null, Set.of(Fact.CHANGE)));
        assertThat(composer.compose(request)).allSatisfy(d ->
                assertThat(d.lint()).extracting(LintFinding::rule).containsExactly(LintRule.NO_CHANGE));
    }

    @Test
    void aLongStaffFactIsKeptAndTheDraftShortensAroundItOrSaysItIsOver() {
        String fact = "Anyone who replied to the post can reach our community team directly at northwind.example.com/contact";
        DraftRequest request = DraftRequest.of(Platform.X, Severity.HIGH, "Northwind Outfitters and Provisions Company")
                .withInstructions(new StaffInstructions(null, List.of(fact), null));
        for (ApologyDraft d : composer.compose(request)) {
            assertThat(d.text()).contains(fact);
            if (d.length() > d.limit()) {
                assertThat(d.lint()).extracting(LintFinding::rule).contains(LintRule.OVER_LIMIT);
            } else {
                assertThat(d.lint()).isEmpty();
            }
        }
    }

    @Property(tries = 200)
    void neverQuotesTheOriginalWhateverItSays(@ForAll @StringLength(max = 280) String original) {
        DraftRequest request = DraftRequest.of(Platform.X, Severity.HIGH, "Northwind").withOriginalText(original);
        assertThat(composer.compose(request)).allSatisfy(d ->
                assertThat(d.lint()).extracting(LintFinding::rule).doesNotContain(LintRule.REPEATS_ORIGINAL));
    }
}
