package com.mispost.usecase;

import com.mispost.detection.Assessment;
import com.mispost.detection.Severity;
import com.mispost.incident.Incident;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.inmemory.InMemoryIncidentStore;
import com.mispost.inmemory.RecordingStaffNotifier;
import com.mispost.links.ActionLinks;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeComposer;
import com.mispost.notify.NoticeKind;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.time.SettableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A notice SNS refuses for now stays in the outbox, and a later flush sends it, once; one SNS will
 * never take, or one refused for too long, fails for good: recorded, counted, and its short form sent.
 */
class OutboxTest {
    private static final Instant T0 = Instant.parse("2026-11-20T22:14:05Z");
    private final SettableClock clock = new SettableClock(T0);
    private final InMemoryIncidentStore incidents = new InMemoryIncidentStore();
    private final RecordingStaffNotifier sns = new RecordingStaffNotifier();
    private final List<String> metrics = new ArrayList<>();
    private final MetricsRecorder recorder = (name, value, unit, dims) -> metrics.add(name + " " + new TreeMap<>(dims));
    private final NoticeComposer composer = new NoticeComposer(new ActionLinks(name -> Optional.of("outbox-test-link-key-0123"),
            Duration.ofDays(1)));
    private final Outbox outbox = new Outbox(incidents, sns, composer, recorder, clock);

    private Notice opened() {
        Post post = new Post(Platform.X, "42", "7", null, "out tonight", T0, null, null, null, List.of(), "en", null);
        Incident incident = Incident.open(post, new Assessment(0.9, Severity.HIGH, List.of(), "Capture it."), T0);
        Notice alert = new Notice("alert", incident.id(), NoticeKind.ALERT, Severity.HIGH, "Larkspur", "x",
                "[HIGH] Possible mispost on Larkspur (x)", "b", "m", T0);
        incidents.open(incident, "https://api.example", new TimelineEntry(T0, TimelineEvent.OPENED, "detector", null), alert);
        return alert;
    }

    @Test
    void aRefusedNoticeStaysPendingUntilAFlushSendsIt() {
        Notice alert = opened();
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
        assertThat(metrics).isEmpty();
    }

    @Test
    void aNoticeSnsWillNeverTakeFailsForGoodAndItsShortFormGoesOutInstead() {
        Notice alert = opened();
        sns.refuseForGood(n -> n.id().equals("alert"));

        assertThat(outbox.send(alert)).isFalse();

        assertThat(incidents.failure(alert)).hasValueSatisfying(why -> assertThat(why).contains("Message too long"));
        assertThat(sns.published()).singleElement().satisfies(n -> {
            assertThat(n.id()).isEqualTo("alert-short");
            assertThat(n.kind()).as("it reaches whoever the alert was for").isEqualTo(NoticeKind.ALERT);
            assertThat(n.body()).contains("Possible mispost on Larkspur")
                    .contains("Incident page: https://api.example/incidents/" + alert.incidentId());
        });
        assertThat(incidents.pendingNotices()).as("nothing is left to retry").isEmpty();
        assertThat(incidents.timeline(alert.incidentId())).extracting(TimelineEntry::event).contains(TimelineEvent.NOTICE_FAILED);
        assertThat(metrics).containsExactly("NoticesFailed {Kind=alert, Refusal=refused}");

        clock.advance(Duration.ofMinutes(5));
        assertThat(outbox.flush(clock.instant())).as("no sweep tries it again").isZero();
    }

    @Test
    void aShortFormSnsRefusesTooFailsWithoutAnotherShortForm() {
        Notice alert = opened();
        sns.refuseForGood(n -> true);

        outbox.send(alert);

        assertThat(sns.published()).isEmpty();
        assertThat(incidents.pendingNotices()).isEmpty();
        assertThat(metrics).containsExactly("NoticesFailed {Kind=alert, Refusal=refused}", "NoticesFailed {Kind=alert, Refusal=refused}");
    }

    @Test
    void aNoticeRefusedForLongerThanTheLimitIsGivenUpCountedAndShortened() {
        Notice alert = opened();
        sns.refuse(true);
        clock.advance(Outbox.GIVE_UP_AFTER.minusMinutes(1));
        assertThat(outbox.flush(clock.instant())).isZero();
        assertThat(incidents.pendingNotices()).as("still within the limit").containsExactly(alert);

        clock.advance(Duration.ofMinutes(1));
        outbox.flush(clock.instant());

        assertThat(incidents.failure(alert)).hasValueSatisfying(why -> assertThat(why).contains("kept refusing it for 6 h"));
        assertThat(metrics).containsExactly("NoticesFailed {Kind=alert, Refusal=expired}");
        assertThat(incidents.pendingNotices()).extracting(Notice::id).as("its short form waits for SNS in its place")
                .containsExactly("alert-short");
        sns.refuse(false);
        assertThat(outbox.flush(clock.instant())).isEqualTo(1);
        assertThat(sns.published()).extracting(Notice::id).containsExactly("alert-short");
    }
}
