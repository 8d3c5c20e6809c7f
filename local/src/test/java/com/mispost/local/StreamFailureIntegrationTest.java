package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.local.lambda.FunctionConfig;
import com.mispost.local.lambda.LambdaFunction;
import com.mispost.local.lambda.RuntimeLayer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream record the detect function cannot handle, run through the real path: the stream
 * poller plays the template's event source mapping against moto, the function runs under AWS's
 * runtime interface client and reports the record in batchItemFailures; the record is retried
 * MaximumRetryAttempts times and then described on the on-failure queue, as Lambda does.
 */
class StreamFailureIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRecordThatKeepsFailingIsRetriedThenSentToTheFailureQueue() throws Exception {
        Path root = Moto.template().toAbsolutePath().getParent();
        TemplateModel template = TemplateModel.read(Moto.template());
        TemplateModel.FunctionSpec detect = template.functions().stream()
                .filter(f -> f.logicalId().equals("DetectFunction")).findFirst().orElseThrow();
        TemplateModel.StreamSource source = detect.streams().get(0);
        try (LocalAws aws = Moto.provisioned()) {
            Map<String, String> env = new LinkedHashMap<>(LocalRuntime.environment(template, detect, aws, "http://127.0.0.1:9"));
            env.put("MISPOST_AWS_ENDPOINT", aws.endpoint());
            FunctionConfig config = new FunctionConfig(detect.logicalId(), detect.handler(), root.resolve(detect.codeUri()),
                    detect.memorySize(), detect.timeout(), env, detect.snapStart(), LocalAws.REGION,
                    List.of(LocalAws.LOCAL_ACCESS_KEY, LocalAws.LOCAL_ACCESS_KEY), 1);
            List<String> log = new ArrayList<>();
            String queue = aws.queueUrls.get(source.onFailureQueue());
            try (LambdaFunction fn = new LambdaFunction(config, RuntimeLayer.of(root), line -> { })) {
                StreamPoller poller = new StreamPoller(fn, source, aws.streams, aws.sqs, aws.streamArn, queue, LocalAws.REGION,
                        log::add);
                // A post item no reader can decode: it names no platform.
                aws.dynamo.putItem(p -> p.tableName(aws.tableName).item(Map.of(
                        "PK", AttributeValue.fromS("POST#broken"), "SK", AttributeValue.fromS("POST"),
                        "type", AttributeValue.fromS("POST"), "text", AttributeValue.fromS("undecodable"))));
                List<Message> failed = List.of();
                for (int poll = 0; poll < 40 && failed.isEmpty(); poll++) {
                    poller.pollOnce();
                    failed = aws.sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages();
                }
                assertThat(failed).as("one failure description on the queue; poller said: " + log).hasSize(1);
                JsonNode msg = JSON.readTree(failed.get(0).body());
                assertThat(msg.path("requestContext").path("condition").asText()).isEqualTo("RetryAttemptsExhausted");
                assertThat(msg.path("requestContext").path("approximateInvokeCount").asInt())
                        .isEqualTo(source.maximumRetryAttempts() + 1);
                assertThat(msg.path("DDBStreamBatchInfo").path("batchSize").asInt()).isEqualTo(1);
                assertThat(log).anyMatch(l -> l.contains("retries exhausted"));
                assertThat(fn.environments()).as("a reported record failure does not end the environment").isEqualTo(1);
            }
        }
    }
}
