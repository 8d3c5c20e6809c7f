package com.mispost.apology;

import java.util.Locale;

/** The honesty linter's rules; each finding names one. */
public enum LintRule {
    MINIMIZING("Minimizes the harm or puts it on the reader."),
    BLAME_SHIFTING("Blames the platform, a tool or one person instead of owning the post."),
    REPEATS_ORIGINAL("Repeats words of the original post and spreads them again."),
    UNCONFIRMED_COMPROMISE("Claims a hack or compromise that no one has recorded as confirmed."),
    CLAIMS_MISTAKE("Calls an intended post a mistake or a personal one, after a backlash."),
    NO_RESPONSIBILITY("Does not take responsibility in the first person (\"we\")."),
    NO_APOLOGY("Does not actually apologize."),
    NO_EXPLANATION("Does not say what happened."),
    NO_ACTION("Does not say what is being done."),
    NO_CHANGE("Does not say what will change."),
    UNCHECKABLE_PROMISE("Promises something no one can check or keep."),
    LEVITY("Jokes, hashtags or emoji above low severity."),
    OVER_LIMIT("Longer than the platform allows.");

    private final String summary;

    LintRule(String summary) {
        this.summary = summary;
    }

    /** The kebab-case id shown to staff and written to JSON ("uncheckable-promise"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String summary() {
        return summary;
    }
}
