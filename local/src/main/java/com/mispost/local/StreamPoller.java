package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mispost.local.lambda.LambdaFunction;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Set;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plays one DynamoDB event source mapping: polls the Streams API, applies the function's
 * FilterCriteria, invokes it in batches of BatchSize, honours ReportBatchItemFailures (retry
 * from the first failed record), bisects a failing batch when asked, and after
 * MaximumRetryAttempts sends the batch's description to the on-failure queue and moves on.
 */
public final class StreamPoller implements Runnable {
    private final LambdaFunction function;
    private final TemplateModel.StreamSource source;
    private final List<EventPattern> filters = new ArrayList<>();
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    private final String streamArn;
    private final String onFailureQueueUrl;
    private final String region;
    private final Consumer<String> log;
    /**
     * Per shard, the sequence numbers of the records dealt with lately, oldest first. Compared as
     * numbers (docs/LOCAL-AWS.md), never as strings. Each poll reads again from the oldest of them and skips
     * records already dealt with by their event id: moto writes a cancelled transaction's other
     * items to the stream and, after rolling back, hands their sequence numbers to the next real
     * writes, so "after the last sequence number seen" would skip real records.
     */
    private final Map<String, ArrayDeque<BigInteger>> recent = new LinkedHashMap<>();
    private final Set<String> dealtWith = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    });
    private final Map<String, Integer> attempts = new HashMap<>();
    private volatile boolean running = true;
    private volatile int retryWholeEvery;
    private int batchesInvoked;
    private final IdleBackoff idle = new IdleBackoff();
    /** Per shard, where the next read continues when the last one was wholly dealt with. */
    private final Map<String, String> iterators = new HashMap<>();
    /** The shard list, asked for again every few seconds rather than on every poll. */
    private List<Shard> shards = List.of();
    private long shardsReadAt;
    /** How many dealt-with records each poll reads again (moto rewrites only the stream's tail). */
    private static final int LOOKBACK = 64;

    public StreamPoller(LambdaFunction function, TemplateModel.StreamSource source, DynamoDbStreamsClient streams,
                        SqsClient sqs, String streamArn, String onFailureQueueUrl, String region, Consumer<String> log) {
        this.function = function;
        this.source = source;
        source.filterPatterns().forEach(p -> filters.add(EventPattern.parse(p)));
        this.streams = streams;
        this.sqs = sqs;
        this.streamArn = streamArn;
        this.onFailureQueueUrl = onFailureQueueUrl;
        this.region = region;
        this.log = log;
    }

    @Override
    public void run() {
        while (running) {
            IdleBackoff.Found found = IdleBackoff.Found.NOTHING;
            try {
                found = pollOnce();
            } catch (RuntimeException e) {
                if (running) log.accept("stream poller for " + function.functionName() + ": " + e.getMessage());
            }
            sleep(idle.after(found));
        }
    }

    public void stop() {
        running = false;
    }

    /**
     * One pass over every shard. Returns what it found: work when the function was invoked or a
     * full read says more is waiting, others when only records for other functions went by.
     */
    public IdleBackoff.Found pollOnce() {
        IdleBackoff.Found found = IdleBackoff.Found.NOTHING;
        if (shards.isEmpty() || System.nanoTime() - shardsReadAt > 5_000_000_000L) {
            shards = streams.describeStream(d -> d.streamArn(streamArn)).streamDescription().shards();
            shardsReadAt = System.nanoTime();
        }
        for (Shard shard : shards) {
            ArrayDeque<BigInteger> window = recent.computeIfAbsent(shard.shardId(), k -> new ArrayDeque<>());
            BigInteger from = window.peekFirst();
            // The next iterator of the last read is kept only while everything read was dealt with;
            // otherwise a fresh one rereads the recent window (records are then skipped by event id).
            String kept = iterators.remove(shard.shardId());
            String iterator = kept != null ? kept : streams.getShardIterator(g -> {
                g.streamArn(streamArn).shardId(shard.shardId());
                if (from == null) g.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                else g.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(from.toString());
            }).shardIterator();
            if (iterator == null) continue;
            GetRecordsResponse got = streams.getRecords(g -> g.shardIterator(iterator).limit(1000));
            List<Record> fresh = got.records().stream().filter(r -> !dealtWith.contains(r.eventID())).toList();
            if (!fresh.isEmpty()) {
                boolean invoked = deliver(shard.shardId(), fresh);
                if (invoked || got.records().size() >= 1000) found = IdleBackoff.Found.WORK;
                else if (found == IdleBackoff.Found.NOTHING) found = IdleBackoff.Found.OTHERS;
            }
            if (got.nextShardIterator() != null && fresh.stream().allMatch(r -> dealtWith.contains(r.eventID()))) {
                iterators.put(shard.shardId(), got.nextShardIterator());
            }
        }
        return found;
    }

    /** Delivers the records that match the function's filters, a batch at most; returns whether it invoked. */
    private boolean deliver(String shardId, List<Record> records) {
        List<ObjectNode> matching = new ArrayList<>();
        for (Record r : records) {
            ObjectNode json = StreamRecordsJson.record(r, region, streamArn);
            if (EventPattern.anyMatches(filters, json)) {
                matching.add(json);
            } else if (matching.isEmpty()) {
                dealtWith(shardId, json); // filtered out before any batch: dealt with
            }
            if (matching.size() == source.batchSize()) break;
        }
        if (matching.isEmpty()) return false;
        invokeBatch(shardId, matching);
        return true;
    }

    private void dealtWith(String shardId, JsonNode record) {
        dealtWith.add(record.path("eventID").asText());
        ArrayDeque<BigInteger> window = recent.get(shardId);
        window.addLast(seq(record));
        while (window.size() > LOOKBACK) window.removeFirst();
    }

    /**
     * From now on every {@code n}th batch the function answers is invoked again whole, as Lambda
     * does when an answer is lost (the function timed out after its writes, say): a fault for
     * benchmarks to inject; 0 turns it off.
     */
    public void retryWholeBatchesEvery(int n) {
        retryWholeEvery = n;
    }

    /** Invokes with the batch; returns how many leading records are dealt with. */
    private int invokeBatch(String shardId, List<ObjectNode> batch) {
        ObjectNode event = StreamRecordsJson.JSON.createObjectNode();
        ArrayNode rs = event.putArray("Records");
        batch.forEach(rs::add);
        int failedAt;
        try {
            String answer = function.invoke(event.toString());
            int every = retryWholeEvery;
            if (every > 0 && ++batchesInvoked % every == 0) answer = function.invoke(event.toString());
            failedAt = firstFailure(answer, batch);
        } catch (RuntimeException e) {
            log.accept(function.functionName() + " failed on a batch of " + batch.size() + ": " + e);
            if (source.bisectOnError() && batch.size() > 1) {
                int half = batch.size() / 2;
                int first = invokeBatch(shardId, batch.subList(0, half));
                if (first < half) return first;
                return half + invokeBatch(shardId, batch.subList(half, batch.size()));
            }
            failedAt = 0;
        }
        if (failedAt < 0) {
            batch.forEach(r -> dealtWith(shardId, r));
            return batch.size();
        }
        batch.subList(0, failedAt).forEach(r -> dealtWith(shardId, r));
        String failedId = batch.get(failedAt).path("eventID").asText();
        int tries = attempts.merge(failedId, 1, Integer::sum);
        int max = source.maximumRetryAttempts();
        if (max >= 0 && tries > max) {
            sendToOnFailure(shardId, batch.subList(failedAt, batch.size()));
            attempts.remove(failedId);
            batch.subList(failedAt, batch.size()).forEach(r -> dealtWith(shardId, r));
            return batch.size();
        }
        return failedAt;
    }

    /** Index of the first record reported failed, or -1 when all succeeded. */
    private static int firstFailure(String answer, List<ObjectNode> batch) {
        JsonNode failures;
        try {
            failures = StreamRecordsJson.JSON.readTree(answer).path("batchItemFailures");
        } catch (Exception e) {
            return -1;
        }
        int first = -1;
        for (JsonNode f : failures) {
            String id = f.path("itemIdentifier").asText();
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).path("dynamodb").path("SequenceNumber").asText().equals(id) && (first < 0 || i < first)) first = i;
            }
            if (id.isEmpty() && first < 0) first = 0; // an empty identifier fails the whole batch, as in Lambda
        }
        return first;
    }

    private void sendToOnFailure(String shardId, List<ObjectNode> records) {
        log.accept(function.functionName() + ": retries exhausted for " + records.size() + " record(s); sent to the on-failure queue");
        if (onFailureQueueUrl == null) return;
        ObjectNode msg = StreamRecordsJson.JSON.createObjectNode();
        ObjectNode ctx = msg.putObject("requestContext");
        ctx.put("functionArn", "arn:aws:lambda:" + region + ":000000000000:function:" + function.functionName());
        ctx.put("condition", "RetryAttemptsExhausted");
        ctx.put("approximateInvokeCount", source.maximumRetryAttempts() + 1);
        ObjectNode info = msg.putObject("DDBStreamBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", records.get(0).path("dynamodb").path("SequenceNumber").asText());
        info.put("endSequenceNumber", records.get(records.size() - 1).path("dynamodb").path("SequenceNumber").asText());
        info.put("batchSize", records.size());
        info.put("streamArn", streamArn);
        msg.put("timestamp", Instant.now().toString());
        sqs.sendMessage(s -> s.queueUrl(onFailureQueueUrl).messageBody(msg.toString()));
    }

    private static BigInteger seq(JsonNode record) {
        return new BigInteger(record.path("dynamodb").path("SequenceNumber").asText());
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
