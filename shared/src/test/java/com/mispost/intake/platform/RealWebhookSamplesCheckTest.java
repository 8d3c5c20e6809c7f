package com.mispost.intake.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mispost.intake.InboundEvent;
import com.mispost.intake.MalformedDeliveryException;
import com.mispost.intake.ParsedDelivery;
import com.mispost.intake.PlatformWebhook;
import com.mispost.post.Platform;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parses every real payload in {@code ../shared/data/webhooks/} (beside the repository, never in
 * it: their licences forbid copying) and prints what each gave. Every platform sample must give
 * events, rejected or ignored entries, or a clean MalformedDeliveryException; each platform must
 * give at least one event. Two samples are bare entities rather than webhook bodies; they are also
 * parsed inside the envelope their source notes describe. The AWS samples belong to the service.
 */
class RealWebhookSamplesCheckTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final PlatformWebhooks webhooks = PlatformWebhooks.standard();

    @Test
    void everyRealSampleParsesOrIsRefusedCleanly() throws IOException {
        Optional<Path> folder = samplesFolder();
        assumeTrue(folder.isPresent(), "../shared/data/webhooks is not beside this checkout: skipped");
        List<Path> files;
        try (Stream<Path> s = Files.list(folder.get())) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        System.out.println("[real webhook samples] " + files.size() + " files in " + folder.get());
        List<String> escaped = new ArrayList<>();
        List<String> unaccounted = new ArrayList<>();
        Map<Platform, Integer> events = new EnumMap<>(Platform.class);
        for (Path file : files) {
            String name = file.getFileName().toString();
            Optional<Platform> platform = platformOf(name);
            if (platform.isEmpty()) {
                System.out.println("  " + name + ": AWS event, not a webhook body (read by the intake service)");
                continue;
            }
            byte[] body = Files.readAllBytes(file);
            PlatformWebhook dialect = webhooks.forPlatform(platform.get()).orElseThrow();
            Outcome outcome = run(dialect, body);
            System.out.println("  " + name + ": " + outcome.summary);
            if (outcome.escaped) escaped.add(name);
            if (!outcome.accounted) unaccounted.add(name);
            events.merge(platform.get(), outcome.events, Integer::sum);

            Optional<byte[]> wrapped = wrapBareEntity(name, body);
            if (wrapped.isPresent()) {
                Outcome inEnvelope = run(dialect, wrapped.get());
                System.out.println("  " + name + " (inside its webhook envelope): " + inEnvelope.summary);
                if (inEnvelope.escaped) escaped.add(name + " (wrapped)");
                events.merge(platform.get(), inEnvelope.events, Integer::sum);
            }
        }
        System.out.println("[real webhook samples] events per platform: " + events);
        assertThat(escaped).as("samples that made a dialect throw something other than MalformedDeliveryException").isEmpty();
        assertThat(unaccounted).as("samples that gave nothing at all").isEmpty();
        assertThat(events).as("each platform with samples gives at least one event")
                .allSatisfy((p, n) -> assertThat(n).as(p.id()).isPositive());
    }

    private record Outcome(String summary, int events, boolean accounted, boolean escaped) {
    }

    private static Outcome run(PlatformWebhook dialect, byte[] body) {
        try {
            ParsedDelivery d = dialect.parse(body);
            StringBuilder b = new StringBuilder();
            b.append(d.events().size()).append(" events, ").append(d.rejected().size()).append(" rejected, ")
                    .append(d.ignored().size()).append(" ignored");
            for (InboundEvent e : d.events()) b.append("\n      event ").append(describe(e));
            for (String r : d.rejected()) b.append("\n      rejected: ").append(r);
            for (String i : d.ignored()) b.append("\n      ignored: ").append(i);
            boolean accounted = !(d.events().isEmpty() && d.rejected().isEmpty() && d.ignored().isEmpty());
            return new Outcome(b.toString(), d.events().size(), accounted, false);
        } catch (MalformedDeliveryException e) {
            return new Outcome("refused cleanly: " + e.getMessage(), 0, true, false);
        } catch (RuntimeException e) {
            return new Outcome("ESCAPED " + e, 0, false, true);
        }
    }

    private static String describe(InboundEvent e) {
        if (e instanceof InboundEvent.PostPublished p) {
            return "PostPublished " + p.post().key() + " client=" + p.post().client() + " replyTo=" + p.post().replyTo()
                    + " text=" + p.post().text().length() + " chars  key=" + e.deliveryKey();
        }
        if (e instanceof InboundEvent.PostEdited p) return "PostEdited " + p.post().key() + " at " + p.editedAt() + "  key=" + e.deliveryKey();
        if (e instanceof InboundEvent.ReactionReceived r) {
            return "ReactionReceived " + r.reaction().kind() + " on " + r.reaction().target() + "  key=" + e.deliveryKey();
        }
        InboundEvent.PostDeleted d = (InboundEvent.PostDeleted) e;
        return "PostDeleted " + d.post() + " at " + d.at() + "  key=" + e.deliveryKey();
    }

    private static Optional<Platform> platformOf(String name) {
        if (name.startsWith("x-")) return Optional.of(Platform.X);
        if (name.startsWith("meta-")) return Optional.of(Platform.META);
        if (name.startsWith("linkedin-")) return Optional.of(Platform.LINKEDIN);
        if (name.startsWith("mastodon-")) return Optional.of(Platform.MASTODON);
        return Optional.empty();
    }

    /** A bare Mastodon Status or X tweet, put in the envelope its platform delivers it in. */
    private static Optional<byte[]> wrapBareEntity(String name, byte[] body) throws IOException {
        JsonNode entity;
        try {
            entity = MAPPER.readTree(body);
        } catch (IOException notJson) {
            return Optional.empty();
        }
        if (entity == null || !entity.isObject() || entity.has("event") || entity.has("for_user_id")
                || entity.has("data") || entity.has("entry")) {
            return Optional.empty();
        }
        ObjectNode envelope = MAPPER.createObjectNode();
        if (name.startsWith("mastodon-") && entity.has("content")) {
            envelope.put("event", "status.created");
            envelope.set("created_at", entity.path("created_at"));
            envelope.set("object", entity);
        } else if (name.startsWith("x-") && entity.has("id_str")) {
            JsonNode quotedAuthor = entity.path("quoted_status").path("user").path("id_str");
            envelope.put("for_user_id", quotedAuthor.isTextual() ? quotedAuthor.asText() : "0");
            envelope.putArray("tweet_create_events").add(entity);
        } else {
            return Optional.empty();
        }
        return Optional.of(MAPPER.writeValueAsBytes(envelope));
    }

    /** {@code ../shared/data/webhooks} beside the repository root (the folder holding shared/pom.xml). */
    private static Optional<Path> samplesFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("shared/pom.xml"))) {
                Path samples = dir.resolve("../shared/data/webhooks").normalize();
                return Files.isDirectory(samples) ? Optional.of(samples) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
