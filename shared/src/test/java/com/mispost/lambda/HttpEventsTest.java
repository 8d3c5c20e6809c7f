package com.mispost.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class HttpEventsTest {
    @Test
    void repeatedQueryParametersKeepTheirFirstValueFromTheRawQueryString() {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRawQueryString("crc_token=a%2Bb%3D&x=1&x=2&flag");
        assertThat(HttpEvents.query(e)).containsEntry("crc_token", "a+b=").containsEntry("x", "1").containsEntry("flag", "");
    }

    @Test
    void aBase64BodyIsDecodedToTheExactBytesSent() {
        byte[] raw = {(byte) 0xff, 0x00, 0x7b};
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setBody(Base64.getEncoder().encodeToString(raw));
        e.setIsBase64Encoded(true);
        assertThat(HttpEvents.body(e)).containsExactly(raw);
        e.setBody("{\"a\":\"é\"}");
        e.setIsBase64Encoded(false);
        assertThat(HttpEvents.body(e)).isEqualTo("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingBodyIsEmpty() {
        assertThat(HttpEvents.body(new APIGatewayV2HTTPEvent())).isEmpty();
    }
}
