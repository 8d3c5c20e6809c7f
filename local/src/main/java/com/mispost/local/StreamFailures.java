package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stream failure queue, read for people: each message is Lambda's description of a stream
 * batch a function gave up on (which function, why, and the batch's place in the stream, not the
 * records). The records are read back from the stream while it still has them (24 hours on AWS),
 * and a redrive hands them to the same function again, as its event source mapping would, and
 * deletes the message only when the function took them all.
 */
public final class StreamFailures {
    /** How long a message being redriven stays hidden from another reader. */
    private static final int REDRIVE_VISIBILITY_SECONDS = 120;

    private final SqsClient sqs;
    private final DynamoDbStreamsClient streams;
    private final String queueUrl;
    private final String region;

    public StreamFailures(SqsClient sqs, DynamoDbStreamsClient streams, String queueUrl, String region) {
        this.sqs = sqs;
        this.streams = streams;
        this.queueUrl = queueUrl;
        this.region = region;
    }

    /**
     * One failed batch.
     *
     * @param records     the stream records, read back; empty with {@code readProblem} when the stream no longer has them
     */
    public record FailedBatch(String messageId, String receiptHandle, JsonNode message, List<Record> records,
                              String readProblem) {
        public String function() {
            String arn = message.path("requestContext").path("functionArn").asText();
            return arn.substring(arn.lastIndexOf(':') + 1);
        }

        JsonNode batch() {
            return message.path("DDBStreamBatchInfo");
        }
    }

    /** What a redrive did with one batch. */
    public record Redrive(FailedBatch batch, boolean done, String detail) {
    }

    /** Every message on the queue, left on it (received with no visibility timeout). */
    public List<FailedBatch> list() {
        return receive(0);
    }

    /** Hands each failed batch to its function again; deletes the message of each one that went through. */
    public List<Redrive> redrive(LambdaClient lambda) {
        List<Redrive> out = new ArrayList<>();
        for (FailedBatch b : receive(REDRIVE_VISIBILITY_SECONDS)) out.add(redrive(b, lambda));
        return out;
    }

