package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

import java.util.Base64;
import java.util.Map;

/** DynamoDB Streams records (as the Streams API returns them) in the JSON shape Lambda delivers. */
final class StreamRecordsJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private StreamRecordsJson() {
    }

    static ObjectNode record(Record r, String region, String streamArn) {
        ObjectNode o = JSON.createObjectNode();
        o.put("eventID", r.eventID());
        o.put("eventName", r.eventNameAsString());
        o.put("eventVersion", r.eventVersion() == null ? "1.1" : r.eventVersion());
        o.put("eventSource", "aws:dynamodb");
        o.put("awsRegion", region);
        StreamRecord s = r.dynamodb();
        ObjectNode d = o.putObject("dynamodb");
        if (s.approximateCreationDateTime() != null) d.put("ApproximateCreationDateTime", s.approximateCreationDateTime().getEpochSecond());
        if (s.hasKeys()) d.set("Keys", image(s.keys()));
        if (s.hasNewImage()) d.set("NewImage", image(s.newImage()));
        if (s.hasOldImage()) d.set("OldImage", image(s.oldImage()));
        d.put("SequenceNumber", s.sequenceNumber());
        if (s.sizeBytes() != null) d.put("SizeBytes", s.sizeBytes());
        if (s.streamViewTypeAsString() != null) d.put("StreamViewType", s.streamViewTypeAsString());
        o.put("eventSourceARN", streamArn);
        return o;
    }

    static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode o = JSON.createObjectNode();
        item.forEach((k, v) -> o.set(k, value(v)));
        return o;
    }

    static JsonNode value(AttributeValue v) {
        ObjectNode o = JSON.createObjectNode();
        if (v.s() != null) o.put("S", v.s());
        else if (v.n() != null) o.put("N", v.n());
        else if (v.bool() != null) o.put("BOOL", v.bool());
        else if (Boolean.TRUE.equals(v.nul())) o.put("NULL", true);
        else if (v.b() != null) o.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
        else if (v.hasM()) o.set("M", image(v.m()));
        else if (v.hasL()) {
            ArrayNode a = o.putArray("L");
            v.l().forEach(e -> a.add(value(e)));
        } else if (v.hasSs()) {
            ArrayNode a = o.putArray("SS");
            v.ss().forEach(a::add);
        } else if (v.hasNs()) {
            ArrayNode a = o.putArray("NS");
            v.ns().forEach(a::add);
        } else if (v.hasBs()) {
            ArrayNode a = o.putArray("BS");
            v.bs().forEach(b -> a.add(Base64.getEncoder().encodeToString(b.asByteArray())));
        } else o.put("NULL", true);
        return o;
    }
}
