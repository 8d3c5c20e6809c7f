package com.mispost.metrics.emf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mispost.metrics.MetricsRecorder;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * Metrics as CloudWatch's embedded metric format: one JSON line on stdout per data point, which
 * CloudWatch Logs turns into a metric without an API call (no PutMetricData, no client, nothing
 * to flush at the end of an invocation). Each point is published with its dimensions and without
 * any, so that alarms can watch totals.
 */
public final class EmfMetricsRecorder implements MetricsRecorder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final String function;
    private final PrintStream out;
    private final Clock clock;

    public EmfMetricsRecorder(String namespace, String function, PrintStream out, Clock clock) {
        this.namespace = namespace;
        this.function = function;
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void record(String name, double value, Unit unit, Map<String, String> dimensions) {
        out.println(line(name, value, unit, dimensions));
    }

    String line(String name, double value, Unit unit, Map<String, String> dimensions) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode sets = directive.putArray("Dimensions");
        sets.addArray();
        if (!dimensions.isEmpty()) {
            ArrayNode keys = sets.addArray();
            dimensions.keySet().forEach(keys::add);
        }
        directive.putArray("Metrics").addObject().put("Name", name).put("Unit", switch (unit) {
            case COUNT -> "Count";
            case SECONDS -> "Seconds";
            case MILLISECONDS -> "Milliseconds";
        });
        // The function is a property, not a dimension: searchable in Logs Insights, no extra metric.
        if (function != null) root.put("function", function);
        dimensions.forEach(root::put);
        root.put(name, value);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always encodes", e);
        }
    }
}
