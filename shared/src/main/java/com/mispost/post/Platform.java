package com.mispost.post;

import java.util.Locale;
import java.util.Optional;

/** The social platforms (and generic relays) whose webhooks Mispost accepts. */
public enum Platform {
    X, META, LINKEDIN, MASTODON, GENERIC;

    /** The lower-case name used in URLs and table keys. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Platform> fromId(String id) {
        if (id == null) return Optional.empty();
        for (Platform p : values()) {
            if (p.id().equals(id.toLowerCase(Locale.ROOT))) return Optional.of(p);
        }
        return Optional.empty();
    }
}
