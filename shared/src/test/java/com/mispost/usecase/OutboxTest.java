package com.mispost.usecase;

import com.mispost.detection.Severity;
import com.mispost.incident.Incident;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.detection.Assessment;
import com.mispost.inmemory.InMemoryIncidentStore;
import com.mispost.inmemory.RecordingStaffNotifier;
import com.mispost.time.SettableClock;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeKind;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A notice SNS refuses stays in the outbox, and a later flush sends it, once. */
class OutboxTest {
    private static final Instant T0 = Instant.parse("2026-11-20T22:14:05Z");
    private final SettableClock clock = new SettableClock(T0);
    private final InMemoryIncidentStore incidents = new InMemoryIncidentStore();
    private final RecordingStaffNotifier sns = new RecordingStaffNotifier();
    private final Outbox outbox = new Outbox(incidents, sns, clock);

    @Test
    void aRefusedNoticeStaysPendingUntilAFlushSendsIt() {
        Post post = new Post(Platform.X, "42", "7", null, "out tonight", T0, null, null, null, List.of(), "en", null);
        Incident incident = Incident.open(post, new Assessment(0.9, Severity.HIGH, List.of(), "Capture it."), T0);
        Notice alert = new Notice("alert", incident.id(), NoticeKind.ALERT, Severity.HIGH, "Larkspur", "x", "s", "b", "m", T0);
        incidents.open(incident, "http://local", new TimelineEntry(T0, TimelineEvent.OPENED, "detector", null), alert);

        sns.refuse(true);
        assertThat(outbox.send(alert)).isFalse();
        assertThat(incidents.pendingNotices()).containsExactly(alert);

        sns.refuse(false);
        clock.advance(Duration.ofMinutes(1));
        assertThat(outbox.flush(T0.minusSeconds(1))).as("written after the cut-off: left to its writer").isZero();
        assertThat(outbox.flush(T0)).isEqualTo(1);
        assertThat(sns.published()).containsExactly(alert);
        assertThat(incidents.pendingNotices()).isEmpty();
        assertThat(outbox.send(alert)).as("never sent twice").isFalse();
    }
}
