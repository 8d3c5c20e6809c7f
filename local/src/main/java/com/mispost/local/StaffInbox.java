package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Staff (and ops), played by an SQS queue subscribed to the SNS topics: every notification as it
 * arrives through SNS, with the message attributes subscriptions filter on; ops notices carry
 * {@code audience=ops}.
 */
public final class StaffInbox implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Consumer<Received>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    public StaffInbox(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /**
     * One notification as staff received it.
     *
     * @param kind       alert, drafts-ready, acknowledged, approved, repair, closed, ...
     * @param attributes SNS message attributes (severity, account, platform, kind, incident)
     * @param chat       the chat form (Amazon Q Developer's custom notification) as Slack or Teams would get it, or null
     */
    public record Received(Instant receivedAt, String kind, String incidentId, String subject, String body,
                           Map<String, String> attributes, String snsMessageId, JsonNode chat) {
        /** The chat thread the notice lands in: the incident's, or the account's for ops. */
        public String thread() {
            return chat == null ? null : chat.path("metadata").path("threadId").asText(null);
        }

        /** A notice about the system from the ops topic (the watchdog), not one for the social team. */
        public boolean ops() {
            return "ops".equals(attributes.get("audience"));
        }
    }

    public void onReceive(Consumer<Received> listener) {
        listeners.add(listener);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until a notification matching the test arrives (or has arrived). */
    public Received await(Predicate<Received> test, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Received r : received) if (test.test(r)) return r;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("no matching notification reached the staff inbox within "
                + timeout.toSeconds() + " s; received so far: " + received.stream().map(Received::kind).toList());
    }

    @Override
    public void run() {
        while (running) {
            try {
                // A long poll, as a subscriber's inbox gets a notice when it is sent: the receive returns as a
                // message arrives, and waits at most a second so that stopping is prompt.
                List<Message> msgs = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages();
                for (Message m : msgs) {
                    Received r = parse(m.body());
                    received.add(r);
                    listeners.forEach(l -> l.accept(r));
                    sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                }
            } catch (RuntimeException e) {
                if (running) sleep();
            }
        }
    }

    public void stop() {
        running = false;
    }

    static Received parse(String envelopeJson) {
        try {
            JsonNode env = JSON.readTree(envelopeJson);
            Map<String, String> attrs = new TreeMap<>();
            env.path("MessageAttributes").fields().forEachRemaining(e -> attrs.put(e.getKey(), e.getValue().path("Value").asText()));
            JsonNode notice = JSON.readTree(env.path("Message").asText());
            return new Received(Instant.now(), notice.path("kind").asText(), notice.path("incidentId").asText(),
                    env.path("Subject").asText(notice.path("subject").asText()), notice.path("body").asText(), attrs,
                    env.path("MessageId").asText(), notice.has("chat") ? notice.get("chat") : null);
        } catch (Exception e) {
            return new Received(Instant.now(), "unreadable", "", "", envelopeJson, Map.of(), "", null);
        }
    }

    /**
     * What staff received, as {@code /local/inbox} shows it: each notice with its email text and its
     * chat form (what Slack or Teams would show), and the chat threads the notices make, in order.
     */
    public String toJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, List<String>> threads = new java.util.LinkedHashMap<>();
        for (Received r : received) {
            Map<String, Object> one = new java.util.LinkedHashMap<>();
            one.put("receivedAt", r.receivedAt().toString());
            one.put("audience", r.ops() ? "ops" : "staff");
            one.put("kind", r.kind());
            one.put("incidentId", r.incidentId());
            one.put("subject", r.subject());
            one.put("body", r.body());
            one.put("attributes", r.attributes());
            if (r.chat() != null) one.put("chat", r.chat());
            out.add(one);
            if (r.thread() != null) threads.computeIfAbsent(r.thread(), t -> new ArrayList<>()).add(r.kind());
        }
        try {
            return JSON.writeValueAsString(Map.of("notices", out, "chatThreads", threads));
        } catch (Exception e) {
            return "{}";
        }
    }

    private static void sleep() {
        sleep(200);
    }

    private static void sleep(long ms) {
        if (ms <= 0) return;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
