package com.mispost.detection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A proper name that holds a rude word is a name: it is not read as swearing, and gives no severity. */
class ProperNameTest {

    private final MispostDetector detector = new MispostDetector();

    private Assessment assess(String text) {
        return detector.assess(Fixtures.post(text), Fixtures.ACCOUNT, VoiceProfile.empty());
    }

    @Test
    void aCapitalisedNameOfSeveralWordsIsNotProfanity() {
        Assessment named = assess("Our board welcomes Richard Dick Hardcastle as chair of the Hell Creek Foundation.");

        assertThat(named.reasons()).noneMatch(r -> r.signal().startsWith("content."));
        assertThat(named.severity()).isNotIn(Severity.HIGH, Severity.CRITICAL);
    }

    @Test
    void handlesAndHashtagsOfNamesAreNames() {
        assertThat(assess("Congratulations to @DamnDanielCo on the launch! #HellsKitchen").reasons())
                .noneMatch(r -> r.signal().startsWith("content."));
    }

    @Test
    void theSameWordSaidIsStillProfanity() {
        assertThat(assess("what the hell is this damn queue, been here for hours").reasons())
                .anyMatch(r -> r.signal().startsWith("content."));
        assertThat(assess("Damn this traffic").reasons()).as("capitalised at the start of a sentence")
                .anyMatch(r -> r.signal().startsWith("content."));
        assertThat(assess("THIS IS DAMN RIDICULOUS HELL NO").reasons()).as("shouted, not a name")
                .anyMatch(r -> r.signal().startsWith("content."));
    }
}
