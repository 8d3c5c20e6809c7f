package com.mispost.intake.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.mispost.intake.DeliveryJson;
import com.mispost.intake.MalformedDeliveryException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the loosely typed fields the platforms send (ids as strings or numbers, times as epoch
 * seconds, epoch milliseconds, ISO-8601 or X's "Sat Nov 28 05:30:03 +0000 2020") without ever
 * throwing anything but {@link MalformedDeliveryException}.
 */
final class Fields {
    private static final DateTimeFormatter X_TIME =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);

    private Fields() {
    }

    /** The node at a path of object fields; a missing node (never null) when any step is absent. */
    static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) n = n.path(p);
        return n;
    }

    /**
     * A non-blank string, or an integral number written out exactly (ids: never through a double),
     * or null for anything else.
     */
    static String str(JsonNode n) {
        if (n == null) return null;
        if (n.isTextual()) return n.textValue().isBlank() ? null : n.textValue();
        if (n.isIntegralNumber()) return n.bigIntegerValue().toString();
        return null;
    }

    static String str(JsonNode node, String... path) {
        return str(at(node, path));
    }

    static String require(JsonNode node, String field, String where) throws MalformedDeliveryException {
        String v = str(node, field);
        if (v == null) throw new MalformedDeliveryException(where + ": missing field '" + field + "'");
        return v;
    }

    /** The object at a field, or an error naming it. */
    static JsonNode object(JsonNode node, String field, String where) throws MalformedDeliveryException {
        JsonNode v = node.path(field);
        if (!v.isObject()) throw new MalformedDeliveryException(where + ": missing object '" + field + "'");
        return v;
    }

    /** The elements of an array field; empty when the field is absent or not an array. */
    static List<JsonNode> elements(JsonNode node, String field) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode v = node.path(field);
        if (v.isArray()) v.forEach(out::add);
        return out;
    }

    static boolean isTrue(JsonNode n) {
        return n.isBoolean() ? n.booleanValue() : n.isNumber() ? n.asInt() != 0 : "true".equals(n.asText());
    }

    /** Epoch seconds (number or digits), or ISO-8601; null when absent. */
    static Instant epochSecondsOrIso(JsonNode n, String where) throws MalformedDeliveryException {
        Long digits = digits(n);
        if (digits != null) return epoch(digits, 1, where);
        return isoOrNull(n, where);
    }

    /** Epoch milliseconds (number or digits); null when absent. */
    static Instant epochMillis(JsonNode n, String where) throws MalformedDeliveryException {
        Long digits = digits(n);
        if (digits != null) return epoch(digits, 1000, where);
        if (n.isMissingNode() || n.isNull()) return null;
        throw new MalformedDeliveryException(where + ": '" + DeliveryJson.shorten(n.asText()) + "' is not epoch milliseconds");
    }

    /** ISO-8601 with an offset, or null when absent. */
    static Instant isoOrNull(JsonNode n, String where) throws MalformedDeliveryException {
        String v = str(n);
        if (v == null) return null;
        try {
            return DeliveryJson.plausible(OffsetDateTime.parse(v).toInstant(), where);
        } catch (DateTimeParseException e) {
            try {
                // Meta writes offsets without a colon: 2024-01-02T03:04:05+0000
                return DeliveryJson.plausible(
                        OffsetDateTime.parse(v, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")).toInstant(), where);
            } catch (DateTimeParseException e2) {
                throw new MalformedDeliveryException(where + ": '" + DeliveryJson.shorten(v) + "' is not an ISO-8601 time");
            }
        }
    }

    /** X's v1.1 time format, or null when absent. */
    static Instant xTime(JsonNode n, String where) throws MalformedDeliveryException {
        String v = str(n);
        if (v == null) return null;
        try {
            return DeliveryJson.plausible(ZonedDateTime.parse(v, X_TIME).toInstant(), where);
        } catch (DateTimeParseException e) {
            throw new MalformedDeliveryException(where + ": '" + DeliveryJson.shorten(v) + "' is not an X time"
                    + " (like 'Sat Nov 28 05:30:03 +0000 2020')");
        }
    }

    private static Long digits(JsonNode n) {
        if (n.isIntegralNumber() && n.canConvertToLong()) return n.longValue();
        if (n.isTextual()) {
            String t = n.textValue();
            if (!t.isEmpty() && t.length() <= 18 && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Long.parseLong(t);
            }
        }
        return null;
    }

    private static Instant epoch(long value, long perSecond, String where) throws MalformedDeliveryException {
        // Bounded before converting, so that no value overflows on the way to the range check.
        if (value < 0 || value / perSecond > DeliveryJson.LATEST.getEpochSecond()) {
            throw new MalformedDeliveryException(where + ": " + value + " is not a plausible time");
        }
        return DeliveryJson.plausible(perSecond == 1 ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value), where);
    }

}
