package com.mispost.incident;

import java.util.Optional;

/** What the person who posted it answers when asked whether they meant to post it to the brand. */
public enum AuthorAnswer {
    /** It was meant for their own account: the mispost is confirmed, and it goes on the timeline. */
    CONFIRM("author-confirm"),
    /** They meant to post it to the brand: not a mispost, and the incident is dismissed. */
    DENY("author-deny");

    /** The reason a denial dismisses the incident with. */
    public static final String DENIAL_REASON = "author says it was intended";

    private final String id;

    AuthorAnswer(String id) {
        this.id = id;
    }

    /** The action id in the signed link. */
    public String id() {
        return id;
    }

    public static Optional<AuthorAnswer> fromId(String id) {
        for (AuthorAnswer a : values()) if (a.id.equalsIgnoreCase(id)) return Optional.of(a);
        return Optional.empty();
    }
}