    private Redrive redrive(FailedBatch b, LambdaClient lambda) {
        if (b.records().isEmpty()) {
            release(b);
            return new Redrive(b, false, "nothing to redrive: " + b.readProblem()
                    + "; re-deliver the posts from the platform, or delete the message once they are dealt with");
        }
        ObjectNode event = StreamRecordsJson.JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        String streamArn = b.batch().path("streamArn").asText();
        for (Record r : b.records()) records.add(StreamRecordsJson.record(r, region, streamArn));
        InvokeResponse answer = lambda.invoke(i -> i.functionName(b.function()).payload(SdkBytes.fromUtf8String(event.toString())));
        String payload = answer.payload() == null ? "" : answer.payload().asUtf8String();
        if (answer.functionError() != null) {
            release(b);
            return new Redrive(b, false, b.function() + " failed again (" + answer.functionError() + "): " + payload);
        }
        JsonNode failures = read(payload).path("batchItemFailures");
        if (failures.size() > 0) {
            release(b);
            return new Redrive(b, false, b.function() + " reported " + failures.size()
                    + " record(s) failed again; its log lines (level ERROR) say why");
        }
        sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(b.receiptHandle()));
        return new Redrive(b, true, b.function() + " took all " + b.records().size() + " record(s); message deleted");
    }

    /** A batch that did not go through is visible again at once, for the next look. */
    private void release(FailedBatch b) {
        sqs.changeMessageVisibility(c -> c.queueUrl(queueUrl).receiptHandle(b.receiptHandle()).visibilityTimeout(0));
    }

    private List<FailedBatch> receive(int visibility) {
        Map<String, FailedBatch> seen = new LinkedHashMap<>();
        for (int round = 0; round < 50; round++) {
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(visibility).waitTimeSeconds(0)).messages();
            int fresh = 0;
            for (Message m : got) {
                if (seen.containsKey(m.messageId())) continue;
                fresh++;
                seen.put(m.messageId(), batch(m));
            }
            if (fresh == 0) break;
        }
        return new ArrayList<>(seen.values());
    }

    private FailedBatch batch(Message m) {
        JsonNode msg = read(m.body());
        JsonNode info = msg.path("DDBStreamBatchInfo");
        if (info.isMissingNode()) {
            return new FailedBatch(m.messageId(), m.receiptHandle(), msg, List.of(), "the message describes no stream batch");
        }
        try {
            return new FailedBatch(m.messageId(), m.receiptHandle(), msg, readBack(info), null);
        } catch (RuntimeException e) {
            return new FailedBatch(m.messageId(), m.receiptHandle(), msg, List.of(),
                    "the stream no longer has these records (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** The records from the start to the end sequence number of the batch, from a fresh iterator. */
    private List<Record> readBack(JsonNode info) {
        String streamArn = info.path("streamArn").asText();
        BigInteger end = new BigInteger(info.path("endSequenceNumber").asText());
        String iterator = streams.getShardIterator(g -> g.streamArn(streamArn).shardId(info.path("shardId").asText())
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .sequenceNumber(info.path("startSequenceNumber").asText())).shardIterator();
        List<Record> out = new ArrayList<>();
        for (int page = 0; page < 100 && iterator != null; page++) {
            String it = iterator;
            GetRecordsResponse r = streams.getRecords(g -> g.shardIterator(it).limit(100));
            for (Record rec : r.records()) {
                if (new BigInteger(rec.dynamodb().sequenceNumber()).compareTo(end) > 0) return out;
                out.add(rec);
            }
            if (r.records().isEmpty()) break;
            iterator = r.nextShardIterator();
        }
        if (out.isEmpty()) throw new IllegalStateException("no records at those sequence numbers");
        return out;
    }

    /** One failed batch in words: which function, which batch, which records, and why. */
    public static String describe(FailedBatch b) {
        JsonNode ctx = b.message().path("requestContext");
        JsonNode info = b.batch();
        StringBuilder s = new StringBuilder();
        s.append(b.function()).append(" gave up on a batch of ").append(info.path("batchSize").asInt())
                .append(" record(s) after ").append(ctx.path("approximateInvokeCount").asInt()).append(" attempt(s)");
        if (b.message().hasNonNull("timestamp")) s.append(" at ").append(b.message().path("timestamp").asText());
        s.append('\n');
        s.append("  why:     ").append(why(b.message())).append('\n');
        s.append("  batch:   shard ").append(info.path("shardId").asText()).append(", sequence numbers ")
                .append(info.path("startSequenceNumber").asText()).append(" to ").append(info.path("endSequenceNumber").asText())
                .append('\n');
        if (b.records().isEmpty()) {
            s.append("  records: ").append(b.readProblem()).append('\n');
        }
        for (Record r : b.records()) {
            s.append("  record:  ").append(r.eventNameAsString()).append(' ').append(describe(r)).append('\n');
        }
        s.append("  message: ").append(b.messageId()).append('\n');
        return s.toString();
    }

    private static String why(JsonNode msg) {
        String condition = msg.path("requestContext").path("condition").asText();
        String reason = switch (condition) {
            case "RetryAttemptsExhausted" -> "the function kept failing on these records until its retries ran out";
            case "RecordAgeExceeded" -> "the records grew older than the event source mapping's maximum record age";
            case "FunctionError" -> "the function failed";
            default -> condition.isEmpty() ? "not said" : condition;
        };
        JsonNode response = msg.path("responseContext");
        if (!response.path("functionError").asText().isEmpty()) {
            reason += " (" + response.path("functionError").asText() + ", status " + response.path("statusCode").asText() + ")";
        }
        String requestId = msg.path("requestContext").path("requestId").asText();
        return reason + "; the function's log lines" + (requestId.isEmpty() ? "" : " with requestId " + requestId)
                + " at level ERROR say what failed";
    }

    /** A record by its keys and item type: never its text. */
    private static String describe(Record r) {
        Map<String, AttributeValue> keys = r.dynamodb().keys();
        Map<String, AttributeValue> image = r.dynamodb().hasNewImage() ? r.dynamodb().newImage() : r.dynamodb().oldImage();
        String type = image == null || image.get("type") == null ? "?" : image.get("type").s();
        return type.toLowerCase() + " " + keys.get("PK").s() + " " + keys.get("SK").s()
                + " (sequence number " + r.dynamodb().sequenceNumber() + ")";
    }

    private static JsonNode read(String json) {
        try {
            return StreamRecordsJson.JSON.readTree(json);
        } catch (Exception e) {
            return StreamRecordsJson.JSON.createObjectNode();
        }
    }
}
