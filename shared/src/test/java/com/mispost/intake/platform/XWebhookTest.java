package com.mispost.intake.platform;

import com.mispost.intake.InboundEvent;
import com.mispost.intake.MalformedDeliveryException;
import com.mispost.intake.ParsedDelivery;
import com.mispost.intake.WebhookResponse;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.mispost.intake.platform.Fixtures.SECRET_SOURCE;
import static com.mispost.intake.platform.Fixtures.bytes;
import static com.mispost.intake.platform.Fixtures.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XWebhookTest {
    private static final String ACCOUNT = "700100200300400500";
    private static final Instant NOW = Instant.parse("2026-03-05T00:00:00Z");
    private final XWebhook x = new XWebhook(Clock.fixed(NOW, ZoneOffset.UTC));

    private static String signature(byte[] body) {
        return "sha256=" + Base64.getEncoder().encodeToString(Fixtures.hmac("x-consumer-secret", body));
    }

    @Test
    void crcAnswersWithTheBase64HmacOfTheToken() {
        WebhookResponse r = x.handshake(Fixtures.get("x", Map.of("crc_token", "challenge-123")), SECRET_SOURCE);
        String expected = "sha256=" + Base64.getEncoder().encodeToString(
                Fixtures.hmac("x-consumer-secret", "challenge-123".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.body()).isEqualTo("{\"response_token\":\"" + expected + "\"}");
    }

    @Test
    void crcSignsNothingThatCouldBeADelivery() {
        // The forgery: a delivery's JSON sent as the token, its CRC answer then used as the delivery's signature.
        String delivery = "{\"for_user_id\":\"" + ACCOUNT + "\",\"tweet_create_events\":[]}";
        for (String token : List.of(delivery, " " + delivery, "a b", "x".repeat(300))) {
            WebhookResponse r = x.handshake(Fixtures.get("x", Map.of("crc_token", token)), SECRET_SOURCE);
            assertThat(r.status()).as(token).isEqualTo(400);
            assertThat(r.body()).contains("crc_token").doesNotContain("sha256=").doesNotContain(ACCOUNT);
        }
        // Tokens of the shape X sends are still answered.
        assertThat(x.handshake(Fixtures.get("x", Map.of("crc_token", "MTQ4NjY5ODQ2NTk5Ng_-+/=")), SECRET_SOURCE).status())
                .isEqualTo(200);
    }

    @Test
    void crcWithoutATokenIsABadRequest() {
        WebhookResponse r = x.handshake(Fixtures.get("x", Map.of()), SECRET_SOURCE);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("crc_token");
    }

    @Test
    void signatureIsCheckedInEitherHeader() {
        byte[] body = bytes("x/tweet-create-batch.json");
        assertThat(x.verify(Fixtures.post("x", Map.of("x-twitter-webhooks-signature", signature(body)), body), SECRET_SOURCE)).isTrue();
        assertThat(x.verify(Fixtures.post("x", Map.of("X-Twitter-Webhooks-Signature-OAuth2", signature(body)), body), SECRET_SOURCE)).isTrue();
        assertThat(x.verify(Fixtures.post("x", Map.of(
                "X-Twitter-Webhooks-Signature-OAuth2", "sha256=c2lnbmVkIHdpdGggYW5vdGhlciBzZWNyZXQ=",
                "X-Twitter-Webhooks-Signature", signature(body)), body), SECRET_SOURCE)).isTrue();
    }

    @Test
    void wrongMissingOrStaleSignaturesAreRefused() {
        byte[] body = bytes("x/tweet-create-batch.json");
        String wrong = "sha256=" + Base64.getEncoder().encodeToString(Fixtures.hmac("another-secret", body));
        assertThat(x.verify(Fixtures.post("x", Map.of("x-twitter-webhooks-signature", wrong), body), SECRET_SOURCE)).isFalse();
        assertThat(x.verify(Fixtures.post("x", Map.of(), body), SECRET_SOURCE)).isFalse();
        assertThat(x.verify(Fixtures.post("x", Map.of("x-twitter-webhooks-signature", signature(body)),
                Fixtures.altered(body)), SECRET_SOURCE)).isFalse();
        assertThat(x.verify(Fixtures.post("x", Map.of("x-twitter-webhooks-signature", "sha256=not base64!"), body), SECRET_SOURCE)).isFalse();
        // X signs base64, not hex: a hex signature of the right HMAC is still refused.
        assertThat(x.verify(Fixtures.post("x", Map.of("x-twitter-webhooks-signature",
                "sha256=" + Fixtures.hex(Fixtures.hmac("x-consumer-secret", body))), body), SECRET_SOURCE)).isFalse();
    }

    @Test
    void ownLongTweetIsPublishedWithItsFullTextAndFacts() throws Exception {
        ParsedDelivery d = x.parse(bytes("x/tweet-create-own-long.json"));
        assertThat(d.rejected()).isEmpty();
        InboundEvent.PostPublished published = only(d.events(), InboundEvent.PostPublished.class);
        Post p = published.post();
        assertThat(p.key()).isEqualTo(new PostKey(Platform.X, ACCOUNT, "1900000000000000001"));
        assertThat(p.text()).startsWith("Big news from the Oakfield Bakery team: our spring menu lands on Friday & we")
                .endsWith("tell us which one wins. #SpringMenu").doesNotContain("\u2026").doesNotContain("&amp;");
        assertThat(p.client()).isEqualTo("Hootsuite Inc.");
        assertThat(p.mediaTypes()).containsExactly("photo", "photo");
        assertThat(p.language()).isEqualTo("en");
        assertThat(p.createdAt()).isEqualTo(Instant.ofEpochMilli(1772572507000L));
        assertThat(p.permalink()).isEqualTo("https://x.com/OakfieldBakery/status/1900000000000000001");
        assertThat(p.replyTo()).isNull();
        assertThat(p.quoteOf()).isNull();
        assertThat(published.deliveryKey()).isEqualTo("x/" + ACCOUNT + "/tweet/1900000000000000001");
    }

    @Test
    void batchTellsRepliesQuotesAndRetweetsByOthersApartAndKeepsGoingPastABadEntry() throws Exception {
        ParsedDelivery d = x.parse(bytes("x/tweet-create-batch.json"));
        PostKey original = new PostKey(Platform.X, ACCOUNT, "1900000000000000001");
        List<Reaction> reactions = d.events().stream().filter(InboundEvent.ReactionReceived.class::isInstance)
                .map(e -> ((InboundEvent.ReactionReceived) e).reaction()).toList();
        assertThat(reactions).containsExactly(
                new Reaction(original, ReactionKind.REPLY, "1900000000000000010", Instant.ofEpochMilli(1772572800000L),
                        "@OakfieldBakery that rhubarb tart better be real", "811111111111111111"),
                new Reaction(original, ReactionKind.QUOTE, "1900000000000000011", Instant.ofEpochMilli(1772572860000L),
                        "did a bakery just post this?? https://t.co/q1", "822222222222222222"),
                new Reaction(original, ReactionKind.SHARE, "1900000000000000012", Instant.ofEpochMilli(1772572920000L),
                        null, "833333333333333333"));
        Post ownReply = only(d.events(), InboundEvent.PostPublished.class).post();
        assertThat(ownReply.postId()).isEqualTo("1900000000000000014");
        assertThat(ownReply.replyTo()).isEqualTo("1900000000000000010");
        assertThat(ownReply.client()).isEqualTo("Twitter Web App");
        assertThat(d.rejected()).singleElement().asString().contains("tweet_create_events[4]").contains("id_str");
        assertThat(d.ignored()).singleElement().asString().contains("1900000000000000013");
    }

    @Test
    void likeOfTheAccountsTweetIsALikeAndTheAccountsOwnLikesAreIgnored() throws Exception {
        ParsedDelivery d = x.parse(bytes("x/favorite.json"));
        InboundEvent.ReactionReceived like = only(d.events(), InboundEvent.ReactionReceived.class);
        assertThat(like.reaction()).isEqualTo(new Reaction(new PostKey(Platform.X, ACCOUNT, "1900000000000000001"),
                ReactionKind.LIKE, "5d2b6e0f4c1a9e7b3a2f8c1d0e9b7a65", Instant.ofEpochMilli(1772573400000L), null,
                "811111111111111111"));
        assertThat(like.deliveryKey()).isEqualTo("x/" + ACCOUNT + "/like/5d2b6e0f4c1a9e7b3a2f8c1d0e9b7a65");
        assertThat(d.ignored()).hasSize(1);
    }

    @Test
    void deletionIsRecorded() throws Exception {
        InboundEvent.PostDeleted deleted = only(x.parse(bytes("x/tweet-delete.json")).events(), InboundEvent.PostDeleted.class);
        assertThat(deleted.post()).isEqualTo(new PostKey(Platform.X, ACCOUNT, "1900000000000000001"));
        assertThat(deleted.at()).isEqualTo(Instant.ofEpochMilli(1772576000000L));
    }

    @Test
    void activityApiPostCreateIsPublishedWithTheNoteTweetText() throws Exception {
        InboundEvent.PostPublished e = only(x.parse(bytes("x/xaa-post-create.json")).events(), InboundEvent.PostPublished.class);
        Post p = e.post();
        assertThat(p.key()).isEqualTo(new PostKey(Platform.X, ACCOUNT, "1900000000000000020"));
        assertThat(p.text()).endsWith("it meant a lot to the whole team.");
        assertThat(p.createdAt()).isEqualTo(Instant.parse("2026-03-04T08:00:00Z"));
        assertThat(p.mediaTypes()).containsExactly("photo");
        assertThat(p.permalink()).isEqualTo("https://x.com/OakfieldBakery/status/1900000000000000020");
        // The same tweet through Account Activity would carry the same key: stored once.
        assertThat(e.deliveryKey()).isEqualTo("x/" + ACCOUNT + "/tweet/1900000000000000020");
    }

    @Test
    void activityApiReplyByAnotherAccountIsAReply() throws Exception {
        InboundEvent.ReactionReceived r = only(x.parse(bytes("x/xaa-reply-create.json")).events(), InboundEvent.ReactionReceived.class);
        assertThat(r.reaction()).isEqualTo(new Reaction(new PostKey(Platform.X, ACCOUNT, "1900000000000000020"),
                ReactionKind.REPLY, "1900000000000000030", Instant.parse("2026-03-04T08:05:00Z"),
                "@OakfieldBakery saving me two buns please", "866666666666666666"));
    }

    @Test
    void activityApiDeleteUsesTheClockBecauseXGivesNoTime() throws Exception {
        InboundEvent.PostDeleted d = only(x.parse(bytes("x/xaa-post-delete.json")).events(), InboundEvent.PostDeleted.class);
        assertThat(d.post()).isEqualTo(new PostKey(Platform.X, ACCOUNT, "1900000000000000020"));
        assertThat(d.at()).isEqualTo(NOW);
        assertThat(d.deliveryKey()).isEqualTo("x/" + ACCOUNT + "/delete/1900000000000000020");
    }

    @Test
    void anEditOfTheAccountsTweetEditsTheOriginalPostInEitherEnvelope() throws Exception {
        InboundEvent.PostEdited aaa = only(x.parse(bytes("x/tweet-create-edit.json")).events(), InboundEvent.PostEdited.class);
        assertThat(aaa.post().key()).isEqualTo(new PostKey(Platform.X, ACCOUNT, "1900000000000000001"));
        assertThat(aaa.post().text()).contains("Saturday (not Friday, sorry!)");
        assertThat(aaa.post().permalink()).isEqualTo("https://x.com/OakfieldBakery/status/1900000000000000040");
        assertThat(aaa.editedAt()).isEqualTo(Instant.ofEpochMilli(1772574000000L));
        assertThat(aaa.deliveryKey()).isEqualTo("x/" + ACCOUNT + "/tweet/1900000000000000040");

        InboundEvent.PostEdited xaa = only(x.parse(bytes("x/xaa-post-edit.json")).events(), InboundEvent.PostEdited.class);
        assertThat(xaa.post().key()).isEqualTo(new PostKey(Platform.X, ACCOUNT, "1900000000000000020"));
        assertThat(xaa.editedAt()).isEqualTo(Instant.parse("2026-03-04T08:10:00Z"));
    }

    @Test
    void anEditedReplyByAnotherAccountIsTheSameReplyAgainInEitherEnvelope() throws Exception {
        String aaa = """
                {"for_user_id":"%s","tweet_create_events":[{"id_str":"1900000000000000091","created_at":"Wed Mar 04 09:05:00 +0000 2026",
                 "text":"@OakfieldBakery edited words","user":{"id_str":"811111111111111111"},
                 "in_reply_to_user_id_str":"%s","in_reply_to_status_id_str":"1900000000000000001",
                 "edit_history":{"initial_tweet_id":"1900000000000000090","edit_tweet_ids":["1900000000000000090","1900000000000000091"]}}]}"""
                .formatted(ACCOUNT, ACCOUNT);
        Reaction r = only(x.parse(aaa.getBytes(StandardCharsets.UTF_8)).events(), InboundEvent.ReactionReceived.class).reaction();
        assertThat(r.reactionId()).as("counted once, under the id it was first posted with").isEqualTo("1900000000000000090");
        assertThat(r.kind()).isEqualTo(ReactionKind.REPLY);

        String xaa = """
                {"data":{"event_type":"post.reply.create","filter":{"user_id":"%s"},"payload":{"id":"1900000000000000093",
                 "author_id":"811111111111111111","created_at":"2026-03-04T09:06:00Z","text":"@OakfieldBakery edited words",
                 "edit_history_tweet_ids":["1900000000000000092","1900000000000000093"],
                 "referenced_tweets":[{"type":"replied_to","id":"1900000000000000020"}]}}}""".formatted(ACCOUNT);
        Reaction v2 = only(x.parse(xaa.getBytes(StandardCharsets.UTF_8)).events(), InboundEvent.ReactionReceived.class).reaction();
        assertThat(v2.reactionId()).isEqualTo("1900000000000000092");
    }

    @Test
    void otherActivitiesAreAcknowledgedAndIgnored() throws Exception {
        ParsedDelivery d = x.parse("{\"for_user_id\":\"1\",\"follow_events\":[{}]}".getBytes(StandardCharsets.UTF_8));
        assertThat(d.events()).isEmpty();
        assertThat(d.rejected()).isEmpty();
        assertThat(d.ignored()).singleElement().asString().contains("follow_events");
    }

    @Test
    void unreadableBodiesGetAClearMessage() {
        assertThatThrownBy(() -> x.parse("{\"id\": 12XX3}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedDeliveryException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> x.parse("{\"text\":\"a bare tweet\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedDeliveryException.class).hasMessageContaining("for_user_id");
    }
}
