package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.local.lambda.FunctionConfig;
import com.mispost.local.lambda.FunctionError;
import com.mispost.local.lambda.LambdaFunction;
import com.mispost.local.lambda.RuntimeLayer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.mispost.post.Platform;
import com.mispost.post.PostKey;
import com.mispost.store.dynamodb.DynamoDbIncidentStore;
import com.mispost.store.dynamodb.DynamoDbPostStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each deployable jar, laid out as the java21 managed runtime lays it out and started with AWS's
 * runtime interface client, the template's handler string, memory and SnapStart setting and only
 * its own environment, answers the event shapes the template wires to it (events/, shaped like
 * AWS's published samples), against moto. This is the check that would have caught three of the
 * four functions failing on Lambda while every in-process test passed.
 */
class RuntimeClientIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Moto.template().toAbsolutePath().getParent();
    private static final TemplateModel TEMPLATE = TemplateModel.read(Moto.template());
    private static final List<String> OUTPUT = Collections.synchronizedList(new ArrayList<>());
    private static final Map<String, LambdaFunction> FUNCTIONS = new LinkedHashMap<>();
    private static LocalAws aws;

    @BeforeAll
    static void startFunctions() throws Exception {
        aws = Moto.provisioned();
        SampleEvents.seed(aws, ROOT.resolve("events"));
        for (TemplateModel.FunctionSpec f : TEMPLATE.functions()) {
            FUNCTIONS.put(f.logicalId(), new LambdaFunction(config(f, f.handler(), f.timeout()), RuntimeLayer.of(ROOT), OUTPUT::add));
        }
        FUNCTIONS.values().parallelStream().forEach(LambdaFunction::warm);
    }

    @AfterAll
    static void stop() {
        FUNCTIONS.values().forEach(LambdaFunction::close);
        if (aws != null) aws.close();
    }

    private static FunctionConfig config(TemplateModel.FunctionSpec f, String handler, Duration timeout) {
        Map<String, String> env = new LinkedHashMap<>(LocalRuntime.environment(TEMPLATE, f, aws, "http://127.0.0.1:9"));
        env.put("MISPOST_AWS_ENDPOINT", aws.endpoint());
        return new FunctionConfig(f.logicalId(), handler, ROOT.resolve(f.codeUri()), f.memorySize(), timeout, env, f.snapStart(),
                LocalAws.REGION, List.of(LocalAws.LOCAL_ACCESS_KEY, LocalAws.LOCAL_ACCESS_KEY), 1);
    }

    private static JsonNode invoke(String function, String eventFile) throws Exception {
        return JSON.readTree(FUNCTIONS.get(function).invoke(Files.readString(ROOT.resolve("events").resolve(eventFile))));
    }

    private static final PostKey SAMPLE_POST = new PostKey(Platform.X, "1460000000000000001", "1860000000000000999");

    private static DynamoDbPostStore posts() {
        return new DynamoDbPostStore(aws.dynamo, aws.tableName, Clock.systemUTC());
    }

    private static DynamoDbIncidentStore incidents() {
        return new DynamoDbIncidentStore(aws.dynamo, aws.tableName);
    }

    private static TemplateModel.FunctionSpec spec(String id) {
        return TEMPLATE.functions().stream().filter(f -> f.logicalId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void intakeAnswersXsCrcHandshakeFromAnHttpApiGet() throws Exception {
        JsonNode answer = invoke("IntakeFunction", "intake-x-crc.json");
        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(JSON.readTree(answer.path("body").asText()).path("response_token").asText()).startsWith("sha256=");
    }

    @Test
    void intakeStoresASignedPostWhetherTheBodyCameAsTextOrBase64() throws Exception {
        JsonNode text = invoke("IntakeFunction", "intake-generic-post.json");
        JsonNode base64 = invoke("IntakeFunction", "intake-generic-post-base64.json");
        assertThat(text.path("statusCode").asInt()).as(text.toString()).isEqualTo(200);
        assertThat(base64.path("statusCode").asInt()).as(base64.toString()).isEqualTo(200);
        assertThat(posts().findPost(SAMPLE_POST)).as("the post the sample delivers").isPresent();
    }

    @Test
    void intakeRefusesAnUnsignedPost() throws Exception {
        ObjectMapper m = new ObjectMapper();
        var event = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(ROOT.resolve("events/intake-generic-post.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("headers")).remove("x-mispost-signature");
        JsonNode answer = JSON.readTree(FUNCTIONS.get("IntakeFunction").invoke(event.toString()));
        assertThat(answer.path("statusCode").asInt()).isEqualTo(401);
    }

    @Test
    void detectScreensAStreamBatchAndReportsNoFailures() throws Exception {
        // The stream record is of the post the intake sample stores: store it first, as the pipeline would.
        assertThat(invoke("IntakeFunction", "intake-generic-post.json").path("statusCode").asInt()).isEqualTo(200);
        JsonNode answer = invoke("DetectFunction", "detect-new-post.json");
        assertThat(answer.path("batchItemFailures").isArray()).as(answer.toString()).isTrue();
        assertThat(answer.path("batchItemFailures")).isEmpty();
        var item = aws.dynamo.getItem(g -> g.tableName(aws.tableName).key(Map.of(
                "PK", AttributeValue.fromS("POST#" + SAMPLE_POST), "SK", AttributeValue.fromS("POST")))).item();
        assertThat(item).as("the post's stored assessment").containsKeys("score", "severity", "assessment");
    }

    @Test
    void apologyDraftsForANewIncidentFromAStreamBatch() throws Exception {
        JsonNode answer = invoke("ApologyFunction", "apology-new-incident.json");
        assertThat(answer.path("batchItemFailures")).as(answer.toString()).isEmpty();
        assertThat(incidents().drafts("inc-0f3a9c1d2b4e5a67")).as("drafts stored for the sample's incident").isNotEmpty();
    }

    @Test
    void closureRunsTheSweepOnTheSchedulersEventVerbatim() throws Exception {
        JsonNode answer = invoke("ClosureFunction", "closure-sweep.json");
        assertThat(answer.has("resent")).as(answer.toString()).isTrue();
    }

    @Test
    void closureAnswersAnExpiredActionLinkWithAForbiddenPage() throws Exception {
        JsonNode answer = invoke("ClosureFunction", "closure-action-link.json");
        assertThat(answer.path("statusCode").asInt()).isEqualTo(403);
        assertThat(answer.path("headers").path("Content-Type").asText()).startsWith("text/html");
    }

    @Test
    void everyFunctionStartedThroughTheSnapStartHandshakeWithItsPrimingRun() {
        assertThat(TEMPLATE.functions()).allMatch(TemplateModel.FunctionSpec::snapStart);
        assertThat(FUNCTIONS.values()).allMatch(LambdaFunction::allRestoredFromSnapshot);
        for (String name : FUNCTIONS.keySet()) {
            List<String> lines;
            synchronized (OUTPUT) {
                lines = OUTPUT.stream().filter(l -> l.startsWith("[" + name + "]")).toList();
            }
            int primed = indexOf(lines, "SnapStart priming done before the snapshot");
            int restored = indexOf(lines, "SnapStart restore: resumed from the snapshot");
            assertThat(primed).as(name + " ran its before-checkpoint hook: " + lines).isGreaterThanOrEqualTo(0);
            assertThat(restored).as(name + " ran its after-restore hook after it").isGreaterThan(primed);
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i;
        return -1;
    }

    @Test
    void aHandlerNamedWithItsGenericMethodGetsAMapAsLambdaGivesIt() throws Exception {
        // Why template.yaml names handlers by class alone: the runtime client takes the erased
        // parameter type of MicronautRequestHandler.handleRequest(I, Context), and the event
        // arrives as a Map. The local runtime must fail here exactly as Lambda did.
        TemplateModel.FunctionSpec intake = spec("IntakeFunction");
        try (LambdaFunction byMethod = new LambdaFunction(config(intake, intake.handler() + "::handleRequest", intake.timeout()),
                RuntimeLayer.of(ROOT), line -> { })) {
            assertThatThrownBy(() -> byMethod.invoke(Files.readString(ROOT.resolve("events/intake-x-crc.json"))))
                    .isInstanceOf(FunctionError.class)
                    .hasMessageContaining("Unconvertible input");
        }
    }

    @Test
    void aTimedOutInvocationEndsItsEnvironmentAndTheNextEventStartsAFreshOne() throws Exception {
        TemplateModel.FunctionSpec closure = spec("ClosureFunction");
        try (LambdaFunction tight = new LambdaFunction(config(closure, closure.handler(), Duration.ofMillis(1)),
                RuntimeLayer.of(ROOT), line -> { })) {
            tight.warm();
            assertThat(tight.environments()).isEqualTo(1);
            assertThatThrownBy(() -> tight.invoke(Files.readString(ROOT.resolve("events/closure-sweep.json"))))
                    .isInstanceOfSatisfying(FunctionError.class, e -> assertThat(e.errorType()).isEqualTo("Sandbox.Timedout"))
                    .hasMessageContaining("Task timed out after 0.00 seconds");
            assertThat(tight.environments()).isZero();
        }
    }

    @Test
    void aHandlerThatCannotBeLoadedFailsAsLambdaReportsIt() {
        TemplateModel.FunctionSpec intake = spec("IntakeFunction");
        try (LambdaFunction missing = new LambdaFunction(config(intake, "com.mispost.functions.intake.NoSuchHandler", intake.timeout()),
                RuntimeLayer.of(ROOT), line -> { })) {
            assertThatThrownBy(() -> {
                missing.warm();
                missing.invoke(Files.readString(ROOT.resolve("events/intake-x-crc.json")));
            }).isInstanceOf(FunctionError.class).hasMessageContaining("NoSuchHandler");
        }
    }
}
