package com.mispost.notify.sns;

import com.mispost.detection.Severity;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SnsStaffNotifierTest {
    private final Instant now = Instant.parse("2026-11-20T22:14:05Z");

    @Test
    void aQuestionToTheAuthorCarriesTheirNameForASubscriptionToFilterOn() {
        Notice question = new Notice("ask-author", "inc-1", NoticeKind.ASK_AUTHOR, Severity.LOW, "Larkspur", "x", "Did you mean it?",
                "body", "sms", now, "dana.social");
        assertThat(SnsStaffNotifier.attributes(question).get("author").stringValue()).isEqualTo("dana.social");
        assertThat(SnsStaffNotifier.attributes(question).get("kind").stringValue()).isEqualTo("ask-author");
        assertThat(SnsStaffNotifier.message(question)).contains("\\\"author\\\":\\\"dana.social\\\"");
    }

    @Test
    void noticesForAllStaffNameNoAuthor() {
        Notice alert = new Notice("alert", "inc-1", NoticeKind.ALERT, Severity.HIGH, "Larkspur", "x", "s", "b", "sms", now);
        assertThat(SnsStaffNotifier.attributes(alert)).doesNotContainKey("author");
        assertThat(SnsStaffNotifier.message(alert)).doesNotContain("author");
    }
}
