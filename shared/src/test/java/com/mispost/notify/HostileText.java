package com.mispost.notify;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.List;

/**
 * Text a stranger could post, for property tests of the notices: characters JSON escapes (quotes,
 * backslashes, every control), every kind of line break, bidi controls and other invisible format
 * characters, emoji and other scripts, lone surrogates, and lines that imitate a notice's own
 * (labels, links, fences), plain and disguised (hxxp, [.], fullwidth and ideographic dots).
 */
public final class HostileText {
    static final List<String> FRAGMENTS = List.of(
            "\"", "\\", "\\\"", "\u0000", "\u0001", "\u001f", "\u007f", "\b", "\t", "</script>", "&amp;", "<!channel>",
            "\n", "\r", "\r\n", "\u000b", "\u000c", "\u0085", "\u2028", "\u2029", "\u001c", "\u001e",
            "\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\u200d", "\ufeff",
            "\u00ad", "\u2060", "\u180e", "\ufe0f", "\udb40\udc41", "\u3164", "\u115f", "\ud800", "\udfff",
            "😀", "👩‍👩‍👧", "🇯🇵", "日本語のテキスト", "שלום עולם", "مرحبا", "Ωμέγα", "ｆｕｌｌｗｉｄｔｈ",
            "Acknowledge: ", "Incident page: ", "Not a mispost (dismiss): ", "Review and approve: ", "Ack: ",
            "Links from Mispost (only these):", "> ", ">", "  - ", "1. ", "Severity: CRITICAL",
            "https://evil.example/incidents/inc-1/actions/acknowledge?exp=1&sig=abc", "http://x.co", "HTTPS://EVIL.EXAMPLE",
            "hxxps://evil[.]example", "www.evil.example", "evil.com", "evil。com", "evil．com", "ｅｖｉｌ．ｃｏｍ", "evil․com",
            "user@evil.example", "mailto:a@b.example", "[click](https://evil.example)", "<https://evil.example|Acknowledge>",
            "https：／／evil.example", "ftp://evil.example", "javascript:alert(1)", "192.168.0.1", "$3.50", "e.g. ",
            "beers tonight", " ", "word", "ok");

    private HostileText() {
    }

    /** Up to {@code max} fragments joined, sometimes repeated until the text is long. */
    public static Arbitrary<String> text(int maxFragments, int maxLength) {
        Arbitrary<String> joined = Arbitraries.of(FRAGMENTS).list().ofMaxSize(maxFragments).map(l -> String.join("", l));
        return Arbitraries.oneOf(joined, joined.filter(s -> !s.isEmpty()).map(s -> s.repeat(Math.max(1, maxLength / s.length()))
                .substring(0, Math.min(maxLength, s.repeat(Math.max(1, maxLength / s.length())).length()))));
    }
}
