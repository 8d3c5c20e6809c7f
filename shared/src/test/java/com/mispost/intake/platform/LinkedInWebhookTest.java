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
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.mispost.intake.platform.Fixtures.SECRET_SOURCE;
import static com.mispost.intake.platform.Fixtures.bytes;
import static com.mispost.intake.platform.Fixtures.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkedInWebhookTest {
    private static final String ORG = "urn:li:organization:4242";
    private static final PostKey SPRING = new PostKey(Platform.LINKEDIN, ORG, "urn:li:activity:7300000000000000002");
    private final LinkedInWebhook linkedIn = new LinkedInWebhook();

    /** The documented input: "hmacsha256=" followed by the raw body. */
    private static String signature(byte[] body) {
        byte[] prefixed = new byte[11 + body.length];
        System.arraycopy("hmacsha256=".getBytes(StandardCharsets.US_ASCII), 0, prefixed, 0, 11);
        System.arraycopy(body, 0, prefixed, 11, body.length);
        return Fixtures.hex(Fixtures.hmac("linkedin-client-secret", prefixed));
    }

    @Test
    void challengeIsAnsweredWithTheHexHmacOfTheCode() {
        String code = "890e4665-4dfe-4ab1-b689-ed553bceeed0";
        WebhookResponse r = linkedIn.handshake(Fixtures.get("linkedin", Map.of("challengeCode", code)), SECRET_SOURCE);
        String expected = Fixtures.hex(Fixtures.hmac("linkedin-client-secret", code.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.body()).isEqualTo("{\"challengeCode\":\"" + code + "\",\"challengeResponse\":\"" + expected + "\"}");
        assertThat(linkedIn.handshake(Fixtures.get("linkedin", Map.of()), SECRET_SOURCE).status()).isEqualTo(400);
    }

    @Test
    void theChallengeSignsNothingThatCouldBeADelivery() {
        // LinkedIn signs "hmacsha256=" + body, so that string as a challengeCode would return a delivery's signature.
        String delivery = "{\"notificationId\":1,\"action\":\"LIKE\",\"organizationalEntity\":\"urn:li:organization:5\"}";
        for (String code : List.of("hmacsha256=" + delivery, delivery, "hmacsha256=", "a".repeat(200))) {
            WebhookResponse r = linkedIn.handshake(Fixtures.get("linkedin", Map.of("challengeCode", code)), SECRET_SOURCE);
            assertThat(r.status()).as(code).isEqualTo(400);
            assertThat(r.body()).contains("challengeCode").doesNotContain("challengeResponse").doesNotContain("urn:li");
        }
    }

    @Test
    void signatureIsCheckedOverThePrefixedBody() {
        byte[] body = bytes("linkedin/batch.json");
        assertThat(linkedIn.verify(Fixtures.post("linkedin", Map.of("X-LI-Signature", signature(body)), body), SECRET_SOURCE)).isTrue();
        assertThat(linkedIn.verify(Fixtures.post("linkedin", Map.of("x-li-signature", "hmacsha256=" + signature(body)), body), SECRET_SOURCE)).isTrue();
        assertThat(linkedIn.verify(Fixtures.post("linkedin", Map.of("X-LI-Signature", signature(body).toUpperCase()), body), SECRET_SOURCE)).isTrue();
        // The undocumented form (HMAC of the bare body) is refused.
        assertThat(linkedIn.verify(Fixtures.post("linkedin", Map.of("X-LI-Signature",
                Fixtures.hex(Fixtures.hmac("linkedin-client-secret", body))), body), SECRET_SOURCE)).isFalse();
        assertThat(linkedIn.verify(Fixtures.post("linkedin", Map.of("X-LI-Signature", signature(body)), Fixtures.altered(body)), SECRET_SOURCE)).isFalse();
        assertThat(linkedIn.verify(Fixtures.post("linkedin", Map.of(), body), SECRET_SOURCE)).isFalse();
        assertThat(linkedIn.verify(Fixtures.post("linkedin", Map.of("X-LI-Signature", "zz" + signature(body).substring(2)), body), SECRET_SOURCE)).isFalse();
    }

    @Test
    void aSingleCommentNotificationIsACommentOnTheSourcePost() throws Exception {
        ParsedDelivery d = linkedIn.parse(bytes("linkedin/comment.json"));
        InboundEvent.ReactionReceived r = only(d.events(), InboundEvent.ReactionReceived.class);
        assertThat(r.reaction()).isEqualTo(new Reaction(SPRING, ReactionKind.COMMENT,
                "urn:li:comment:(urn:li:activity:7300000000000000002,7300000000000000003)", Instant.ofEpochMilli(1772601000000L),
                "Congratulations to the whole team!", "urn:li:person:XyZ987"));
        assertThat(r.deliveryKey()).isEqualTo("linkedin/" + ORG + "/notification/9100000001");
    }

    @Test
    void batchReadsLikesSharesAndTheOrganizationsOwnCommentAndReportsTheBadElement() throws Exception {
        ParsedDelivery d = linkedIn.parse(bytes("linkedin/batch.json"));
        List<Reaction> reactions = d.events().stream().filter(InboundEvent.ReactionReceived.class::isInstance)
                .map(e -> ((InboundEvent.ReactionReceived) e).reaction()).toList();
        assertThat(reactions).extracting(Reaction::kind).containsExactly(ReactionKind.LIKE, ReactionKind.SHARE);
        assertThat(reactions).extracting(Reaction::author).as("a like names no liker; a share its owner")
                .containsExactly(null, "urn:li:person:Rs2");
        Post own = only(d.events(), InboundEvent.PostPublished.class).post();
        assertThat(own.text()).isEqualTo("Thanks everyone for the kind words!");
        assertThat(own.replyTo()).isEqualTo(SPRING.postId());
        assertThat(own.permalink()).isEqualTo("https://www.linkedin.com/feed/update/urn:li:activity:7300000000000000002");
        assertThat(d.ignored()).singleElement().asString().contains("SHARE_MENTION");
        assertThat(d.rejected()).singleElement().asString().contains("notifications[4]").contains("notificationId");
    }

    @Test
    void otherBodiesAreMalformed() {
        assertThatThrownBy(() -> linkedIn.parse("{\"hello\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedDeliveryException.class).hasMessageContaining("notificationId");
        assertThatThrownBy(() -> linkedIn.parse("{\"notifications\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedDeliveryException.class).hasMessageContaining("must be an array");
    }
}
