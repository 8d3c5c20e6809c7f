package com.mispost.detection;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Characters that show nothing, or show as other letters, never hide a word from the detector. */
class TextNormaliserTest {
    private final MispostDetector detector = new MispostDetector();

    private static Set<Category> found(String text) {
        return Reading.of(text, Lexicon.shipped()).matches.stream().map(Match::category).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "what the f\u200Buck is this",
            "what the f\u00ADu\u00ADc\u00ADk is this",
            "what the f\u200Du\u200Dc\u200Dk is this",
            "what the fu\u2060ck is this",
            "what the \uFEFFfuck is this",
            "what the f\u0336u\u0336c\u0336k\u0336 is this",
            "what the \u202Ekcuf\u202C is this",
            "total bull\u200Bshit",
            "#f\u200Buckmondays"})
    void invisibleAndBidiCharactersNeverHideAWord(String text) {
        assertThat(found(text)).contains(Category.PROFANITY);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "what the fu\u0441k is this",        // Cyrillic es
            "absolute \u0455\u04BB\u0456t service", // Cyrillic dze, shha, byelorussian i
            "what the f\u03C5ck is this",        // Greek upsilon
            "what the \uFF46\uFF55\uFF43\uFF4B is this", // fullwidth
            "WHAT THE FU\u0421K"})               // Cyrillic capital es
    void homoglyphsAreReadAsTheLettersTheyPoseAs(String text) {
        assertThat(found(text)).contains(Category.PROFANITY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u041f\u0440\u0438\u0432\u0435\u0442, \u043a\u0430\u043a \u0434\u0435\u043b\u0430?",
            "\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1 \u03c3\u03b5 \u03cc\u03bb\u03bf\u03c5\u03c2"})
    void realCyrillicAndGreekAreLeftAsTheyAre(String text) {
        assertThat(Tokenizer.tokens(text)).extracting(Token::key).allSatisfy(k -> assertThat(k).doesNotContainPattern("[a-z]"));
    }

    @Test
    void aDisguisedPostScoresAsTheOneItDisguises() {
        String plain = "ugh my boss is a fucking asshole, fuck this job";
        String hidden = "ugh my boss is a f\u200Bucking a\u200Bsshole, f\u200Buck this job";
        Assessment seen = detector.assess(Fixtures.post(plain), Fixtures.ACCOUNT, Fixtures.brandVoice());
        Assessment disguised = detector.assess(Fixtures.post(hidden), Fixtures.ACCOUNT, Fixtures.brandVoice());
        assertThat(disguised.severity()).isEqualTo(seen.severity());
        assertThat(disguised.score()).isCloseTo(seen.score(), org.assertj.core.data.Offset.offset(0.05));
        assertThat(disguised.score()).isGreaterThan(0.5);
    }
}
