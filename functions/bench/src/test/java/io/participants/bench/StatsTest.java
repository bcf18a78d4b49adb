package io.participants.bench;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleSampleWhateverTheOrder() {
        assertThat(Stats.median(9, 1, 5, 3, 7)).isEqualTo(5.0);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleSamples() {
        assertThat(Stats.median(4, 1, 3, 2)).isEqualTo(2.5);
    }

    @Test
    void percentilesAreNearestRank() {
        long[] hundred = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray();

        assertThat(Stats.percentile(hundred, 50)).isEqualTo(50);
        assertThat(Stats.percentile(hundred, 99)).isEqualTo(99);
        assertThat(Stats.percentile(hundred, 100)).isEqualTo(100);
        assertThat(Stats.percentile(hundred, 0.5)).isEqualTo(1);
    }

    @Test
    void theP99OfFewSamplesIsTheLargest() {
        assertThat(Stats.percentile(new long[] {5, 1, 9, 3, 7, 2, 8, 4, 6, 10}, 99)).isEqualTo(10);
    }

    @Test
    void theP99OfTenThousandSamplesIgnoresOnlyTheSlowestHundred() {
        long[] samples = LongStream.range(0, 10_000).map(i -> i < 9_899 ? 1 : 1_000).toArray();

        assertThat(Stats.percentile(samples, 99)).isEqualTo(1_000);
        samples[9_899] = 1;
        assertThat(Stats.percentile(samples, 99)).isEqualTo(1);
    }

    @Test
    void minAndMax() {
        assertThat(Stats.min(3, -1, 2)).isEqualTo(-1);
        assertThat(Stats.max(3, -1, 2)).isEqualTo(3);
    }

    @Test
    void noSamplesOrAnImpossiblePercentileAreErrors() {
        assertThatThrownBy(() -> Stats.median()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 101)).isInstanceOf(IllegalArgumentException.class);
    }
}
