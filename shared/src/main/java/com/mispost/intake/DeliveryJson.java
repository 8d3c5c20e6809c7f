package com.mispost.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads delivery bodies defensively: bounded nesting, strict UTF-8 (the bytes that were signed are
 * the bytes that are read), one JSON object with no field twice and nothing after it, valid
 * Unicode text, plausible times, and errors a sender can act on that quote at most a short piece
 * of a bad value.
 */
public final class DeliveryJson {
    /** Deeper than any platform's real payload; deeper input is refused rather than walked. */
    public static final int MAX_DEPTH = 32;
    /** Times outside [2000, 2100) are no post's or reaction's; they are refused at the edge. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    private static final int QUOTED_AT_MOST = 60;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private DeliveryJson() {
    }

    public static JsonNode read(byte[] body) throws MalformedDeliveryException {
        if (body.length == 0) throw new MalformedDeliveryException("the body is empty; expected a JSON object");
        requireUtf8(body);
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (msg.contains("nesting depth")) {
                throw new MalformedDeliveryException("the JSON is nested deeper than " + MAX_DEPTH + " levels");
            }
            if (msg.startsWith("Duplicate field")) {
                int q = msg.indexOf('\'');
                String field = q < 0 ? "a field" : "'" + shorten(msg.substring(q + 1, Math.max(q + 1, msg.lastIndexOf('\'')))) + "'";
                throw new MalformedDeliveryException("the JSON has " + field + " twice in one object");
            }
            if (msg.startsWith("Trailing token")) {
                throw new MalformedDeliveryException("there is more after the JSON object; a delivery is exactly one object");
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
        if (node == null || !node.isObject()) {
            throw new MalformedDeliveryException("the body must be a JSON object");
        }
        requireWholeCharacters(node, "");
        return node;
    }

    /** Refuses anything but well-formed UTF-8: overlong forms such as C0 AF ("/") would read as other text than was signed. */
    private static void requireUtf8(byte[] body) throws MalformedDeliveryException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            utf8.decode(in);
        } catch (CharacterCodingException e) {
            throw new MalformedDeliveryException("the body is not valid UTF-8 (at byte " + in.position() + ")");
        }
    }

    /** JSON may escape half a surrogate pair ("\ud83d"); such text cannot be stored or shown, so it is refused. */
    private static void requireWholeCharacters(JsonNode node, String path) throws MalformedDeliveryException {
        if (node.isTextual()) {
            if (hasLoneSurrogate(node.textValue())) {
                throw new MalformedDeliveryException((path.isEmpty() ? "a value" : "'" + shorten(path) + "'")
                        + " holds an unpaired UTF-16 surrogate (\\ud800-\\udfff); text must be whole Unicode characters");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (hasLoneSurrogate(field.getKey())) {
                    throw new MalformedDeliveryException("a field name holds an unpaired UTF-16 surrogate (\\ud800-\\udfff)");
                }
                requireWholeCharacters(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) requireWholeCharacters(node.get(i), path + "[" + i + "]");
        }
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
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
        Instant at;
        try {
            at = OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                at = Instant.parse(v);
            } catch (DateTimeParseException e2) {
                throw new MalformedDeliveryException(where + ": '" + field + "' is not an ISO-8601 time: " + shorten(v));
            }
        }
        return plausible(at, where + ": '" + field + "'");
    }

    /** The time when it lies in [{@link #EARLIEST}, {@link #LATEST}); else an error naming {@code what}. */
    public static Instant plausible(Instant at, String what) throws MalformedDeliveryException {
        if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
            throw new MalformedDeliveryException(what + " is not a plausible time: it must be between 2000 and 2100");
        }
        return at;
    }

    /** At most a short piece of a value, for error messages: whole bad values are not echoed back. */
    public static String shorten(String s) {
        return s.length() <= QUOTED_AT_MOST ? s : s.substring(0, QUOTED_AT_MOST - 3) + "...";
    }
}
