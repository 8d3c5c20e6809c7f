package com.mispost.intake.platform;

import com.mispost.intake.InboundEvent;
import com.mispost.intake.MalformedDeliveryException;
import com.mispost.intake.ParsedDelivery;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static com.mispost.intake.platform.Fixtures.SECRET_SOURCE;
import static com.mispost.intake.platform.Fixtures.bytes;
import static com.mispost.intake.platform.Fixtures.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MastodonWebhookTest {
    private static final String BRAND = "109000000000000010";
    private static final PostKey SPRING = new PostKey(Platform.MASTODON, BRAND, "113000000000000001");
    private final MastodonWebhook mastodon = new MastodonWebhook();

    private static String signature(byte[] body) {
        return "sha256=" + Fixtures.hex(Fixtures.hmac("mastodon-webhook-secret", body));
    }

    @Test
    void signatureIsTheHexHmacOfTheBody() {
        byte[] body = bytes("mastodon/status-created.json");
        assertThat(mastodon.verify(Fixtures.post("mastodon", Map.of("X-Hub-Signature", signature(body)), body), SECRET_SOURCE)).isTrue();
        assertThat(mastodon.verify(Fixtures.post("mastodon", Map.of("X-Hub-Signature", signature(body)), Fixtures.altered(body)), SECRET_SOURCE)).isFalse();
        assertThat(mastodon.verify(Fixtures.post("mastodon", Map.of(), body), SECRET_SOURCE)).isFalse();
        assertThat(mastodon.verify(Fixtures.post("mastodon", Map.of("X-Hub-Signature",
                "sha256=" + Fixtures.hex(Fixtures.hmac("wrong", body))), body), SECRET_SOURCE)).isFalse();
    }

    @Test
    void thereIsNoHandshakeSoAGetJustSaysWhoAnswers() {
        assertThat(mastodon.handshake(Fixtures.get("mastodon", Map.of()), SECRET_SOURCE).status()).isEqualTo(200);
    }

    @Test
    void createdStatusIsAPostWithItsHtmlAsText() throws Exception {
        InboundEvent.PostPublished e = only(mastodon.parse(bytes("mastodon/status-created.json")).events(), InboundEvent.PostPublished.class);
        Post p = e.post();
        assertThat(p.key()).isEqualTo(SPRING);
        assertThat(p.text()).isEqualTo("Spring menu day & the ovens are hot!\nLemon buns at 8:30.\n\nDetails: https://oakfield.example/spring #SpringMenu");
        assertThat(p.client()).isEqualTo("Buffer");
        assertThat(p.mediaTypes()).containsExactly("image");
        assertThat(p.language()).isEqualTo("en");
        assertThat(p.permalink()).isEqualTo("https://bakers.example/@oakfield/113000000000000001");
        assertThat(p.createdAt()).isEqualTo(Instant.parse("2026-03-04T09:00:00.950Z"));
        assertThat(e.deliveryKey()).isEqualTo("mastodon/" + BRAND + "/status/113000000000000001/status.created/-");
    }

    @Test
    void replyByAnotherAccountIsTheirPostAndAReplyToTheBrandsStatus() throws Exception {
        ParsedDelivery d = mastodon.parse(bytes("mastodon/status-reply.json"));
        assertThat(only(d.events(), InboundEvent.PostPublished.class).post().accountId()).isEqualTo("109000000000000077");
        InboundEvent.ReactionReceived r = only(d.events(), InboundEvent.ReactionReceived.class);
        assertThat(r.reaction()).isEqualTo(new Reaction(SPRING, ReactionKind.REPLY, "113000000000000002",
                Instant.parse("2026-03-04T09:05:00.100Z"), r.reaction().text(), "109000000000000077"));
        assertThat(r.reaction().text()).endsWith("two buns for me please").doesNotContain("<");
        assertThat(r.deliveryKey()).isEqualTo("mastodon/" + BRAND + "/reply/113000000000000002");
    }

    @Test
    void updatedStatusIsAnEditKeyedOnItsEditTime() throws Exception {
        InboundEvent.PostEdited e = only(mastodon.parse(bytes("mastodon/status-updated.json")).events(), InboundEvent.PostEdited.class);
        assertThat(e.post().key()).isEqualTo(SPRING);
        assertThat(e.post().text()).isEqualTo("Spring menu day & the ovens are hot!\nLemon buns at 9:00 (sorry, a late start).");
        assertThat(e.editedAt()).isEqualTo(Instant.parse("2026-03-04T09:09:58Z"));
        assertThat(e.deliveryKey()).isEqualTo("mastodon/" + BRAND + "/status/113000000000000001/status.updated/2026-03-04T09:09:58.000Z");
    }

    @Test
    void boostOfTheBrandsStatusIsAShareAndNotTheBoostersPost() throws Exception {
        ParsedDelivery d = mastodon.parse(bytes("mastodon/status-boost.json"));
        InboundEvent.ReactionReceived r = only(d.events(), InboundEvent.ReactionReceived.class);
        assertThat(r.reaction().target()).isEqualTo(SPRING);
        assertThat(r.reaction().kind()).isEqualTo(ReactionKind.SHARE);
        assertThat(r.reaction().author()).as("the booster").isEqualTo("109000000000000088");
        // The boosted words are the brand's, not the booster's: a watched booster would learn them as its own voice.
        assertThat(d.events()).hasSize(1);
    }

    @Test
    void otherEventsAreIgnoredAndABareStatusIsExplained() throws Exception {
        assertThat(mastodon.parse("{\"event\":\"report.created\",\"object\":{}}".getBytes(StandardCharsets.UTF_8)).ignored())
                .singleElement().asString().contains("report.created");
        assertThatThrownBy(() -> mastodon.parse("{\"id\":\"1\",\"content\":\"<p>x</p>\",\"account\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedDeliveryException.class).hasMessageContaining("bare Mastodon Status");
        ParsedDelivery noObject = mastodon.parse("{\"event\":\"status.created\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(noObject.rejected()).singleElement().asString().contains("object");
    }
}
