package com.mispost.post;

import java.util.Objects;

/** Identifies one business account on one platform. */
public record AccountKey(Platform platform, String accountId) {
    public AccountKey {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(accountId, "accountId");
    }

    @Override
    public String toString() {
        return platform.id() + "/" + accountId;
    }
}
