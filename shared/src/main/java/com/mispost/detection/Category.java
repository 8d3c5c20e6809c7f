package com.mispost.detection;

import java.util.Locale;
import java.util.Optional;

/**
 * What a lexicon term says about a post. Content categories carry the severity of a post that
 * contains them; voice categories describe how it is said and feed the voice signals.
 */
public enum Category {
    PROFANITY(Severity.HIGH),
    MILD(Severity.MEDIUM),
    SLUR(Severity.CRITICAL),
    SEXUAL(Severity.CRITICAL),
    SUGGESTIVE(Severity.MEDIUM),
    VIOLENCE(Severity.CRITICAL),
    SUBSTANCE(Severity.MEDIUM),
    POLITICS(Severity.MEDIUM),
    RELIGION(Severity.MEDIUM),
    PRIVATE(Severity.MEDIUM),
    /**
     * Insider news or workplace drama no company announces this way ("we just got sold to",
     * "we're all being fired"): a hijacked account or a staff member's own post.
     */
    WORKPLACE(Severity.HIGH),
    FIRST_SINGULAR(Severity.NONE),
    FIRST_POSSESSIVE(Severity.NONE),
    /** "I" doing something in the past: the author's own story ("I tried", "I ordered"). */
    NARRATIVE(Severity.NONE),
    FIRST_PLURAL(Severity.NONE),
    SECOND_PERSON(Severity.NONE),
    INFORMAL(Severity.NONE),
    PERSONAL_LIFE(Severity.NONE),
    SUPPORT(Severity.NONE),
    GREETING(Severity.NONE),
    COMPLAINT(Severity.NONE),
    /** The customer's side of a service exchange: asks the company for help, chases it, reports back ("how do I", "still no reply"). */
    CUSTOMER(Severity.NONE),
    /** Third person: other people the author talks about ("he", "she", "they"). */
    OTHERS(Severity.NONE),
    /** Words that contain a bad word and are fine ("Scunthorpe", "cocktail"). */
    INNOCENT(Severity.NONE);

    /** Categories that obfuscated spellings (f*ck, sh!t, fuuuck, run-together hashtags) are checked against. */
    static final int RISK_MASK = bits(PROFANITY, MILD, SLUR, SEXUAL, SUGGESTIVE, VIOLENCE);

    private final Severity severity;

    Category(Severity severity) {
        this.severity = severity;
    }

    /** The severity of a post found to contain this category, NONE for voice categories. */
    public Severity severity() {
        return severity;
    }

    /** The name used in lexicon files and policies ("personal-life"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public int bit() {
        return 1 << ordinal();
    }

    public boolean in(int mask) {
        return (mask & bit()) != 0;
    }

    static int bits(Category... categories) {
        int mask = 0;
        for (Category c : categories) mask |= c.bit();
        return mask;
    }

    public static Optional<Category> fromId(String id) {
        for (Category c : values()) {
            if (c.id().equals(id)) return Optional.of(c);
        }
        return Optional.empty();
    }
}
