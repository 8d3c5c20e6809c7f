package com.mispost.notify.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.notify.ChatForm;
import com.mispost.notify.HostileNotices;
import com.mispost.notify.HostileText;
import com.mispost.notify.Notice;
import com.mispost.notify.OpsNotice;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat form of every notice kind, as Amazon Q Developer in chat applications reads it from the
 * SNS message's https text: valid against the custom notification schema (version 1.0, source
 * custom, client-markdown content, metadata), within its bounds, one thread per incident (ops: per
 * account), and as fenced as the other forms: no chat markup or link a stranger wrote survives.
 */
class ChatFormTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CONTENT_KEYS = Set.of("textType", "title", "description", "nextSteps", "keywords");
    private static final Set<String> METADATA_KEYS = Set.of("threadId", "summary", "eventType", "relatedResources", "additionalContext");

    @Test
    void everyKindsChatFormFollowsTheSchemaAndOneIncidentIsOneThread() throws Exception {
        List<Notice> all = HostileNotices.all(new HostileNotices.Parts("beers tonight, my boss is the worst", "Larkspur Coffee",
                "dana", "Twitter for iPhone", "\"who approved this\"", "fixed", 3, 5, false));
        Set<String> threads = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        for (Notice n : all) {
            JsonNode chat = chatOf(n);
            assertValid(chat);
            threads.add(chat.path("metadata").path("threadId").asText());
            kinds.add(chat.path("metadata").path("eventType").asText());
            assertThat(chat.path("content").path("keywords").toString()).contains("CRITICAL", "Larkspur Coffee", "x", n.kind().id());
        }
        assertThat(threads).containsExactly(all.get(0).incidentId());
        assertThat(kinds).contains("alert", "drafts-ready", "acknowledged", "draft-approved", "repair", "closed", "escalation", "spike");
        JsonNode alert = chatOf(all.get(0));
        assertThat(alert.path("content").path("title").asText()).isEqualTo("[CRITICAL] Possible mispost on Larkspur Coffee (x)");
        assertThat(alert.path("content").path("description").asText()).contains("> beers tonight, my boss is the worst")
                .contains("Acknowledge: https://api.example/incidents/").contains("Incident page: https://api.example/incidents/");
        assertThat(alert.path("content").path("nextSteps")).hasSize(6);
    }

    @Test
    void opsNoticesThreadPerAccount() throws Exception {
        OpsNotice silent = new OpsNotice(OpsNotice.Kind.SILENT, "Larkspur Coffee", "x", "Mispost: no deliveries", "body", Instant.EPOCH);
        OpsNotice heard = new OpsNotice(OpsNotice.Kind.HEARD, "Larkspur Coffee", "x", "Mispost: resumed", "body", Instant.EPOCH);
        OpsNotice other = new OpsNotice(OpsNotice.Kind.SILENT, "Bramblewood", "x", "Mispost: no deliveries", "body", Instant.EPOCH);
        JsonNode a = JSON.readTree(JSON.readTree(SnsOpsNotifier.message(silent)).path("https").asText());
        JsonNode b = JSON.readTree(JSON.readTree(SnsOpsNotifier.message(heard)).path("https").asText());
        JsonNode c = JSON.readTree(JSON.readTree(SnsOpsNotifier.message(other)).path("https").asText());
        assertValid(a);
        assertThat(a.path("metadata").path("threadId")).isEqualTo(b.path("metadata").path("threadId"));
        assertThat(a.path("metadata").path("threadId")).isNotEqualTo(c.path("metadata").path("threadId"));
    }

    @Provide
    Arbitrary<HostileNotices.Parts> parts() {
        return HostileNotices.parts(20_000, 12, 400, 12, 40);
    }

    @Property(tries = 60)
    void aStrangersWordsNeverBecomeChatMarkupOrLinks(@ForAll("parts") HostileNotices.Parts parts) throws Exception {
        for (Notice n : HostileNotices.all(parts)) {
            JsonNode chat = chatOf(n);
            assertValid(chat);
            for (JsonNode text : List.of(chat.path("content").path("title"), chat.path("content").path("description"))) {
                String s = text.asText();
                assertThat(s).doesNotContain("<", "\u2028", "\u202e");
                String rest = s;
                for (String own : HostileNotices.ownLinks(n)) rest = rest.replace(own, " ");
                assertThat(rest).doesNotContainPattern("(?i)https?:|www\\.|evil\\.|evil\\uFF0E");
                for (String line : s.split("\n")) {
                    if (line.startsWith("Acknowledge:") || line.startsWith("Incident page:")) {
                        assertThat(HostileNotices.ownLinks(n).stream().anyMatch(line::endsWith)).as(line).isTrue();
                    }
                }
            }
        }
    }

    private static JsonNode chatOf(Notice n) throws Exception {
        JsonNode message = JSON.readTree(SnsStaffNotifier.message(n));
        JsonNode https = JSON.readTree(message.path("https").asText());
        assertThat(JSON.readTree(message.path("sqs").asText()).path("chat")).as("the queue's copy").isEqualTo(https);
        return https;
    }

    private static int cps(String s) {
        return s.codePointCount(0, s.length());
    }

    /** The custom notification schema, with the bounds Mispost holds it to. */
    private static void assertValid(JsonNode chat) {
        assertThat(chat.path("version").asText()).isEqualTo("1.0");
        assertThat(chat.path("source").asText()).isEqualTo("custom");
        JsonNode content = chat.path("content");
        assertThat(content.isObject()).isTrue();
        content.fieldNames().forEachRemaining(k -> assertThat(CONTENT_KEYS).contains(k));
        assertThat(content.path("textType").asText()).isEqualTo("client-markdown");
        assertThat(content.path("title").isTextual()).isTrue();
        assertThat(cps(content.path("title").asText())).isBetween(1, ChatForm.TITLE_MAX);
        assertThat(content.path("description").isTextual()).isTrue();
        assertThat(content.path("description").asText().length()).as("UTF-16 units, at most as many as characters").isLessThanOrEqualTo(ChatForm.DESCRIPTION_MAX);
        if (content.has("nextSteps")) {
            assertThat(content.path("nextSteps").isArray()).isTrue();
            assertThat(content.path("nextSteps").size()).isLessThanOrEqualTo(ChatForm.STEPS_MAX);
            content.path("nextSteps").forEach(s -> assertThat(s.isTextual() && cps(s.asText()) <= ChatForm.STEP_MAX).isTrue());
        }
        assertThat(content.path("keywords").isArray()).isTrue();
        assertThat(content.path("keywords").size()).isLessThanOrEqualTo(ChatForm.KEYWORDS_MAX);
        content.path("keywords").forEach(k -> assertThat(k.isTextual() && cps(k.asText()) <= ChatForm.KEYWORD_MAX).isTrue());
        JsonNode metadata = chat.path("metadata");
        metadata.fieldNames().forEachRemaining(k -> assertThat(METADATA_KEYS).contains(k));
        assertThat(metadata.path("threadId").asText()).isNotBlank();
        assertThat(metadata.path("summary").isTextual()).isTrue();
    }
}
