package com.mispost.detection;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class TextFeaturesTest {

    private static int[] sorted(String text) {
        int[] hashes = TextFeatures.of(text).hashes.clone();
        Arrays.sort(hashes);
        return hashes;
    }

    @Test
    void linksMentionsAndNumbersSayWhatKindOfThingIsThere() {
        assertThat(sorted("@bob thanks, order 123 is at https://a.example/x"))
                .isEqualTo(sorted("@alice_99 thanks, order 987 is at https://b.example/y?z=1"));
        assertThat(sorted("thanks, order 123")).isNotEqualTo(sorted("thanks, order abc"));
    }

    @Test
    void eachFeatureOnceAndNoneIsZero() {
        TextFeatures features = TextFeatures.of("la la la la la la");

        assertThat(features.hashes).doesNotHaveDuplicates().doesNotContain(0);
        assertThat(features.hashes.length).isLessThan(20);
    }

    @Test
    void wordsPointAtTheOriginalText() {
        String text = "Omg   my BOSS’s car 🚗 lol";
        TextFeatures features = TextFeatures.of(text);

        assertThat(features.wordCount()).isEqualTo(6);
        assertThat(text.substring(features.wordStarts[2], features.wordEnds[2])).isEqualTo("BOSS’s");
        assertThat(text.substring(features.wordStarts[4], features.wordEnds[4])).isEqualTo("🚗");
        for (int origin : features.words) assertThat(origin).isBetween(0, 5);
    }

    @Test
    void caseAndCurlyApostrophesDoNotMatter() {
        assertThat(sorted("I'm OFF")).isEqualTo(sorted("i’m off"));
    }

    @Test
    void anEmptyTextHasNoFeatures() {
        assertThat(TextFeatures.of("").hashes).isEmpty();
        assertThat(TextFeatures.of("   ").wordCount()).isZero();
    }
}
