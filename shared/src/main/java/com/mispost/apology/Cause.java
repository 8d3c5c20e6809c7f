package com.mispost.apology;

import java.util.Locale;
import java.util.Optional;

/** Why the incident opened: it decides what a draft may honestly say happened. */
public enum Cause {
    /** The detector's: a post meant for another (personal) account went out on the brand's by mistake. */
    MISPOST,
    /**
     * The crowd's: a post that went out as intended and that the replies turned against (tone-deaf,
     * badly timed). Nothing was posted by mistake, so no draft may say it was.
     */
    BACKLASH;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Cause> fromId(String id) {
        if (id == null) return Optional.empty();
        for (Cause c : values()) {
            if (c.id().equals(id.strip().toLowerCase(Locale.ROOT))) return Optional.of(c);
        }
        return Optional.empty();
    }
}
