package com.mispost.post;

import java.util.Objects;

/** Identifies one post: the same platform post id can only exist once per platform account. */
public record PostKey(Platform platform, String accountId, String postId) {
    public PostKey {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(postId, "postId");
    }

    public AccountKey account() {
        return new AccountKey(platform, accountId);
    }

    @Override
    public String toString() {
        return platform.id() + "/" + accountId + "/" + postId;
    }
}
