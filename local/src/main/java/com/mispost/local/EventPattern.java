package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Lambda event filtering (FilterCriteria), as an event source mapping applies it to each record
 * before invoking: exact values, prefix, suffix, exists, anything-but, numeric ranges and
 * equals-ignore-case; fields in a pattern are ANDed, values in a list ORed, filters ORed.
 */
public final class EventPattern {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode pattern;

    private EventPattern(JsonNode pattern) {
        this.pattern = pattern;
    }

    public static EventPattern parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) throw new IllegalArgumentException("a filter pattern is a JSON object: " + json);
            return new EventPattern(node);
        } catch (IOException e) {
            throw new UncheckedIOException("bad filter pattern " + json, e);
        }
    }

    /** Whether any of the filters matches the record (no filters: everything matches). */
    public static boolean anyMatches(List<EventPattern> filters, JsonNode record) {
        if (filters.isEmpty()) return true;
        for (EventPattern p : filters) if (p.matches(record)) return true;
        return false;
    }

    public boolean matches(JsonNode record) {
        return matchObject(pattern, record);
    }

    private static boolean matchObject(JsonNode pattern, JsonNode value) {
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = value == null ? null : value.get(f.getKey());
            JsonNode p = f.getValue();
            if (p.isObject()) {
                if (v == null || !v.isObject() || !matchObject(p, v)) return false;
            } else if (p.isArray()) {
                if (!matchAny(p, v)) return false;
            } else {
                throw new IllegalArgumentException("filter values must be lists or objects: " + f.getKey());
            }
        }
        return true;
    }

    private static boolean matchAny(JsonNode alternatives, JsonNode v) {
        for (JsonNode alt : alternatives) {
            if (alt.isObject() && alt.has("exists")) {
                if (alt.get("exists").asBoolean() == (v != null && !v.isNull())) return true;
                continue;
            }
            if (v == null) continue;
            if (v.isArray()) {
                for (JsonNode e : v) if (matchOne(alt, e)) return true;
            } else if (matchOne(alt, v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchOne(JsonNode alt, JsonNode v) {
        if (alt.isNull()) return v.isNull();
        if (alt.isTextual()) return v.isTextual() && v.asText().equals(alt.asText());
        if (alt.isNumber()) return v.isNumber() && v.decimalValue().compareTo(alt.decimalValue()) == 0;
        if (alt.isBoolean()) return v.isBoolean() && v.asBoolean() == alt.asBoolean();
        if (alt.isObject()) {
            if (alt.has("prefix")) return v.isTextual() && v.asText().startsWith(alt.get("prefix").asText());
            if (alt.has("suffix")) return v.isTextual() && v.asText().endsWith(alt.get("suffix").asText());
            if (alt.has("equals-ignore-case")) return v.isTextual() && v.asText().equalsIgnoreCase(alt.get("equals-ignore-case").asText());
            if (alt.has("anything-but")) {
                JsonNode but = alt.get("anything-but");
                if (but.isArray()) {
                    for (JsonNode b : but) if (matchOne(b, v)) return false;
                    return true;
                }
                return !matchOne(but, v);
            }
            if (alt.has("numeric")) return numeric(alt.get("numeric"), v);
        }
        throw new IllegalArgumentException("unsupported filter value " + alt);
    }

    private static boolean numeric(JsonNode ops, JsonNode v) {
        double x;
        if (v.isNumber()) x = v.asDouble();
        else if (v.isTextual()) {
            try {
                x = Double.parseDouble(v.asText());
            } catch (NumberFormatException e) {
                return false;
            }
        } else return false;
        for (int i = 0; i + 1 < ops.size(); i += 2) {
            double bound = ops.get(i + 1).asDouble();
            boolean ok = switch (ops.get(i).asText()) {
                case "=" -> x == bound;
                case "<" -> x < bound;
                case "<=" -> x <= bound;
                case ">" -> x > bound;
                case ">=" -> x >= bound;
                default -> throw new IllegalArgumentException("unsupported numeric operator " + ops.get(i));
            };
            if (!ok) return false;
        }
        return true;
    }
}
