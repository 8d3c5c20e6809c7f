package com.mispost.store.dynamodb;

import com.mispost.detection.Severity;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A notice kept in the outbox reads back whole, the author of a question included, and its kind by its stable name. */
class NoticeItemTest {
    @Test
    void aNoticeRoundTripsThroughItsStoredForm() {
        Instant at = Instant.parse("2026-11-20T22:14:05.123Z");
        Notice question = new Notice("ask-author", "inc-1", NoticeKind.ASK_AUTHOR, Severity.LOW, "Larkspur", "x", "subject", "body",
                "sms", at, "dana.social");
        assertThat(Items.fromJson(Items.toJson(question), Notice.class)).isEqualTo(question);
        Notice alert = new Notice("alert", "inc-1", NoticeKind.ALERT, Severity.HIGH, "Larkspur", "x", "subject", "body", "sms", at);
        assertThat(Items.fromJson(Items.toJson(alert), Notice.class)).isEqualTo(alert);
        assertThat(Items.toJson(alert)).contains("\"kind\":\"alert\"");
    }

    @Test
    void aNoticeStoredBeforeKindsWereTypedStillReads() {
        String stored = "{\"id\":\"draft-approved-1\",\"incidentId\":\"inc-1\",\"kind\":\"draft-approved\",\"severity\":\"LOW\","
                + "\"account\":\"Larkspur\",\"platform\":\"x\",\"subject\":\"s\",\"body\":\"b\",\"sms\":\"m\","
                + "\"createdAt\":\"2026-11-20T22:14:05Z\"}";
        assertThat(Items.fromJson(stored, Notice.class).kind()).isEqualTo(NoticeKind.DRAFT_APPROVED);
    }
}
