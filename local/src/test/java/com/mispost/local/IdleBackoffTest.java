package com.mispost.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdleBackoffTest {
    @Test
    void workMeansNoPauseAndIdlePollsWaitLongerUpToFourAPollsSecond() {
        IdleBackoff b = new IdleBackoff();
        assertThat(b.after(true)).isZero();
        assertThat(b.after(false)).isEqualTo(25);
        assertThat(b.after(false)).isEqualTo(50);
        assertThat(b.after(false)).isEqualTo(100);
        assertThat(b.after(false)).isEqualTo(200);
        assertThat(b.after(false)).isEqualTo(250);
        assertThat(b.after(false)).isEqualTo(250);
        assertThat(b.after(true)).isZero();
        assertThat(b.after(false)).as("work resets the pause").isEqualTo(25);
    }
}
