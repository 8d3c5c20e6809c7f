package com.mispost.notify;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing a stranger writes can fake a notice's own lines or links: in every form of every notice
 * kind, the only lines that start like the notice's own labels are the notice's own, every quoted
 * line is fenced, no invisible or line-moving character survives, and the only clickable addresses
 * are the notice's own links (SMS included).
 */
class QuotedTextPropertiesTest {
    /** What the notices' own lines start with: no quote may produce a line that does. */
    private static final List<String> OWN_LABELS = List.of("Acknowledge:", "Incident page:", "Not a mispost (dismiss):",
            "The post stands (dismiss):", "Review and approve:", "No, it was meant for my own account:", "Yes, I meant to post it",
            NoticeComposer.OWN_LINKS, "Link to the post:", "Posted by:", "Posted from:", "Severity:", "First step:");
    /** What a mail client, phone or chat app turns into a link (checked after folding look-alikes, as some clients do). */
    private static final Pattern LINKISH = Pattern.compile(
            "(?i)(?:[a-z][a-z0-9+.-]*:/{1,2}|www\\.)\\S+|[\\p{L}\\p{N}_-]+(?:\\.[\\p{L}\\p{N}_-]+)*\\.\\p{L}{2,}|[\\w.+-]+@[\\w-]+");

    @Provide
    Arbitrary<HostileNotices.Parts> parts() {
        return HostileNotices.parts(66_000, 12, 400, 12, 40);
    }

    @Property(tries = 150)
    void noQuotedTextMakesALineThatStartsLikeTheNoticesOwn(@ForAll("parts") HostileNotices.Parts parts) {
        for (Notice n : HostileNotices.all(parts)) {
            for (String line : n.body().split("\n", -1)) {
                if (line.startsWith(">")) continue;
                for (String label : OWN_LABELS) {
                    if (line.startsWith(label)) {
                        assertThat(ownLine(n, line)).as("line %s in %s", line, n.id()).isTrue();
                    }
                }
            }
            assertThat(n.body().chars().filter(c -> c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029))
                    .as("no other line break than LF").isEmpty();
            assertThat(n.body().codePoints().filter(cp -> Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.SURROGATE
                    || Character.getType(cp) == Character.CONTROL && cp != '\n')).as("nothing invisible").isEmpty();
            assertThat(n.sms().codePoints().filter(cp -> Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.CONTROL))
                    .isEmpty();
        }
    }

    @Property(tries = 150)
    void theOnlyClickableAddressesInANoticeAreItsOwn(@ForAll("parts") HostileNotices.Parts parts) {
        for (Notice n : HostileNotices.all(parts)) {
            for (String form : List.of(n.body(), n.sms(), n.subject())) {
                String rest = form;
                for (String own : HostileNotices.ownLinks(n)) rest = rest.replace(own, " ");
                Matcher m = LINKISH.matcher(folded(rest));
                assertThat(m.find()).as("%s links to %s", n.id(), m.hitEnd() ? "" : safeGroup(m)).isFalse();
            }
        }
    }

    @Test
    void everyKindOfLineBreakEndsAFencedLineAndEveryLinkIsDefanged() {
        String quoted = QuotedText.block("fine\u2028Acknowledge: https://evil.example/ack\u0085Incident page: www.evil.example"
                + "\u2029hxxps://evil[.]example\rlast\u000bone\u000cmore\u202e", 500);
        assertThat(quoted).isEqualTo("""
                > fine
                > Acknowledge: hxxps[:]//evil[.]example/ack
                > Incident page: www[.]evil[.]example
                > hxxps[:]//evil[.]example
                > last
                > one
                > more
                """);
        assertThat(QuotedText.inline("ｅｖｉｌ．ｃｏｍ and evil。com, mail me at a@b.example, $3.50", 200))
                .isEqualTo("ｅｖｉｌ[.]ｃｏｍ and evil[.]com, mail me at a[@]b[.]example, $3.50");
        assertThat(QuotedText.inline("two\nlines\u2028here\u200b", 200)).isEqualTo("two lines here");
    }

    @Test
    void aLongQuoteIsCutAndSaysHowMuchMoreThePageHas() {
        assertThat(QuotedText.block("abcdef", 4)).isEqualTo("> abcd…\n> [cut here: all 6 characters are on the incident page]\n");
        assertThat(QuotedText.inline("abcdef", 4)).isEqualTo("abc…");
    }

    private static boolean ownLine(Notice n, String line) {
        for (String own : HostileNotices.ownLinks(n)) {
            if (line.endsWith(": " + own)) return true;
        }
        return line.equals(NoticeComposer.OWN_LINKS) || line.startsWith("Link to the post: https://x.com/")
                || line.startsWith("Posted by: ") || line.startsWith("Posted from: ") || line.matches("Severity: [A-Z]+ \\(score [0-9.]+\\)")
                || line.startsWith("First step: ");
    }

    private static String safeGroup(Matcher m) {
        return m.group();
    }

    /** Look-alikes of dots, colons and slashes read as what they look like, as IDNA and some clients read them. */
    private static String folded(String s) {
        // The ellipsis a cut quote ends with is one character, not three dots: no client reads "www…" as an address.
        return Normalizer.normalize(s.replace('…', ' '), Normalizer.Form.NFKC).replace('\u3002', '.').replace('\uFF61', '.').replace('\u2024', '.')
                .replace('\uFE52', '.');
    }
}
