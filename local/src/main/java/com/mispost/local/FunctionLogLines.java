package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The functions' JSON log lines (and EMF metric lines) made readable for a person watching
 * {@code ./mispost local}: time, level and message, then the context fields; a metric as
 * {@code name=value} with its dimensions. Lines that are not JSON pass through unchanged.
 */
public final class FunctionLogLines {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SHOWN = Set.of("timestamp", "level", "message", "logger", "function", "stack_trace");

    private FunctionLogLines() {
    }

    /** {@code line} as the local runtime hands it over: {@code [FunctionName] text}. */
    public static String readable(String line) {
        int json = line.indexOf("] {");
        if (!line.startsWith("[") || json < 0) return line;
        String prefix = line.substring(0, json + 1);
        JsonNode n;
        try {
            n = JSON.readTree(line.substring(json + 2));
        } catch (Exception notJson) {
            return line;
        }
        if (n == null || !n.isObject()) return line;
        StringBuilder b = new StringBuilder(prefix).append(' ');
        if (n.has("_aws")) {
            JsonNode metric = n.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics").path(0);
            String name = metric.path("Name").asText();
            b.append("metric ").append(name).append('=').append(n.path(name).asText()).append(' ')
                    .append(metric.path("Unit").asText());
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!f.getKey().equals("_aws") && !f.getKey().equals(name) && !f.getKey().equals("function")) {
                    b.append(' ').append(f.getKey()).append('=').append(f.getValue().asText());
                }
            }
            return b.toString();
        }
        String time = n.path("timestamp").asText();
        int t = time.indexOf('T');
        b.append(t >= 0 && time.length() >= t + 13 ? time.substring(t + 1, t + 13) : time).append(' ')
                .append(String.format("%-5s", n.path("level").asText())).append(' ').append(n.path("message").asText());
        StringBuilder context = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!SHOWN.contains(f.getKey())) context.append(context.length() == 0 ? "" : " ").append(f.getKey()).append('=')
                    .append(f.getValue().asText());
        }
        if (context.length() > 0) b.append("  (").append(context).append(')');
        if (n.has("stack_trace")) b.append('\n').append(n.path("stack_trace").asText());
        return b.toString();
    }
}
