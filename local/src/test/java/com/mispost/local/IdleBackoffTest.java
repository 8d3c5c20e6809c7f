package com.mispost.local;

import org.junit.jupiter.api.Test;

import static com.mispost.local.IdleBackoff.Found.NOTHING;
import static com.mispost.local.IdleBackoff.Found.OTHERS;
import static com.mispost.local.IdleBackoff.Found.WORK;
import static org.assertj.core.api.Assertions.assertThat;

class IdleBackoffTest {
    @Test
    void workMeansNoPauseAndIdlePollsWaitLongerUpToFourAPollsSecond() {
        IdleBackoff b = new IdleBackoff();
        assertThat(b.after(WORK)).isZero();
        assertThat(b.after(NOTHING)).isEqualTo(25);
        assertThat(b.after(NOTHING)).isEqualTo(50);
        assertThat(b.after(NOTHING)).isEqualTo(100);
        assertThat(b.after(NOTHING)).isEqualTo(200);
        assertThat(b.after(NOTHING)).isEqualTo(250);
        assertThat(b.after(NOTHING)).isEqualTo(250);
        assertThat(b.after(WORK)).isZero();
        assertThat(b.after(NOTHING)).as("work resets the pause").isEqualTo(25);
    }

    @Test
    void recordsForOtherFunctionsAreNoReasonForATightLoopButKeepThePollerAwake() {
        IdleBackoff b = new IdleBackoff();
        assertThat(b.after(OTHERS)).isEqualTo(25);
        assertThat(b.after(OTHERS)).isEqualTo(50);
        for (int i = 0; i < 5; i++) b.after(OTHERS);
        assertThat(b.after(OTHERS)).as("at most Lambda's base rate, however many records go by").isEqualTo(IdleBackoff.BASE_RATE_MS);
        assertThat(b.after(WORK)).isZero();
    }
}
