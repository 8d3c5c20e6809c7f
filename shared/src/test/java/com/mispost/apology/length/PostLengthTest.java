package com.mispost.apology.length;

import com.mispost.post.Platform;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostLengthTest {

    private static final String LONG_LINK = "https://example.com/news/2026/11/25/a-rather-long-statement-about-what-happened-today";

    @Test
    void limitsPerPlatformWithGenericRelaysTreatedAsX() {
        assertThat(PostLength.limit(Platform.X)).isEqualTo(280);
        assertThat(PostLength.limit(Platform.GENERIC)).isEqualTo(280);
        assertThat(PostLength.limit(Platform.MASTODON)).isEqualTo(500);
        assertThat(PostLength.limit(Platform.LINKEDIN)).isEqualTo(3_000);
        assertThat(PostLength.limit(Platform.META)).isEqualTo(63_206);
    }

    @Test
    void xCountsEveryLinkAs23WhateverItsLength() {
        assertThat(LONG_LINK.length()).isGreaterThan(23);
        assertThat(PostLength.count(Platform.X, "Read more: " + LONG_LINK)).isEqualTo(11 + 23);
        assertThat(PostLength.count(Platform.X, "See example.com/a.")).isEqualTo(4 + 23 + 1);
        assertThat(PostLength.count(Platform.X, "https://t.co/x")).isEqualTo(23);
    }

    @Test
    void xWeighsCjkAndEmojiDoubleAndCountsAnEmojiSequenceOnce() {
        assertThat(PostLength.count(Platform.X, "日本語")).isEqualTo(6);
        assertThat(PostLength.count(Platform.X, "ok 👍")).isEqualTo(3 + 2);
        // family: four people joined by zero-width joiners, seven code points, one emoji
        assertThat(PostLength.count(Platform.X, "👩\u200D👩\u200D👧\u200D👦")).isEqualTo(2);
        // curly quote and dash are in X's light ranges; the ellipsis (U+2026) is not
        assertThat(PostLength.count(Platform.X, "’—…")).isEqualTo(1 + 1 + 2);
    }

    @Test
    void xNormalisesToNfcFirst() {
        assertThat(PostLength.count(Platform.X, "Cafe\u0301")).isEqualTo(4);
    }

    @Test
    void overflowPointsAtTheFirstCharacterPastTheLimit() {
        String fits = "a".repeat(280);
        assertThat(PostLength.overflowAt(Platform.X, fits)).isEqualTo(-1);
        assertThat(PostLength.overflowAt(Platform.X, fits + "bc")).isEqualTo(280);
        assertThat(PostLength.overflowAt(Platform.X, "日".repeat(141))).isEqualTo(140);
        assertThat(PostLength.fits(Platform.X, "a".repeat(257) + " " + LONG_LINK)).isFalse();
        assertThat(PostLength.fits(Platform.X, "a".repeat(256) + " " + LONG_LINK)).isTrue();
    }

    @Test
    void mastodonCountsLinksAs23AndMentionsWithoutTheirDomain() {
        assertThat(PostLength.count(Platform.MASTODON, "Read " + LONG_LINK)).isEqualTo(5 + 23);
        assertThat(PostLength.count(Platform.MASTODON, "@press@news.example.social hello")).isEqualTo(6 + 6);
        assertThat(PostLength.count(Platform.MASTODON, "日本語 👩\u200D👩\u200D👧")).isEqualTo(5);
    }

    @Test
    void linkedInAndFacebookCountLinksInFull() {
        assertThat(PostLength.count(Platform.LINKEDIN, LONG_LINK)).isEqualTo(LONG_LINK.length());
        assertThat(PostLength.count(Platform.META, LONG_LINK)).isEqualTo(LONG_LINK.length());
    }

    @Property
    void plainLettersCountOneEachEverywhere(@ForAll @AlphaChars @StringLength(max = 400) String letters) {
        for (Platform p : Platform.values()) {
            assertThat(PostLength.count(p, letters)).isEqualTo(letters.length());
        }
    }
}
