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
import java.util.List;
import java.util.Map;

import static com.mispost.intake.platform.Fixtures.SECRET_SOURCE;
import static com.mispost.intake.platform.Fixtures.bytes;
import static com.mispost.intake.platform.Fixtures.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetaWebhookTest {
    private static final String PAGE = "222333444555";
    private static final String IG = "17841400000000001";
    private final MetaWebhook meta = new MetaWebhook(Clock.fixed(Instant.parse("2026-03-05T00:00:00Z"), ZoneOffset.UTC));

    private static String signature(byte[] body) {
        return "sha256=" + Fixtures.hex(Fixtures.hmac("meta-app-secret", body));
    }

    @Test
    void verificationEchoesTheChallengeAsPlainTextWhenTheTokenMatches() {
        WebhookResponse r = meta.handshake(Fixtures.get("meta", Map.of("hub.mode", "subscribe",
                "hub.verify_token", "meta-verify-token", "hub.challenge", "1158201444")), SECRET_SOURCE);
        assertThat(r).isEqualTo(new WebhookResponse(200, "text/plain", "1158201444"));
    }

    @Test
    void verificationWithAWrongTokenIsForbiddenAndAnIncompleteOneIsABadRequest() {
        WebhookResponse wrong = meta.handshake(Fixtures.get("meta", Map.of("hub.mode", "subscribe",
                "hub.verify_token", "guess", "hub.challenge", "1158201444")), SECRET_SOURCE);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("1158201444").doesNotContain("meta-verify-token");
        assertThat(meta.handshake(Fixtures.get("meta", Map.of("hub.verify_token", "meta-verify-token")), SECRET_SOURCE).status())
                .isEqualTo(400);
    }

    @Test
    void theChallengeEchoedIsNeverMarkup() {
        WebhookResponse r = meta.handshake(Fixtures.get("meta", Map.of("hub.mode", "subscribe",
                "hub.verify_token", "meta-verify-token", "hub.challenge", "<script>alert(1)</script>")), SECRET_SOURCE);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("<script>");
    }

    @Test
    void signatureIsTheHexHmacOfTheRawBody() {
        byte[] body = bytes("meta/page-feed-batch.json");
        assertThat(meta.verify(Fixtures.post("meta", Map.of("X-Hub-Signature-256", signature(body)), body), SECRET_SOURCE)).isTrue();
        assertThat(meta.verify(Fixtures.post("meta", Map.of("x-hub-signature-256", signature(body)), body), SECRET_SOURCE)).isTrue();
        assertThat(meta.verify(Fixtures.post("meta", Map.of("X-Hub-Signature-256", signature(body)), Fixtures.altered(body)), SECRET_SOURCE)).isFalse();
        assertThat(meta.verify(Fixtures.post("meta", Map.of(), body), SECRET_SOURCE)).isFalse();
        assertThat(meta.verify(Fixtures.post("meta", Map.of("X-Hub-Signature-256",
                "sha256=" + Fixtures.hex(Fixtures.hmac("not-the-app-secret", body))), body), SECRET_SOURCE)).isFalse();
        // The SHA-1 header Meta also sends is not accepted in place of the SHA-256 one.
        assertThat(meta.verify(Fixtures.post("meta", Map.of("X-Hub-Signature", signature(body)), body), SECRET_SOURCE)).isFalse();
    }

    @Test
    void pageFeedBatchReadsEveryChangeAndReportsTheBadOne() throws Exception {
        ParsedDelivery d = meta.parse(bytes("meta/page-feed-batch.json"));
        PostKey spring = new PostKey(Platform.META, PAGE, "222333444555_900001");

        List<InboundEvent.PostPublished> published = d.events().stream()
                .filter(InboundEvent.PostPublished.class::isInstance).map(InboundEvent.PostPublished.class::cast).toList();
        assertThat(published).hasSize(2);
        Post status = published.get(0).post();
        assertThat(status.key()).isEqualTo(spring);
        assertThat(status.text()).isEqualTo("Spring menu day! Doors open at 8.");
        assertThat(status.createdAt()).isEqualTo(Instant.ofEpochSecond(1772599990));
        assertThat(status.permalink()).isEqualTo("https://www.facebook.com/222333444555_900001");
        assertThat(published.get(0).deliveryKey()).isEqualTo("meta/" + PAGE + "/post/222333444555_900001/add/1772599990");

        Post ownComment = published.get(1).post();
        assertThat(ownComment.postId()).isEqualTo("900001_55502");
        assertThat(ownComment.replyTo()).isEqualTo("900001_55501");
        assertThat(ownComment.text()).isEqualTo("Can't wait to see you, Dana!");
        assertThat(ownComment.permalink()).isEqualTo("https://www.facebook.com/222333444555_900001");

        List<Reaction> reactions = d.events().stream().filter(InboundEvent.ReactionReceived.class::isInstance)
                .map(e -> ((InboundEvent.ReactionReceived) e).reaction()).toList();
        assertThat(reactions).containsExactly(
                new Reaction(spring, ReactionKind.COMMENT, "900001_55501", Instant.ofEpochSecond(1772600005), "See you there!", "777000111"),
                new Reaction(spring, ReactionKind.LIKE, "777000222:222333444555_900001", Instant.ofEpochSecond(1772600007), null, "777000222"),
                new Reaction(spring, ReactionKind.SHARE, "777000444_123", Instant.ofEpochSecond(1772600102), null, "777000444"));

        InboundEvent.PostEdited edited = only(d.events(), InboundEvent.PostEdited.class);
        assertThat(edited.post().postId()).isEqualTo("222333444555_900002");
        assertThat(edited.post().mediaTypes()).containsExactly("photo");
        assertThat(edited.editedAt()).isEqualTo(Instant.ofEpochSecond(1772600100));

        InboundEvent.PostDeleted deleted = only(d.events(), InboundEvent.PostDeleted.class);
        assertThat(deleted.post()).isEqualTo(new PostKey(Platform.META, PAGE, "222333444555_900003"));

        assertThat(d.rejected()).singleElement().asString().contains("entry[0].changes[4]").contains("post_id");
        assertThat(d.ignored()).hasSize(2).anySatisfy(s -> assertThat(s).contains("like remove"))
                .anySatisfy(s -> assertThat(s).contains("mention"));
    }

    @Test
    void instagramCommentsByOthersAreReactionsAndTheAccountsOwnAreItsPosts() throws Exception {
        ParsedDelivery d = meta.parse(bytes("meta/instagram-comments.json"));
        InboundEvent.ReactionReceived comment = only(d.events(), InboundEvent.ReactionReceived.class);
        assertThat(comment.reaction()).isEqualTo(new Reaction(new PostKey(Platform.META, IG, "18000000000000001"),
                ReactionKind.COMMENT, "18100000000000001", Instant.ofEpochSecond(1772600200), "these buns!!",
                "17841400000000777"));
        Post reply = only(d.events(), InboundEvent.PostPublished.class).post();
        assertThat(reply.key()).isEqualTo(new PostKey(Platform.META, IG, "18100000000000002"));
        assertThat(reply.replyTo()).isEqualTo("18100000000000001");
        assertThat(d.ignored()).singleElement().asString().contains("mentions");
    }

    @Test
    void otherObjectsAreIgnoredAndBodiesWithoutEntriesAreMalformed() throws Exception {
        assertThat(meta.parse("{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8)).ignored())
                .singleElement().asString().contains("whatsapp_business_account");
        assertThatThrownBy(() -> meta.parse("{\"object\":\"page\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedDeliveryException.class).hasMessageContaining("entry");
    }

    @Test
    void unpublishedPostsWaitUntilTheyAreOut() throws Exception {
        String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":1772600000,\"changes\":[{\"field\":\"feed\",\"value\":"
                + "{\"from\":{\"id\":\"1\"},\"item\":\"status\",\"verb\":\"add\",\"post_id\":\"1_2\",\"published\":0,\"created_time\":1772600000}}]}]}";
        ParsedDelivery d = meta.parse(body.getBytes(StandardCharsets.UTF_8));
        assertThat(d.events()).isEmpty();
        assertThat(d.ignored()).singleElement().asString().contains("not published");
    }
}
