package com.mispost.metrics;

import java.util.Map;

/**
 * Where the suite's numbers go (deliveries, alerts, delays, the outbox, the watchdog). One data
 * point at a time, each with the dimensions it is broken down by; every point is also counted
 * without dimensions, so an alarm can watch the total. The names are listed in README
 * ("Operating it") and the alarms in template.yaml use them.
 */
public interface MetricsRecorder {
    enum Unit { COUNT, SECONDS, MILLISECONDS }

    void record(String name, double value, Unit unit, Map<String, String> dimensions);

    default void count(String name, Map<String, String> dimensions) {
        record(name, 1, Unit.COUNT, dimensions);
    }

    /** For tests and tools that measure nothing. */
    MetricsRecorder NONE = (name, value, unit, dimensions) -> { };
}
