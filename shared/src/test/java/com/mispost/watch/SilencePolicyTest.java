package com.mispost.watch;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SilencePolicyTest {
    @Test
    void silenceCountsAfterHalfAsLongAgainAsTheLongestGapBetweenTheFloorAndTheCap() {
        SilencePolicy p = SilencePolicy.of(null, null);
        assertThat(p.silenceAfter(Duration.ZERO)).as("nothing learned: the floor").isEqualTo(Duration.ofHours(2));
        assertThat(p.silenceAfter(Duration.ofMinutes(40))).as("a busy account: still the floor").isEqualTo(Duration.ofHours(2));
        assertThat(p.silenceAfter(Duration.ofHours(10))).as("quiet overnight").isEqualTo(Duration.ofHours(15));
        assertThat(p.silenceAfter(Duration.ofDays(3))).as("never longer than the cap").isEqualTo(Duration.ofHours(24));
        assertThat(p.handshakeMaxAge()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void floorAndCapAreConfigurableAndTheCapIsNeverBelowTheFloor() {
        assertThat(SilencePolicy.of("20s", "").silenceAfter(Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(20));
        assertThat(SilencePolicy.of("6h", "1h").cap()).isEqualTo(Duration.ofHours(6));
        assertThatThrownBy(() -> SilencePolicy.of("soon", null)).hasMessageContaining("not a duration");
    }
}
