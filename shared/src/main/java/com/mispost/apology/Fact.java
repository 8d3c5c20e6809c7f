package com.mispost.apology;

import java.util.Locale;
import java.util.Optional;

/** The standard facts a built-in draft states, each of which staff may ask to leave out. */
public enum Fact {
    /** "We have removed it." — leave out while the post is still up (being corrected, say). */
    REMOVED,
    /** That the post was meant for a personal account — leave out when it was not. */
    PERSONAL_ACCOUNT,
    /** What will change — leave out only when staff will say it themselves. */
    CHANGE;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Fact> fromId(String id) {
        if (id == null) return Optional.empty();
        for (Fact f : values()) {
            if (f.id().equals(id.trim().toLowerCase(Locale.ROOT).replace('_', '-'))) return Optional.of(f);
        }
        return Optional.empty();
    }
}
