package com.mispost.apology;

import java.util.List;

/**
 * Anything that proposes apology drafts: the built-in {@link ApologyComposer}, or a model behind
 * an adapter. Whatever a drafter says about lint, {@link ApologyDesk} measures and lints every
 * draft again, so all drafters are judged alike.
 */
public interface Drafter {

    /** A short name for notes and logs ("built-in", "bedrock"). */
    String name();

    List<ApologyDraft> compose(DraftRequest request);
}
