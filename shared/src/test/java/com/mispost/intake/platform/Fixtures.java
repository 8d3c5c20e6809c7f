package com.mispost.intake.platform;

import com.mispost.intake.InboundEvent;
import com.mispost.intake.WebhookRequest;
import com.mispost.secrets.SecretSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The project's own webhook fixtures, the test secrets, and an HMAC written apart from the code under test. */
final class Fixtures {
    static final Map<String, String> SECRETS = Map.of(
            XWebhook.SECRET, "x-consumer-secret",
            MetaWebhook.SECRET, "meta-app-secret",
            MetaWebhook.VERIFY_TOKEN_SECRET, "meta-verify-token",
            LinkedInWebhook.SECRET, "linkedin-client-secret",
            MastodonWebhook.SECRET, "mastodon-webhook-secret",
            "webhook/generic", "generic-secret");
    static final SecretSource SECRET_SOURCE = name -> Optional.ofNullable(SECRETS.get(name));

    static final List<String> ALL = List.of(
            "x/tweet-create-own-long.json", "x/tweet-create-batch.json", "x/tweet-create-edit.json", "x/xaa-post-edit.json", "x/favorite.json", "x/tweet-delete.json",
            "x/xaa-post-create.json", "x/xaa-reply-create.json", "x/xaa-post-delete.json",
            "meta/page-feed-batch.json", "meta/instagram-comments.json",
            "linkedin/comment.json", "linkedin/batch.json",
            "mastodon/status-created.json", "mastodon/status-reply.json", "mastodon/status-updated.json",
            "mastodon/status-boost.json");

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/webhooks/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static WebhookRequest post(String platform, Map<String, String> headers, byte[] body) {
        return new WebhookRequest("POST", platform, Map.of(), headers, body);
    }

    static WebhookRequest get(String platform, Map<String, String> query) {
        return new WebhookRequest("GET", platform, query, Map.of(), new byte[0]);
    }

    @SuppressWarnings("unchecked")
    static <T extends InboundEvent> T only(List<InboundEvent> events, Class<T> type) {
        List<InboundEvent> matching = events.stream().filter(type::isInstance).toList();
        if (matching.size() != 1) throw new AssertionError("expected one " + type.getSimpleName() + " in " + events);
        return (T) matching.get(0);
    }

    static byte[] altered(byte[] body) {
        byte[] copy = body.clone();
        int i = copy.length / 2;
        copy[i] = (byte) (copy[i] == ' ' ? '\t' : ' ');
        return copy;
    }
}
