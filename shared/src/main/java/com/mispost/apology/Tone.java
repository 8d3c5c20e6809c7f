package com.mispost.apology;

import java.util.Locale;
import java.util.Optional;

/** The three voices a draft comes in. */
public enum Tone {
    PLAIN, WARM, FORMAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Tone> fromId(String id) {
        if (id == null) return Optional.empty();
        for (Tone t : values()) {
            if (t.id().equals(id.toLowerCase(Locale.ROOT))) return Optional.of(t);
        }
        return Optional.empty();
    }
}
