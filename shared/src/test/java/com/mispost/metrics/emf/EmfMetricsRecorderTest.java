package com.mispost.metrics.emf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.metrics.MetricsRecorder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmfMetricsRecorderTest {
    private static final Instant T = Instant.parse("2026-11-20T22:14:03Z");

    @Test
    void aDataPointIsOneEmbeddedMetricFormatLineWithItsDimensionsAndATotal() throws Exception {
        var bytes = new ByteArrayOutputStream();
        var metrics = new EmfMetricsRecorder("Mispost/test", "intake", new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Clock.fixed(T, ZoneOffset.UTC));
        Map<String, String> dims = new LinkedHashMap<>();
        dims.put("platform", "x");
        dims.put("outcome", "stored");
        metrics.count("Deliveries", dims);
        metrics.record("SweepDuration", 12.5, MetricsRecorder.Unit.MILLISECONDS, Map.of());

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        JsonNode directive = first.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(first.path("_aws").path("Timestamp").asLong()).isEqualTo(T.toEpochMilli());
        assertThat(directive.path("Namespace").asText()).isEqualTo("Mispost/test");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[],[\"platform\",\"outcome\"]]");
        assertThat(directive.path("Metrics").path(0).path("Name").asText()).isEqualTo("Deliveries");
        assertThat(directive.path("Metrics").path(0).path("Unit").asText()).isEqualTo("Count");
        assertThat(first.path("Deliveries").asDouble()).isEqualTo(1.0);
        assertThat(first.path("platform").asText()).isEqualTo("x");
        assertThat(first.path("outcome").asText()).isEqualTo("stored");
        assertThat(first.path("function").asText()).isEqualTo("intake");

        JsonNode second = new ObjectMapper().readTree(lines[1]);
        assertThat(second.path("_aws").path("CloudWatchMetrics").path(0).path("Dimensions").toString()).isEqualTo("[[]]");
        assertThat(second.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics").path(0).path("Unit").asText())
                .isEqualTo("Milliseconds");
        assertThat(second.path("SweepDuration").asDouble()).isEqualTo(12.5);
    }
}
