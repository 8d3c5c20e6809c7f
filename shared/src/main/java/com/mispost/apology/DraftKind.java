package com.mispost.apology;

import java.util.Locale;

/** Where a draft is meant to go. */
public enum DraftKind {
    /** A reply or post on the platform where the mispost happened, within its limit. */
    POST,
    /** The longer statement for the website or press that a critical incident also needs. */
    STATEMENT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
