package com.mispost.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Answers are JSON whatever the message holds: quotes, backslashes, line breaks, control characters. */
class WebhookResponseTest {
    @Test
    void anErrorMessageReadsBackExactly() throws Exception {
        String message = "the field \"text\" is not C:\\text\nsee\u0001 é";
        WebhookResponse r = WebhookResponse.error(400, message);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(new ObjectMapper().readTree(r.body()).path("error").asText()).isEqualTo(message);
    }

    @Test
    void aHandshakeWithoutOneIsAnsweredWithAJsonObject() throws Exception {
        WebhookResponse r = new GenericWebhook().handshake(new WebhookRequest("GET", "generic", null, null, null), null);
        assertThat(new ObjectMapper().readTree(r.body()).path("ok").asBoolean()).isTrue();
    }
}
