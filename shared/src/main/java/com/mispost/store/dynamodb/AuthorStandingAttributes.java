package com.mispost.store.dynamodb;

import com.mispost.post.AuthorStanding;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

/** A reply author's standing, kept on the reply item (it expires with the reply): three optional attributes. */
final class AuthorStandingAttributes {
    private static final String SINCE = "authorSince";
    private static final String FOLLOWERS = "authorFollowers";
    private static final String VERIFIED = "authorVerified";

    private AuthorStandingAttributes() {
    }

    static void put(Map<String, AttributeValue> item, AuthorStanding standing) {
        if (standing == null) return;
        if (standing.accountCreated() != null) item.put(SINCE, Items.s(standing.accountCreated().toString()));
        if (standing.followers() != null) item.put(FOLLOWERS, Items.n(standing.followers()));
        if (standing.verified() != null) item.put(VERIFIED, AttributeValue.fromBool(standing.verified()));
    }

    static AuthorStanding read(Map<String, AttributeValue> item) {
        Instant since = Items.instant(item, SINCE);
        AttributeValue followers = item.get(FOLLOWERS);
        AttributeValue verified = item.get(VERIFIED);
        AuthorStanding s = new AuthorStanding(since, followers == null || followers.n() == null ? null : Long.parseLong(followers.n()),
                verified == null ? null : verified.bool());
        return s.isEmpty() ? null : s;
    }
}
