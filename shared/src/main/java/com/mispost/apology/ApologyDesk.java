package com.mispost.apology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What staff do with apology drafts, as pure operations: draft, redraft with instructions, edit,
 * approve. Every text that leaves here has been measured and linted here, whoever wrote it;
 * storing drafts and putting approvals on the incident's timeline is the caller's job.
 *
 * <p>A proposing drafter (a model, say) may be put in front of the built-in composer: its drafts
 * are used when it gives any, and the composer's when it fails or gives none.
 */
public final class ApologyDesk {

    private static final String EDITED = "Edited by staff.";

    private final Drafter proposer;
    private final ApologyComposer composer;
    private final HonestyLinter linter;

    /** The built-in composer only. */
    public ApologyDesk() {
        this(null);
    }

    /** A proposing drafter first (may be null), the built-in composer as the fallback. */
    public ApologyDesk(Drafter proposer) {
        this.linter = new HonestyLinter();
        this.composer = new ApologyComposer(linter);
        this.proposer = proposer;
    }

    public List<ApologyDraft> draft(DraftRequest request) {
        if (proposer == null) return composer.compose(request);
        String fallbackNote;
        try {
            List<ApologyDraft> proposed = proposer.compose(request);
            if (!proposed.isEmpty()) return rejudged(request, proposed);
            fallbackNote = "The " + proposer.name() + " drafter proposed nothing; these are the built-in drafts.";
        } catch (RuntimeException e) {
            fallbackNote = "The " + proposer.name() + " drafter failed (" + e.getClass().getSimpleName() + "); these are the built-in drafts.";
        }
        List<ApologyDraft> drafts = new ArrayList<>();
        for (ApologyDraft d : composer.compose(request)) drafts.add(withNote(d, fallbackNote));
        return List.copyOf(drafts);
    }

    /** New drafts for the same incident, following staff's instructions (tones, facts in or out). */
    public List<ApologyDraft> redraft(DraftRequest request, StaffInstructions instructions) {
        return draft(request.withInstructions(instructions));
    }

    /** Staff's own words in place of a draft's, measured and linted afresh. */
    public ApologyDraft edit(DraftRequest request, ApologyDraft draft, String newText) {
        List<String> notes = new ArrayList<>(draft.notes());
        if (!notes.contains(EDITED)) notes.add(EDITED);
        return ApologyDraft.judged(request, draft.tone(), draft.kind(), draft.language(), newText, notes, linter);
    }

    /**
     * Approves a draft's text. The text is linted again here (a stored draft's findings may be
     * stale); if anything is found, approval needs a reason, and the findings go on record with it.
     *
     * @throws UnresolvedFindingsException when the text has findings and no reason was given
     */
    public Approval approve(DraftRequest request, ApologyDraft draft, String approvedBy, Instant at, String overrideReason) {
        if (approvedBy == null || approvedBy.isBlank()) throw new IllegalArgumentException("approvedBy is required");
        Objects.requireNonNull(at, "at");
        List<LintFinding> findings = linter.lint(request, draft.kind(), draft.text());
        boolean reasoned = overrideReason != null && !overrideReason.isBlank();
        if (!findings.isEmpty() && !reasoned) throw new UnresolvedFindingsException(findings);
        return new Approval(draft.tone(), draft.kind(), draft.language(), draft.text(), approvedBy.strip(), at,
                findings, findings.isEmpty() ? "" : overrideReason.strip());
    }

    private List<ApologyDraft> rejudged(DraftRequest request, List<ApologyDraft> proposed) {
        List<ApologyDraft> drafts = new ArrayList<>();
        for (ApologyDraft d : proposed) {
            List<String> notes = new ArrayList<>(d.notes());
            notes.add("Proposed by the " + proposer.name() + " drafter.");
            drafts.add(ApologyDraft.judged(request, d.tone(), d.kind(), d.language(), d.text(), notes, linter));
        }
        return List.copyOf(drafts);
    }

    private static ApologyDraft withNote(ApologyDraft d, String note) {
        List<String> notes = new ArrayList<>(d.notes());
        notes.add(note);
        return new ApologyDraft(d.tone(), d.kind(), d.language(), d.text(), d.length(), d.limit(), d.lint(), notes);
    }
}
