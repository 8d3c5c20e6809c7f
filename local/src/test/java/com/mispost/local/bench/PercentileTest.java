package com.mispost.local.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benches' percentile: nearest rank, and the median of an even count as the mean of the middle two. */
class PercentileTest {
    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Percentile.of(new double[]{1, 2, 3, 10}, 50)).isEqualTo(2.5);
        assertThat(Percentile.of(new double[]{1, 2, 3}, 50)).isEqualTo(2);
    }

    @Test
    void tailPercentilesTakeTheNearestRank() {
        double[] hundred = new double[100];
        for (int i = 0; i < 100; i++) hundred[i] = i + 1;
        assertThat(Percentile.of(hundred, 10)).isEqualTo(10);
        assertThat(Percentile.of(hundred, 90)).isEqualTo(90);
        assertThat(Percentile.of(new double[]{5}, 90)).isEqualTo(5);
        double[] times = {1, 2, 3, 4, 5, 6, 7, 8, 9, 1000};
        assertThat(Percentile.of(times, 99)).isEqualTo(1000);
    }
}
