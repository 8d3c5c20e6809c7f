package com.mispost.incident;

import com.mispost.detection.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecyclePolicyTest {
    @Test
    void theDefaultsEscalateFasterTheGraverTheIncident() {
        LifecyclePolicy p = LifecyclePolicy.DEFAULT;
        assertThat(p.escalateAfter(Severity.CRITICAL)).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.escalateAfter(Severity.HIGH)).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.escalateAfter(Severity.MEDIUM)).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.escalateAfter(Severity.LOW)).isEqualTo(Duration.ofHours(2));
        assertThat(p.escalateAfter(Severity.NONE)).isEqualTo(Duration.ofHours(2));
        assertThat(p.escalationLimit()).isEqualTo(3);
        assertThat(p.closeWhenQuiet()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aLocalRunCanLiveMinutesInSeconds() {
        LifecyclePolicy p = LifecyclePolicy.of("critical=5s,high=10s,medium=PT30S,low=2m", 2, "20s", "6s");
        assertThat(p.escalateAfter(Severity.CRITICAL)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.escalateAfter(Severity.MEDIUM)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.spikeWindow()).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.closeWhenQuiet()).isEqualTo(Duration.ofSeconds(6));
        assertThat(LifecyclePolicy.of("", 3, null, " ")).isEqualTo(LifecyclePolicy.DEFAULT);
    }

    @Test
    void aSeverityNotNamedEscalatesLikeTheNearestMilderOne() {
        LifecyclePolicy p = LifecyclePolicy.of("medium=20m,critical=1m", 3, "", "");
        assertThat(p.escalateAfter(Severity.HIGH)).isEqualTo(Duration.ofMinutes(20));
        assertThat(p.escalateAfter(Severity.LOW)).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void nonsenseIsRefusedWithWhatWasWrong() {
        assertThatThrownBy(() -> LifecyclePolicy.of("urgent=5m", 3, "", "")).hasMessageContaining("unknown severity 'urgent'");
        assertThatThrownBy(() -> LifecyclePolicy.duration("soon")).hasMessageContaining("not a duration: 'soon'");
        assertThatThrownBy(() -> LifecyclePolicy.duration("0s")).hasMessageContaining("must be positive");
    }
}
