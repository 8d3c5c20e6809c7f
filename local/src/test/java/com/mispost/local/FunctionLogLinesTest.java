package com.mispost.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionLogLinesTest {
    @Test
    void aJsonLogLineReadsAsTimeLevelMessageAndItsContext() {
        String line = "[DetectFunction] {\"timestamp\":\"2026-11-20T22:14:03.123Z\",\"message\":\"incident i1 opened\","
                + "\"logger\":\"com.mispost.usecase.detect.PostScreener\",\"level\":\"INFO\",\"requestId\":\"r-1\","
                + "\"coldStart\":\"true\",\"postKey\":\"x/1/2\",\"function\":\"DetectFunction\"}";
        assertThat(FunctionLogLines.readable(line))
                .isEqualTo("[DetectFunction] 22:14:03.123 INFO  incident i1 opened  (requestId=r-1 coldStart=true postKey=x/1/2)");
    }

    @Test
    void anEmfLineReadsAsTheMetricWithItsDimensions() {
        String line = "[IntakeFunction] {\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"Mispost\","
                + "\"Dimensions\":[[],[\"platform\",\"outcome\"]],\"Metrics\":[{\"Name\":\"Deliveries\",\"Unit\":\"Count\"}]}]},"
                + "\"function\":\"IntakeFunction\",\"platform\":\"x\",\"outcome\":\"stored\",\"Deliveries\":1.0}";
        assertThat(FunctionLogLines.readable(line)).isEqualTo("[IntakeFunction] metric Deliveries=1.0 Count platform=x outcome=stored");
    }

    @Test
    void otherLinesPassThrough() {
        assertThat(FunctionLogLines.readable("[IntakeFunction] INIT_REPORT Init Duration: 812 ms"))
                .isEqualTo("[IntakeFunction] INIT_REPORT Init Duration: 812 ms");
        assertThat(FunctionLogLines.readable("[IntakeFunction] {not json")).isEqualTo("[IntakeFunction] {not json");
    }
}
