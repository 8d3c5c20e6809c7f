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
    @ValueSource(strings = {
            "what the \uD835\uDC1F\uD835\uDC2E\uD835\uDC1C\uD835\uDC24 is this",   // mathematical bold
            "what the \uD835\uDD23\uD835\uDD32\uD835\uDD20\uD835\uDD28 is this",   // mathematical fraktur
            "what the \uA730\u1D1C\u1D04\u1D0B is this",                                // small capitals
            "what the \u24D5\u24E4\u24D2\u24DA is this",                                // circled
            "what the \uD83C\uDD75\uD83C\uDD84\uD83C\uDD72\uD83C\uDD7A is this",   // negative squared
            "what the \uD83C\uDD35\uD83C\uDD44\uD83C\uDD32\uD83C\uDD3A is this",   // squared
            "what the \u1DA0\u1D58\u1D9C\u1D4F is this",                                // superscript (modifier letters)
            "what the f\u00FCck is this",                                                  // precomposed accent
            "what the f\u01D4\u010D\u1E31 is this",                                      // several
            "what the f\u057Dck is this",                                                  // Armenian seh
            "what a load of sh\u0457t",                                                    // Cyrillic yi: i with a diaeresis
            "what a load of \u13DAhit",                                                    // Cherokee
            "what the \uA4DDuck is this",                                                  // Lisu
            "what the \u15B4uck is this",                                                  // Canadian syllabics
            "what the f\uDB40\uDC75\uDB40\uDC63uck is this",                            // tag characters
            "what the fu\uDB40\uDD00ck is this",                                          // supplementary variation selector
            "what the f\u3164uck is this",                                                 // Hangul filler
            "what the fu\u00A0ck is this",                                                 // no-break space inside
            "what the f\u00A0u\u00A0c\u00A0k is this",
            "you m\u00A0o\u00A0t\u00A0h\u00A0e\u00A0r\u00A0f\u00A0u\u00A0c\u00A0k\u2800e\u00A0r",              // a long word spelt out, every letter glued
            "total b\u0455\u028Cll\u0455hit",                                            // mixed scripts and a Latin look-alike
            "\uD835\uDC12\uD835\uDC07\uD835\uDC08\uD835\uDC13"})                  // bold capitals alone
    void disguisesFromUnicodesFamiliesAreReadAsTheLettersTheyShow(String text) {
        assertThat(found(text)).as(text).contains(Category.PROFANITY);
    }

    @Test
    void evidencePointsAtTheCharactersAsPosted() {
        String text = "ok \uD835\uDC1F\uD835\uDC2E\uD835\uDC1C\uD835\uDC24 it";
        Match m = Reading.of(text, Lexicon.shipped()).matches.stream().filter(x -> x.category() == Category.PROFANITY)
                .findFirst().orElseThrow();
        assertThat(text.substring(m.start(), m.end())).isEqualTo("\uD835\uDC1F\uD835\uDC2E\uD835\uDC1C\uD835\uDC24");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\u0410\u0440\u0445\u0438\u0432 \u0441\u043e\u0440\u0441 \u0438 \u0432\u0441\u0451",  // Russian with look-alike words
            "\u0546\u0578\u0580 \u057d\u0578\u0582\u0580\u0573",                                       // Armenian
            "\u0393\u03b5\u03b9\u03ac \u03c3\u03bf\u03c5, \u03ba\u03b1\u03bb\u03ae \u03bc\u03ad\u03c1\u03b1"})
    void wordsOfAScriptTheTextWritesStayThatScriptsWords(String text) {
        assertThat(Tokenizer.tokens(text)).extracting(Token::key).allSatisfy(k -> assertThat(k).doesNotContainPattern("[a-z]"));
    }

    @Test
    void aWordOfLookAlikesIsThatScriptsOwnInATextInThatScript() {
        // "\u0430\u0455\u0455" shows as "ass": an English post's disguise, a Cyrillic post's own word.
        assertThat(found("what an \u0430\u0455\u0455")).contains(Category.PROFANITY);
        assertThat(found("\u041d\u0430\u0448 \u043f\u0440\u043e\u0434\u0443\u043a\u0442 \u0430\u0455\u0455")).doesNotContain(Category.PROFANITY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Scunthorpe United won again", "a classic assessment of the passage",
            "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e", "\uD83C\uDDF8\uD83C\uDDED\uD83C\uDDEE\uD83C\uDDF9 holidays",
            "our pen\u00A0is in the\u00A0box, see you at 10\u00A0am",
            "Join\u00A0Larry\u00A0Ellison\u00A0as\u00A0he\u00A0unveils the new cloud"})
    void ordinaryTextStaysClean(String text) {
        assertThat(found(text)).as(text).doesNotContain(Category.PROFANITY, Category.SEXUAL, Category.SLUR);
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
