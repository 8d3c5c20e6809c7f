package com.mispost.local;

import com.mispost.account.Account;
import com.mispost.detection.Assessment;
import com.mispost.detection.Evidence;
import com.mispost.detection.Reason;
import com.mispost.detection.Severity;
import com.mispost.incident.Incident;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.links.ActionLinks;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.Notice;
import com.mispost.notify.NoticeComposer;
import com.mispost.notify.NoticeKind;
import com.mispost.notify.sns.SnsStaffNotifier;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.store.dynamodb.DynamoDbIncidentStore;
import com.mispost.usecase.Outbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against moto's SNS and SQS: an alert for a post within the text limit but made of the characters
 * JSON escapes most reaches the staff queue; and a notice SNS refuses as too long (as an earlier
 * version could write) is not retried for ever: it fails, and its short form reaches the queue.
 */
class NoticeSizeIntegrationTest {
    private static final AccountKey BRAND = new AccountKey(Platform.X, "brand-size");

    private LocalAws aws;
    private StaffInbox inbox;
    private Thread inboxThread;
    private DynamoDbIncidentStore incidents;
    private NoticeComposer notices;
    private Outbox outbox;
    private final List<String> metrics = new ArrayList<>();

    @BeforeEach
    void wire() {
        aws = Moto.provisioned();
        inbox = new StaffInbox(aws.sqs, aws.inboxQueueUrl);
        inboxThread = new Thread(inbox);
        inboxThread.start();
        incidents = new DynamoDbIncidentStore(aws.dynamo, aws.tableName);
        notices = new NoticeComposer(new ActionLinks(name -> Optional.of("size-test-link-key-0123456"), Duration.ofDays(1)));
        MetricsRecorder recorder = (name, value, unit, dims) -> metrics.add(name + " " + dims.get("Refusal"));
        outbox = new Outbox(incidents, new SnsStaffNotifier(aws.sns, aws.topicArn), notices, recorder, Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        inbox.stop();
        inboxThread.join(3000);
        aws.close();
    }

    private Incident opened(String text, Notice alertOrNull) {
        Instant now = Instant.now();
        Post post = new Post(Platform.X, BRAND.accountId(), UUID.randomUUID().toString(), "dana\"\u2028Acknowledge: x", text, now,
                text.substring(0, 500), null, null, List.of(), "en", null);
        Incident incident = Incident.open(post, new Assessment(0.9, Severity.HIGH, List.of(
                new Reason("content.profanity", text.substring(0, 2_000), 1.0, List.of(new Evidence(0, 2_000, text.substring(0, 2_000))))),
                "Capture it."), now);
        Notice alert = alertOrNull != null ? alertOrNull
                : notices.alert(incident, Account.watched(BRAND, "Harbour \"Lane\" Bakery"), "http://local", now);
        assertThat(incidents.open(incident, "http://local", new TimelineEntry(now, TimelineEvent.OPENED, "detector", null), alert)).isTrue();
        return incident;
    }

    @Test
    void anAlertForAPostOfEscapeHeavyCharactersReachesTheStaffQueue() throws Exception {
        // Within the 64 KiB text limit, and made of what JSON escapes most: quotes, backslashes, controls.
        String text = "\"\\\u0001\u001f".repeat(65_536 / 4);
        Incident incident = opened(text, null);
        Notice alert = incidents.pendingNotices().stream().filter(n -> n.incidentId().equals(incident.id())).findFirst().orElseThrow();

        assertThat(outbox.send(alert)).isTrue();

        StaffInbox.Received got = inbox.await(r -> incident.id().equals(r.incidentId()) && "alert".equals(r.kind()), Duration.ofSeconds(10));
        assertThat(got.body()).contains("> \"\\").contains("Acknowledge: http://local/incidents/" + incident.id());
        assertThat(metrics).isEmpty();
        // Its chat form came through the table and SNS with it: the incident's thread, the six steps.
        assertThat(got.thread()).isEqualTo(incident.id());
        assertThat(got.chat().path("content").path("nextSteps")).hasSize(6);
        assertThat(got.chat().path("content").path("description").asText()).contains("> \"\\");
        // /local/inbox shows the chat form beside the email text, and the thread the incident makes.
        var shown = new com.fasterxml.jackson.databind.ObjectMapper().readTree(inbox.toJson());
        assertThat(shown.path("chatThreads").path(incident.id()).toString()).isEqualTo("[\"alert\"]");
        assertThat(shown.path("notices").get(0).path("chat").path("content").path("title").asText()).startsWith("[HIGH] Possible mispost");
    }

    @Test
    void aNoticeSnsRefusesAsTooLongFailsAndItsShortFormReachesTheStaffQueue() {
        String id = "inc-" + UUID.randomUUID();
        // What an earlier version wrote for such a post: the whole text, in every form.
        Notice tooLong = new Notice("alert", id, NoticeKind.ALERT, Severity.HIGH, "Harbour Lane Bakery", "x",
                "[HIGH] Possible mispost on Harbour Lane Bakery (x)", "\"".repeat(140_000), "sms", Instant.now());
        Post post = new Post(Platform.X, BRAND.accountId(), UUID.randomUUID().toString(), null, "x", Instant.now(), null, null, null,
                List.of(), "en", null);
        Incident incident = new Incident(id, post, new Assessment(0.9, Severity.HIGH, List.of(), "Capture it."),
                com.mispost.incident.IncidentState.OPEN, Instant.now(), Instant.now(), null);
        assertThat(incidents.open(incident, "http://local", new TimelineEntry(Instant.now(), TimelineEvent.OPENED, "detector", null),
                tooLong)).isTrue();

        assertThat(outbox.send(tooLong)).isFalse();

        StaffInbox.Received got = inbox.await(r -> id.equals(r.incidentId()), Duration.ofSeconds(10));
        assertThat(got.kind()).isEqualTo("alert");
        assertThat(got.body()).contains("short form of a notice that could not be sent in full")
                .contains("Possible mispost on Harbour Lane Bakery").contains("Incident page: http://local/incidents/" + id);
        assertThat(incidents.pendingNotices()).extracting(Notice::incidentId).doesNotContain(id);
        assertThat(incidents.timeline(id)).extracting(TimelineEntry::event).contains(TimelineEvent.NOTICE_FAILED);
        assertThat(metrics).containsExactly("NoticesFailed refused");
    }
}
