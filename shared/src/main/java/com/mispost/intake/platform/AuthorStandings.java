package com.mispost.intake.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.mispost.intake.MalformedDeliveryException;
import com.mispost.post.AuthorStanding;

/**
 * What a delivery says about the account that reacted, read leniently: these fields only weigh a
 * backlash's urgency, so a missing or odd one is "not said", never a reason to refuse a delivery.
 */
final class AuthorStandings {
    private AuthorStandings() {
    }

    /** X v1.1: the tweet's {@code user} object ({@code created_at} in X's format, {@code followers_count}, {@code verified}). */
    static AuthorStanding x(JsonNode user) {
        return standing(lenient(() -> Fields.xTime(user.path("created_at"), "user.created_at")),
                user.path("followers_count"), user.path("verified"));
    }

    /** X v2: the author's entry in {@code includes.users} (ISO {@code created_at}, {@code public_metrics.followers_count}). */
    static AuthorStanding xV2(JsonNode includes, String authorId) {
        for (JsonNode u : Fields.elements(includes, "users")) {
            if (authorId.equals(Fields.str(u, "id"))) {
                return standing(lenient(() -> Fields.isoOrNull(u.path("created_at"), "includes.users.created_at")),
                        u.path("public_metrics").path("followers_count"), u.path("verified"));
            }
        }
        return null;
    }

    /** Mastodon: the status's {@code account} ({@code created_at}, {@code followers_count}; no verification). */
    static AuthorStanding mastodon(JsonNode account) {
        return standing(lenient(() -> Fields.isoOrNull(account.path("created_at"), "account.created_at")),
                account.path("followers_count"), null);
    }

    private interface Time {
        java.time.Instant read() throws MalformedDeliveryException;
    }

    private static java.time.Instant lenient(Time time) {
        try {
            return time.read();
        } catch (MalformedDeliveryException e) {
            return null;
        }
    }

    private static AuthorStanding standing(java.time.Instant created, JsonNode followers, JsonNode verified) {
        Long count = followers.canConvertToLong() && followers.isIntegralNumber() && followers.longValue() >= 0 ? followers.longValue() : null;
        Boolean v = verified != null && verified.isBoolean() ? verified.booleanValue() : null;
        AuthorStanding s = new AuthorStanding(created, count, v);
        return s.isEmpty() ? null : s;
    }
}
