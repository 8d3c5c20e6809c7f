package com.mispost.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads delivery bodies defensively: bounded nesting, strict UTF-8, and errors a sender can act on. */
public final class DeliveryJson {
    /** Deeper than any platform's real payload; deeper input is refused rather than walked. */
    public static final int MAX_DEPTH = 32;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build());

    private DeliveryJson() {
    }

    public static JsonNode read(byte[] body) throws MalformedDeliveryException {
        if (body.length == 0) throw new MalformedDeliveryException("the body is empty; expected a JSON object");
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new MalformedDeliveryException("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            if (msg != null && msg.contains("nesting depth")) {
                throw new MalformedDeliveryException("the JSON is nested deeper than " + MAX_DEPTH + " levels");
            }
            if (msg != null && msg.contains("UTF")) {
                throw new MalformedDeliveryException("the body is not valid UTF-8");
            }
            if (e instanceof StreamConstraintsException) {
                throw new MalformedDeliveryException("the JSON holds a value longer than intake accepts");
            }
            // Some Jackson errors carry no location; the message must not depend on one.
            throw new MalformedDeliveryException(e.getLocation() == null ? "the body is not valid JSON"
                    : "the body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new MalformedDeliveryException("the body could not be read as JSON");
        }
    }

    /** A required text field, or an error naming it. */
    public static String text(JsonNode node, String field, String where) throws MalformedDeliveryException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new MalformedDeliveryException(where + ": missing field '" + field + "'");
        }
        return v.asText();
    }

    /** An optional text field, or null. */
    public static String optText(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || !v.isValueNode() || v.asText().isEmpty() ? null : v.asText();
    }

    /** An ISO-8601 timestamp, or the fallback when absent. */
    public static Instant instant(JsonNode node, String field, Instant fallback, String where)
            throws MalformedDeliveryException {
        String v = optText(node, field);
        if (v == null) return fallback;
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e2) {
                throw new MalformedDeliveryException(where + ": '" + field + "' is not an ISO-8601 time: " + v);
            }
        }
    }
}
