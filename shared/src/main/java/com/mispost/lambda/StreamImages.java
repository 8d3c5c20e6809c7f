package com.mispost.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.slf4j.MDC;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * DynamoDB stream batches as Lambda delivers them: images converted to the SDK's attribute
 * values (so one item codec reads both), and partial batch failures reported as Lambda expects.
 */
public final class StreamImages {
    private StreamImages() {
    }

    public static Map<String, AttributeValue> newImage(DynamodbEvent.DynamodbStreamRecord record) {
        return convert(record.getDynamodb().getNewImage());
    }

    public static Map<String, AttributeValue> convert(
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        if (image != null) image.forEach((k, v) -> out.put(k, convert(v)));
        return out;
    }

    private static AttributeValue convert(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) return AttributeValue.fromS(v.getS());
        if (v.getN() != null) return AttributeValue.fromN(v.getN());
        if (v.getBOOL() != null) return AttributeValue.fromBool(v.getBOOL());
        if (v.getNULL() != null) return AttributeValue.fromNul(v.getNULL());
        if (v.getM() != null) return AttributeValue.fromM(convert(v.getM()));
        if (v.getL() != null) return AttributeValue.fromL(v.getL().stream().map(StreamImages::convert).toList());
        if (v.getSS() != null) return AttributeValue.fromSs(v.getSS());
        if (v.getNS() != null) return AttributeValue.fromNs(v.getNS());
        if (v.getB() != null) return AttributeValue.fromB(SdkBytes.fromByteBuffer(v.getB()));
        if (v.getBS() != null) return AttributeValue.fromBs(v.getBS().stream().map(SdkBytes::fromByteBuffer).toList());
        return AttributeValue.fromNul(true);
    }

    /**
     * Processes records in order and stops at the first failure, reporting it: Lambda then
     * retries from that record, and the ones before it are not processed twice.
     */
    public static StreamsEventResponse process(DynamodbEvent event, Consumer<DynamodbEvent.DynamodbStreamRecord> each,
                                               Consumer<RuntimeException> onFailure) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            String logKey = logKey(record);
            if (logKey != null) MDC.put(logKey, partitionKey(record).substring(partitionKey(record).indexOf('#') + 1));
            try {
                each.accept(record);
            } catch (RuntimeException e) {
                onFailure.accept(e);
                failures.add(StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(record.getDynamodb().getSequenceNumber()).build());
                break;
            } finally {
                if (logKey != null) MDC.remove(logKey);
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    /** Log lines while a record is handled name its post or incident (never its text). */
    private static String logKey(DynamodbEvent.DynamodbStreamRecord record) {
        String pk = partitionKey(record);
        if (pk == null) return null;
        if (pk.startsWith("POST#")) return "postKey";
        if (pk.startsWith("INCIDENT#")) return "incidentId";
        return null;
    }

    private static String partitionKey(DynamodbEvent.DynamodbStreamRecord record) {
        var keys = record.getDynamodb() == null ? null : record.getDynamodb().getKeys();
        var pk = keys == null ? null : keys.get("PK");
        return pk == null ? null : pk.getS();
    }
}
