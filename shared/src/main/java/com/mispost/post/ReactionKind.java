package com.mispost.post;

import java.util.Locale;
import java.util.Optional;

/** The ways the public reacts to a post; counted per incident to watch the response. */
public enum ReactionKind {
    REPLY, SHARE, QUOTE, LIKE, COMMENT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReactionKind> fromId(String id) {
        if (id == null) return Optional.empty();
        for (ReactionKind k : values()) {
            if (k.id().equals(id.toLowerCase(Locale.ROOT))) return Optional.of(k);
        }
        return Optional.empty();
    }
}
