package com.mispost.store.dynamodb;

import com.mispost.detection.Severity;
import com.mispost.notify.Notice;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A notice kept in the outbox reads back whole, the author of a question included. */
class NoticeItemTest {
    @Test
    void aNoticeRoundTripsThroughItsStoredForm() {
        Instant at = Instant.parse("2026-11-20T22:14:05.123Z");
        Notice question = new Notice("ask-author", "inc-1", "ask-author", Severity.LOW, "Larkspur", "x", "subject", "body",
                "sms", at, "dana.social");
        assertThat(Items.fromJson(Items.toJson(question), Notice.class)).isEqualTo(question);
        Notice alert = new Notice("alert", "inc-1", "alert", Severity.HIGH, "Larkspur", "x", "subject", "body", "sms", at);
        assertThat(Items.fromJson(Items.toJson(alert), Notice.class)).isEqualTo(alert);
    }
}
