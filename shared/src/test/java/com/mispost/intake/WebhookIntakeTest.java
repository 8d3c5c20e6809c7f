package com.mispost.intake;

import com.mispost.intake.platform.PlatformWebhooks;
import com.mispost.secrets.SecretSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import com.mispost.metrics.MetricsRecorder;
import com.mispost.watch.DeliveryWatch;
import com.mispost.watch.SilencePolicy;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** What intake answers before anything is stored: these paths never reach the stores, so none are given. */
class WebhookIntakeTest {
    private static final SecretSource SECRETS = name -> Optional.of("s3cret");
    /** Answers that never reach the stores never reach the heartbeats either: none are given. */
    private final WebhookIntake intake = new WebhookIntake(PlatformWebhooks.standard(), SECRETS, null, null, null,
            new DeliveryWatch(null, MetricsRecorder.NONE, SilencePolicy.of(null, null), Clock.systemUTC()));

    private WebhookResponse post(String path, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return intake.handle(new WebhookRequest("POST", path, Map.of(), Map.of("Content-Type", contentType,
                GenericWebhook.SIGNATURE_HEADER, SignatureVerifier.signHex("s3cret", bytes)), bytes));
    }

    @Test
    void onlyJsonIsJson() {
        assertThat(post("generic", "application/jsonp", "{").status()).isEqualTo(415);
        assertThat(post("generic", "application/json-patch+json", "{").status()).isEqualTo(415);
        assertThat(post("generic", "application/json; charset=latin1", "{").status()).isEqualTo(415);
        // Past the type check, this body is unreadable: 400, not 415.
        assertThat(post("generic", "application/json", "{").status()).isEqualTo(400);
        assertThat(post("generic", "Application/JSON; charset=UTF-8", "{").status()).isEqualTo(400);
        assertThat(post("generic", "application/json;charset=\"utf-8\"", "{").status()).isEqualTo(400);
    }

    @Test
    void errorsDoNotEchoWholeBadValues() {
        String junk = "j".repeat(5000);
        WebhookResponse type = post("generic", "text/" + junk, "{}");
        assertThat(type.status()).isEqualTo(415);
        assertThat(type.body().length()).isLessThan(300);
        WebhookResponse platform = post(junk, "application/json", "{}");
        assertThat(platform.status()).isEqualTo(404);
        assertThat(platform.body().length()).isLessThan(400);
        StringBuilder bad = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 1000; i++) bad.append(i == 0 ? "" : ",").append("{\"type\":\"hug\",\"platform\":\"x\",\"account\":\"1\"}");
        WebhookResponse everyEventBad = post("generic", "application/json", bad.append("]}").toString());
        assertThat(everyEventBad.status()).isEqualTo(400);
        assertThat(everyEventBad.body()).contains("events[19]").doesNotContain("events[20]").contains("and 980 more rejected");
    }
}
