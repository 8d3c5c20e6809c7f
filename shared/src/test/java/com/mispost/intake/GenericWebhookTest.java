package com.mispost.intake;

import com.mispost.post.Platform;
import com.mispost.post.ReactionKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenericWebhookTest {
    private final GenericWebhook generic = new GenericWebhook();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSinglePostIsNormalised() throws Exception {
        ParsedDelivery d = generic.parse(b("""
                {"type":"post","platform":"x","account":"42","post":{"id":"7","text":"hello","author":"sam",
                 "client":"Hootsuite","media":["photo"],"lang":"en","url":"https://x.com/i/web/status/7",
                 "created_at":"2026-11-20T10:00:00Z"}}"""));
        assertThat(d.rejected()).isEmpty();
        var post = ((InboundEvent.PostPublished) d.events().get(0)).post();
        assertThat(post.platform()).isEqualTo(Platform.X);
        assertThat(post.accountId()).isEqualTo("42");
        assertThat(post.author()).isEqualTo("sam");
        assertThat(post.mediaTypes()).containsExactly("photo");
        assertThat(post.createdAt()).hasToString("2026-11-20T10:00:00Z");
    }

    @Test
    void oneBadEntryInABatchDoesNotDropTheOthers() throws Exception {
        ParsedDelivery d = generic.parse(b("""
                {"events":[
                  {"type":"reaction","platform":"x","account":"42","reaction":{"id":"r1","kind":"reply","post_id":"7"}},
                  {"type":"reaction","platform":"x","account":"42","reaction":{"id":"r2","kind":"hug","post_id":"7"}},
                  {"type":"delete","platform":"x","account":"42","post_id":"7"}]}"""));
        assertThat(d.events()).hasSize(2);
        assertThat(((InboundEvent.ReactionReceived) d.events().get(0)).reaction().kind()).isEqualTo(ReactionKind.REPLY);
        assertThat(d.rejected()).singleElement().asString().contains("events[1]").contains("unknown kind 'hug'");
    }

    @Test
    void aReplyKeepsWhatThePersonWroteAndALikeHasNoText() throws Exception {
        ParsedDelivery d = generic.parse(b("""
                {"events":[
                  {"type":"reaction","platform":"x","account":"42","reaction":{"id":"r1","kind":"reply","post_id":"7","text":"where is my order??"}},
                  {"type":"reaction","platform":"x","account":"42","reaction":{"id":"r2","kind":"like","post_id":"7","text":"  "}}]}"""));
        assertThat(((InboundEvent.ReactionReceived) d.events().get(0)).reaction().text()).isEqualTo("where is my order??");
        assertThat(((InboundEvent.ReactionReceived) d.events().get(1)).reaction().text()).isNull();
    }

    @Test
    void aReactionSaysWhoReactedWhenTheRelayKnows() throws Exception {
        ParsedDelivery d = generic.parse(b("""
                {"events":[
                  {"type":"reaction","platform":"x","account":"42","reaction":{"id":"r1","kind":"reply","post_id":"7","text":"wrong account?","author":"8100000001"}},
                  {"type":"reaction","platform":"x","account":"42","reaction":{"id":"r2","kind":"reply","post_id":"7","text":"delete this","author":" "}},
                  {"type":"reaction","platform":"x","account":"42","reaction":{"id":"r3","kind":"like","post_id":"7"}}]}"""));
        assertThat(d.events()).extracting(e -> ((InboundEvent.ReactionReceived) e).reaction().author())
                .containsExactly("8100000001", null, null);
    }

    @Test
    void unreadableBodiesGetAMessageThatSaysWhatIsWrong() {
        assertThatThrownBy(() -> generic.parse(b(""))).hasMessageContaining("empty");
        assertThatThrownBy(() -> generic.parse(b("[1,2]"))).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> generic.parse(b("{\"a\":"))).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> generic.parse(new byte[]{'{', '"', (byte) 0xc3, (byte) 0x28, '"', ':', '1', '}'}))
                .isInstanceOf(MalformedDeliveryException.class);
        assertThatThrownBy(() -> generic.parse(b("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}")))
                .hasMessageContaining("nested deeper");
        assertThatThrownBy(() -> generic.parse(b("{\"events\":\"no\"}"))).hasMessageContaining("must be an array");
    }

    @Test
    void theSignatureIsCheckedOverTheRawBody() {
        byte[] body = b("{\"type\":\"post\"}");
        var secrets = (com.mispost.secrets.SecretSource) name -> java.util.Optional.of("s3cret");
        String good = SignatureVerifier.signHex("s3cret", body);
        assertThat(generic.verify(new WebhookRequest("POST", "generic", Map.of(),
                Map.of("x-mispost-signature", good), body), secrets)).isTrue();
        assertThat(generic.verify(new WebhookRequest("POST", "generic", Map.of(),
                Map.of("X-Mispost-Signature", good), b("{\"type\":\"post\" }")), secrets)).isFalse();
        assertThat(generic.verify(new WebhookRequest("POST", "generic", Map.of(), Map.of(), body), secrets)).isFalse();
        assertThat(generic.verify(new WebhookRequest("POST", "generic", Map.of(),
                Map.of("X-Mispost-Signature", "sha256=zz"), body), secrets)).isFalse();
    }

    @Test
    void trailingJsonAndDuplicateKeysAreRefused() {
        assertThatThrownBy(() -> generic.parse(b("{\"type\":\"delete\",\"platform\":\"x\",\"account\":\"1\",\"post_id\":\"2\"} {\"a\":1}")))
                .isInstanceOf(MalformedDeliveryException.class).hasMessageContaining("after the JSON object");
        assertThatThrownBy(() -> generic.parse(b("{\"type\":\"delete\",\"type\":\"post\",\"platform\":\"x\"}")))
                .isInstanceOf(MalformedDeliveryException.class).hasMessageContaining("'type' twice");
    }

    @Test
    void invalidUtf8IsRefusedRatherThanReadAsSomethingElse() {
        // C0 AF is an overlong "/": a lenient reader sees a slash where the signed bytes hold none.
        byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        assertThatThrownBy(() -> generic.parse(overlong)).isInstanceOf(MalformedDeliveryException.class)
                .hasMessageContaining("not valid UTF-8").hasMessageContaining("byte 6");
    }

    @Test
    void loneSurrogatesAreRefused() {
        assertThatThrownBy(() -> generic.parse(b("""
                {"type":"post","platform":"x","account":"42","post":{"id":"7","text":"half an emoji \\ud83d"}}""")))
                .isInstanceOf(MalformedDeliveryException.class).hasMessageContaining("surrogate");
    }

    @Test
    void timesOutsideAPlausibleRangeAreRejected() throws Exception {
        ParsedDelivery d = generic.parse(b("""
                {"events":[
                  {"type":"reaction","platform":"x","account":"42","reaction":{"id":"r1","kind":"like","post_id":"7","at":"+999999999-12-31T23:59:59Z"}},
                  {"type":"reaction","platform":"x","account":"42","reaction":{"id":"r2","kind":"like","post_id":"7","at":"0001-01-01T00:00:00Z"}},
                  {"type":"reaction","platform":"x","account":"42","reaction":{"id":"r3","kind":"like","post_id":"7","at":"2026-11-20T10:00:00Z"}}]}"""));
        assertThat(d.events()).hasSize(1);
        assertThat(d.rejected()).hasSize(2).allSatisfy(r -> assertThat(r).contains("'at'").contains("between 2000 and 2100"));
    }

    @Test
    void errorsQuoteAtMostAShortPieceOfABadValue() throws Exception {
        String kind = "k".repeat(5000);
        ParsedDelivery d = generic.parse(b("{\"type\":\"reaction\",\"platform\":\"x\",\"account\":\"42\",\"reaction\":"
                + "{\"id\":\"r1\",\"kind\":\"" + kind + "\",\"post_id\":\"7\"}}"));
        assertThat(d.rejected()).singleElement().satisfies(r -> assertThat(r.length()).isLessThan(200));
        ParsedDelivery t = generic.parse(b("{\"type\":\"reaction\",\"platform\":\"" + kind + "\",\"account\":\"42\"}"));
        assertThat(t.rejected()).singleElement().satisfies(r -> assertThat(r.length()).isLessThan(200));
        ParsedDelivery time = generic.parse(b("{\"type\":\"delete\",\"platform\":\"x\",\"account\":\"42\",\"post_id\":\"7\","
                + "\"at\":\"" + kind + "\"}"));
        assertThat(time.rejected()).singleElement().satisfies(r -> assertThat(r.length()).isLessThan(200));
    }
}
