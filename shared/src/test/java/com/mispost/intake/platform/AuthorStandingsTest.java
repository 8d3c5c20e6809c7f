package com.mispost.intake.platform;

import com.mispost.intake.InboundEvent;
import com.mispost.post.AuthorStanding;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** What X and Mastodon say about the account that replied is carried on the reaction, read leniently. */
class AuthorStandingsTest {
    private final XWebhook x = new XWebhook(Clock.fixed(Instant.parse("2026-03-05T00:00:00Z"), ZoneOffset.UTC));
    private final MastodonWebhook mastodon = new MastodonWebhook();

    private static String xReply(String user) {
        return "{\"for_user_id\":\"700\",\"tweet_create_events\":[{\"created_at\":\"Tue Mar 03 21:20:00 +0000 2026\","
                + "\"id_str\":\"19\",\"text\":\"hacked?\",\"in_reply_to_status_id_str\":\"1\",\"in_reply_to_user_id_str\":\"700\","
                + "\"user\":" + user + "}]}";
    }

    private AuthorStanding xStanding(String user) throws Exception {
        InboundEvent only = x.parse(xReply(user).getBytes(StandardCharsets.UTF_8)).events().get(0);
        return ((InboundEvent.ReactionReceived) only).reaction().standing();
    }

    @Test
    void xV1UserObject() throws Exception {
        assertThat(xStanding("{\"id_str\":\"81\",\"created_at\":\"Mon Mar 02 10:00:00 +0000 2026\",\"followers_count\":3,\"verified\":false}"))
                .isEqualTo(new AuthorStanding(Instant.parse("2026-03-02T10:00:00Z"), 3L, false));
        assertThat(xStanding("{\"id_str\":\"81\"}")).as("nothing said").isNull();
        assertThat(xStanding("{\"id_str\":\"81\",\"created_at\":\"yesterday\",\"followers_count\":\"many\",\"verified\":\"yes\"}"))
                .as("odd values are not said, and the reply is still taken").isNull();
    }

    @Test
    void xV2IncludedUser() throws Exception {
        String delivery = "{\"data\":{\"filter\":{\"user_id\":\"700\"},\"event_type\":\"post.reply.create\",\"payload\":{"
                + "\"id\":\"30\",\"author_id\":\"86\",\"created_at\":\"2026-03-04T08:05:00.000Z\",\"text\":\"were you hacked\","
                + "\"in_reply_to_user_id\":\"700\",\"referenced_tweets\":[{\"type\":\"replied_to\",\"id\":\"20\"}]},"
                + "\"includes\":{\"users\":[{\"id\":\"86\",\"created_at\":\"2019-01-01T00:00:00.000Z\","
                + "\"public_metrics\":{\"followers_count\":1200},\"verified\":true}]}}}";
        AuthorStanding s = x.parse(delivery.getBytes(StandardCharsets.UTF_8)).events().stream()
                .map(e -> ((InboundEvent.ReactionReceived) e).reaction().standing()).findFirst().orElseThrow();
        assertThat(s).isEqualTo(new AuthorStanding(Instant.parse("2019-01-01T00:00:00Z"), 1200L, true));
    }

    @Test
    void mastodonAccount() throws Exception {
        String delivery = "{\"event\":\"status.created\",\"created_at\":\"2026-03-04T09:05:00Z\",\"object\":{\"id\":\"2\","
                + "\"created_at\":\"2026-03-04T09:05:00Z\",\"in_reply_to_id\":\"1\",\"in_reply_to_account_id\":\"10\","
                + "\"content\":\"<p>wrong account?</p>\",\"account\":{\"id\":\"77\",\"created_at\":\"2026-03-01T00:00:00.000Z\","
                + "\"followers_count\":0}}}";
        AuthorStanding s = mastodon.parse(delivery.getBytes(StandardCharsets.UTF_8)).events().stream()
                .filter(e -> e instanceof InboundEvent.ReactionReceived)
                .map(e -> ((InboundEvent.ReactionReceived) e).reaction().standing()).findFirst().orElseThrow();
        assertThat(s).isEqualTo(new AuthorStanding(Instant.parse("2026-03-01T00:00:00Z"), 0L, null));
        assertThat(s.mintable(Instant.parse("2026-03-04T09:05:00Z"))).isTrue();
    }
}
