package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.account.Account;
import com.mispost.intake.GenericWebhook;
import com.mispost.intake.SignatureVerifier;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watchdog and the functions' own output, through the local runtime as {@code ./mispost local}
 * runs it with {@code MISPOST_SILENCE_AFTER=20s}: an account that stops receiving deliveries gets
 * one ops notice, and one more when deliveries resume; every function writes JSON log lines and
 * EMF metric lines, and none of them carries the post's text or a secret.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WatchdogEnd2EndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AccountKey BRAND = new AccountKey(Platform.X, "4500000000000000001");
    private static final String TEXT = "omg my landlord is a total asshole, wine night at mine, door code 4417";
    private static final List<String> FUNCTIONS = List.of("IntakeFunction", "DetectFunction", "ApologyFunction", "ClosureFunction");
    private static final List<String> lines = new CopyOnWriteArrayList<>();
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() {
        Moto.endpoint();
        runtime = LocalRuntime.start(new LocalRuntime.Options(Moto.template(), 0, Duration.ofSeconds(2), System.err::println)
                .withFunctionLog(lines::add)
                .withEnvironment(Map.of("MISPOST_SILENCE_AFTER", "20s", "MISPOST_LOG_LEVEL", "INFO")));
        new DynamoDbAccountRegistry(runtime.aws().dynamo, runtime.aws().tableName)
                .save(Account.watched(BRAND, "Larkspur Coffee Co."));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) runtime.close();
    }

    @Test
    @Order(1)
    void anAccountThatFallsSilentGetsOneOpsNoticeAndOneWhenDeliveriesResume() throws Exception {
        assertThat(deliver(post("9910000000000000001", TEXT)).statusCode()).isEqualTo(200);
        runtime.inbox().await(n -> n.kind().equals("drafts-ready"), Duration.ofSeconds(30));

        var silent = runtime.inbox().await(n -> n.ops() && n.kind().equals("silent"), Duration.ofSeconds(60));
        assertThat(silent.body()).contains("no deliveries from X for Larkspur Coffee Co. for")
                .contains("check the webhook subscription");
        assertThat(silent.attributes()).containsEntry("audience", "ops").containsEntry("platform", "x");
        assertThat(silent.incidentId()).as("not about an incident").isEmpty();
        Thread.sleep(6000); // three more sweeps: still one notice
        assertThat(opsNotices("silent")).hasSize(1);
        assertThat(runtime.inbox().received()).filteredOn(n -> !n.ops()).extracting(StaffInbox.Received::kind)
                .as("the staff topic got nothing about it").doesNotContain("silent", "heard");

        assertThat(deliver(post("9910000000000000002", "Our autumn roast is back in every shop from Monday."))
                .statusCode()).isEqualTo(200);
        var heard = runtime.inbox().await(n -> n.ops() && n.kind().equals("heard"), Duration.ofSeconds(30));
        assertThat(heard.body()).contains("Deliveries from X for Larkspur Coffee Co. have resumed");
        Thread.sleep(4000);
        assertThat(opsNotices("heard")).hasSize(1);
        assertThat(opsNotices("silent")).hasSize(1);
    }

    @Test
    @Order(2)
    void everyFunctionWritesJsonLogLinesAndEmfMetricsAndNoPostTextOrSecret() throws Exception {
        List<JsonNode> logs = new ArrayList<>();
        List<JsonNode> metrics = new ArrayList<>();
        for (String line : lines) {
            String fn = line.substring(1, line.indexOf(']'));
            String rest = line.substring(line.indexOf(']') + 2);
            if (!rest.startsWith("{")) continue;
            JsonNode n = JSON.readTree(rest);
            ((com.fasterxml.jackson.databind.node.ObjectNode) n).put("_from", fn);
            (n.has("_aws") ? metrics : logs).add(n);
        }
        for (String fn : FUNCTIONS) {
            assertThat(logs).as(fn + " wrote JSON log lines with its name, a level and a message")
                    .anyMatch(n -> n.path("_from").asText().equals(fn) && n.path("function").asText().equals(fn)
                            && n.has("level") && n.has("message") && n.has("timestamp"));
            assertThat(logs).as(fn + " logged during an invocation, with its request id and cold start")
                    .anyMatch(n -> n.path("_from").asText().equals(fn) && !n.path("requestId").asText().isEmpty()
                            && n.has("coldStart"));
            assertThat(metrics).as(fn + " wrote EMF metrics")
                    .anyMatch(n -> n.path("_from").asText().equals(fn)
                            && n.path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText().equals("Mispost")
                            && n.has(n.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics").path(0).path("Name").asText()));
        }
        assertThat(logs).as("detect names the post it screened").anyMatch(n -> n.path("_from").asText().equals("DetectFunction")
                && n.path("postKey").asText().contains(BRAND.accountId()));
        assertThat(logs).as("apology names the incident").anyMatch(n -> n.path("_from").asText().equals("ApologyFunction")
                && !n.path("incidentId").asText().isEmpty());
        assertThat(metrics).anyMatch(n -> n.path("Deliveries").asDouble() == 1 && n.path("outcome").asText().equals("stored"));
        assertThat(metrics).anyMatch(n -> n.path("Alerts").asDouble() == 1 && n.has("severity"));
        assertThat(metrics).anyMatch(n -> n.has("SecondsFromPostToAlert"));
        assertThat(metrics).anyMatch(n -> n.has("SilentAccounts") && n.path("SilentAccounts").asDouble() == 1);
        assertThat(metrics).anyMatch(n -> n.has("SweepDuration"));

        List<String> secrets = new ArrayList<>(LocalSecrets.all().values());
        for (String line : lines) {
            assertThat(line).as("no post text at INFO").doesNotContain("landlord").doesNotContain("door code");
            for (String secret : secrets) assertThat(line).as("no secret in the logs").doesNotContain(secret);
        }
    }

    private static List<StaffInbox.Received> opsNotices(String kind) {
        return runtime.inbox().received().stream().filter(n -> n.ops() && n.kind().equals(kind)).toList();
    }

    private static String post(String id, String text) throws Exception {
        return JSON.writeValueAsString(Map.of("type", "post", "platform", "x", "account", BRAND.accountId(),
                "post", Map.of("id", id, "text", text, "client", "Twitter for Android",
                        "created_at", java.time.Instant.now().minusSeconds(2).toString())));
    }

    private static HttpResponse<String> deliver(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl() + "/webhooks/generic"))
                .header("Content-Type", "application/json")
                .header(GenericWebhook.SIGNATURE_HEADER, SignatureVerifier.signHex(LocalSecrets.value(GenericWebhook.SECRET),
                        body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
