package com.mispost.apology;

import com.mispost.detection.Severity;
import com.mispost.post.Platform;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApologyDeskTest {

    private static final Instant AT = Instant.parse("2026-11-25T14:05:00Z");
    private static final DraftRequest REQUEST = DraftRequest.of(Platform.X, Severity.HIGH, "Northwind")
            .withOriginalText(ApologyComposerTest.ROGUE_EMPLOYEE);

    private final ApologyDesk desk = new ApologyDesk();

    @Test
    void redraftFollowsTheInstructions() {
        List<ApologyDraft> drafts = desk.redraft(REQUEST,
                new StaffInstructions(Set.of(Tone.FORMAL), List.of("Replies are open and we are reading them."), null));
        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.tone()).isEqualTo(Tone.FORMAL);
            assertThat(d.text()).endsWith("Replies are open and we are reading them.");
            assertThat(d.lint()).isEmpty();
        });
    }

    @Test
    void anEditIsMeasuredAndLintedAfresh() {
        ApologyDraft draft = desk.draft(REQUEST).get(0);
        String text = "Sorry if anyone was offended, it was just a joke! Our lunatic intern did it.";
        ApologyDraft edited = desk.edit(REQUEST, draft, text);
        assertThat(edited.tone()).isEqualTo(draft.tone());
        assertThat(edited.text()).isEqualTo(text);
        assertThat(edited.length()).isEqualTo(text.length());
        assertThat(edited.notes()).contains("Edited by staff.");
        assertThat(edited.lint()).extracting(LintFinding::rule).contains(
                LintRule.MINIMIZING, LintRule.BLAME_SHIFTING, LintRule.REPEATS_ORIGINAL, LintRule.NO_ACTION, LintRule.NO_CHANGE);
        assertThat(edited.lint()).filteredOn(f -> f.rule() == LintRule.REPEATS_ORIGINAL)
                .extracting(LintFinding::excerpt).containsExactly("lunatic");
    }

    @Test
    void aCleanDraftIsApprovedWithWhoWhenAndWhichWords() {
        ApologyDraft draft = desk.draft(REQUEST).get(1);
        Approval approval = desk.approve(REQUEST, draft, "dana", AT, null);
        assertThat(approval.acceptedFindings()).isEmpty();
        assertThat(approval.approvedBy()).isEqualTo("dana");
        assertThat(approval.at()).isEqualTo(AT);
        assertThat(approval.describe()).startsWith("warm post (en): ").endsWith(draft.text());
    }

    @Test
    void aDraftWithFindingsIsNotApprovedWithoutAReasonAndTheReasonGoesOnRecord() {
        ApologyDraft edited = desk.edit(REQUEST, desk.draft(REQUEST).get(0),
                "A member of our team posted a personal message here by mistake. We're sorry, and we have removed it.");
        assertThatThrownBy(() -> desk.approve(REQUEST, edited, "dana", AT, " "))
                .isInstanceOf(UnresolvedFindingsException.class)
                .hasMessageContaining("no-change")
                .satisfies(e -> assertThat(((UnresolvedFindingsException) e).findings()).hasSize(1));
        Approval approval = desk.approve(REQUEST, edited, "dana", AT, "The review is announced separately by the CEO.");
        assertThat(approval.acceptedFindings()).extracting(LintFinding::rule).containsExactly(LintRule.NO_CHANGE);
        assertThat(approval.describe()).contains("Approved despite 1 linter finding(s) (no-change): The review is announced");
    }

    @Test
    void approvalRelintsRatherThanTrustingStoredFindings() {
        ApologyDraft forged = new ApologyDraft(Tone.PLAIN, DraftKind.POST, "en", "Our account was hacked. Sorry!", 30, 280, List.of(), List.of());
        assertThatThrownBy(() -> desk.approve(REQUEST, forged, "dana", AT, null))
                .isInstanceOf(UnresolvedFindingsException.class)
                .hasMessageContaining("unconfirmed-compromise");
        assertThatThrownBy(() -> desk.approve(REQUEST, desk.draft(REQUEST).get(0), "", AT, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProposingDrafterIsJudgedByTheSameLinter() {
        Drafter model = new Drafter() {
            @Override
            public String name() {
                return "test-model";
            }

            @Override
            public List<ApologyDraft> compose(DraftRequest request) {
                return List.of(new ApologyDraft(Tone.WARM, DraftKind.POST, "en",
                        "Oops, a glitch in the app! This will never happen again.", 0, 0, List.of(), List.of()));
            }
        };
        List<ApologyDraft> drafts = new ApologyDesk(model).draft(REQUEST);
        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.length()).isEqualTo(56);
            assertThat(d.limit()).isEqualTo(280);
            assertThat(d.notes()).contains("Proposed by the test-model drafter.");
            assertThat(d.lint()).extracting(LintFinding::rule)
                    .contains(LintRule.LEVITY, LintRule.BLAME_SHIFTING, LintRule.UNCHECKABLE_PROMISE, LintRule.NO_APOLOGY);
        });
    }

    @Test
    void aFailingOrSilentDrafterFallsBackToTheBuiltInComposer() {
        Drafter failing = new Drafter() {
            @Override
            public String name() {
                return "test-model";
            }

            @Override
            public List<ApologyDraft> compose(DraftRequest request) {
                throw new IllegalStateException("model unavailable");
            }
        };
        List<ApologyDraft> drafts = new ApologyDesk(failing).draft(REQUEST);
        assertThat(drafts).hasSize(3).allSatisfy(d -> {
            assertThat(d.lint()).isEmpty();
            assertThat(d.notes()).anySatisfy(n -> assertThat(n).contains("test-model drafter failed"));
        });
    }
}
