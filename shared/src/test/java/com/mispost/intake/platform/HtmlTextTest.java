package com.mispost.intake.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTextTest {

    @Test
    void paragraphsAndLineBreaksBecomeNewlines() {
        assertThat(HtmlText.toText("<p>First line<br>second line<br />third</p><p>Next paragraph</p>"))
                .isEqualTo("First line\nsecond line\nthird\n\nNext paragraph");
    }

    @Test
    void linksReadAsTheirWholeTextIncludingMastodonsHiddenSpans() {
        String html = "<p>Read <a href=\"https://news.example/a/very/long/path\"><span class=\"invisible\">https://</span>"
                + "<span class=\"ellipsis\">news.example/a/very</span><span class=\"invisible\">/long/path</span></a> now</p>";
        assertThat(HtmlText.toText(html)).isEqualTo("Read https://news.example/a/very/long/path now");
    }

    @Test
    void mentionsAndHashtagsKeepTheirSigns() {
        String html = "<p><span class=\"h-card\"><a href=\"https://a.example/@bo\" class=\"u-url mention\">@<span>bo</span></a></span>"
                + " hi <a href=\"https://a.example/tags/x\" class=\"mention hashtag\">#<span>x</span></a></p>";
        assertThat(HtmlText.toText(html)).isEqualTo("@bo hi #x");
    }

    @Test
    void entitiesAreDecoded() {
        assertThat(HtmlText.toText("&quot;Fish &amp; chips&quot; &lt;3 &#39;ok&#39; &#x1F600; caf&eacute;"))
                .isEqualTo("\"Fish & chips\" <3 'ok' \uD83D\uDE00 caf&eacute;");
        assertThat(HtmlText.decodeEntities("a &amp;&amp; b &gt; c <b>kept</b>")).isEqualTo("a && b > c <b>kept</b>");
    }

    @Test
    void sourceLinkBecomesTheClientName() {
        assertThat(HtmlText.toText("<a href=\"https://hootsuite.com\" rel=\"nofollow\">Hootsuite Inc.</a>"))
                .isEqualTo("Hootsuite Inc.");
    }

    @Test
    void brokenMarkupIsKeptAsText() {
        assertThat(HtmlText.toText("a < b and c &amp d &#99999999; <unclosed")).isEqualTo("a < b and c &amp d &#99999999; <unclosed");
        assertThat(HtmlText.toText("&#xD800;")).isEqualTo("\uFFFD");
        assertThat(HtmlText.toText(null)).isEmpty();
    }

    @Test
    void sourceWhitespaceCollapsesLikeABrowser() {
        assertThat(HtmlText.toText("<p>  spaced\n   out  </p>\n<p> text </p>")).isEqualTo("spaced out\n\ntext");
        assertThat(HtmlText.toText("<br><p>edges</p><br>")).isEqualTo("edges");
    }
}
