package com.mispost.apology.length;

import com.mispost.post.Platform;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a text is as each platform counts it, and where it stops fitting.
 *
 * <ul>
 *   <li>X (and generic relays, which we treat as X): weighted counting as in twitter-text v3 — the
 *       text is NFC-normalised; code points in the Latin, punctuation and general ranges weigh 1,
 *       everything else (CJK, most symbols) weighs 2; an emoji, however many code points its
 *       sequence has, weighs 2; every URL weighs 23 whatever its length. Limit 280.</li>
 *   <li>Mastodon: grapheme clusters, URLs as 23, a mention {@code @user@domain} counted as
 *       {@code @user}. Limit 500 (the default; instances may raise it).</li>
 *   <li>LinkedIn (3,000) and Facebook (63,206): characters as people see them (grapheme
 *       clusters); those platforms do not shorten links in the count.</li>
 * </ul>
 */
public final class PostLength {

    /** What a link counts as on X and Mastodon, however long it is. */
    public static final int LINK_LENGTH = 23;

    // URL detection: scheme URLs, www. hosts, and bare hosts on common top-level domains. Good
    // enough for apology drafts, which rarely carry more than one plain link; trailing
    // sentence punctuation is not part of a link.
    private static final Pattern URL = Pattern.compile(
            "(?i)(?<![@\\w.-])(?:https?://[^\\s<>\"]+|www\\.[^\\s<>\"]+"
                    + "|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
                    + "\\.(?:com|org|net|edu|gov|io|co|uk|de|fr|es|it|nl|eu|info|biz|social|app|dev)"
                    + "(?:/[^\\s<>\"]*)?\\b/?)");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:!?)\\]'\"]+$");
    private static final Pattern MASTODON_MENTION_DOMAIN = Pattern.compile("(?<=@[A-Za-z0-9_]{1,30})@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private PostLength() {
    }

    public static int limit(Platform platform) {
        return switch (platform) {
            case X, GENERIC -> 280;
            case MASTODON -> 500;
            case LINKEDIN -> 3_000;
            case META -> 63_206;
        };
    }

    public static int count(Platform platform, String text) {
        return measure(platform, text, Integer.MAX_VALUE);
    }

    /** Characters as people see them (grapheme clusters), with no platform's link rule. */
    public static int characters(String text) {
        String t = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFC);
        int n = 0;
        Matcher m = GRAPHEME.matcher(t);
        while (m.find()) n++;
        return n;
    }

    public static boolean fits(Platform platform, String text) {
        return count(platform, text) <= limit(platform);
    }

    /**
     * The index (in the NFC form of {@code text}, which is {@code text} itself for anything Mispost
     * writes) of the first character past the platform's limit, or -1 when it all fits.
     */
    public static int overflowAt(Platform platform, String text) {
        return measure(platform, text, limit(platform));
    }

    // One walk serves both questions: with a limit it returns where the limit is crossed (or -1),
    // without one the total.
    private static int measure(Platform platform, String raw, int limit) {
        String text = Normalizer.normalize(raw == null ? "" : raw, Normalizer.Form.NFC);
        boolean weighted = platform == Platform.X || platform == Platform.GENERIC;
        List<Span> fixed = fixedSpans(platform, text);
        int total = 0;
        int next = 0;
        Matcher grapheme = GRAPHEME.matcher(text);
        for (int i = 0; i < text.length(); ) {
            int start = i;
            Span span = next < fixed.size() ? fixed.get(next) : null;
            int weight;
            if (span != null && span.start == i) {
                weight = span.weight;
                i = span.end;
                next++;
            } else {
                grapheme.find(i);
                int end = span != null ? Math.min(grapheme.end(), span.start) : grapheme.end();
                weight = weighted ? xWeight(text, i, end) : 1;
                i = end;
            }
            total += weight;
            if (total > limit) return start;
        }
        return limit == Integer.MAX_VALUE ? total : -1;
    }

    /** Stretches of text that count a fixed amount: links (23) and, on Mastodon, mention domains (0). */
    private record Span(int start, int end, int weight) {
    }

    private static List<Span> fixedSpans(Platform platform, String text) {
        List<Span> spans = new ArrayList<>();
        if (platform == Platform.LINKEDIN || platform == Platform.META) return spans;
        Matcher url = URL.matcher(text);
        while (url.find()) {
            Matcher trailing = TRAILING_PUNCTUATION.matcher(url.group());
            int end = trailing.find() ? url.start() + trailing.start() : url.end();
            spans.add(new Span(url.start(), end, LINK_LENGTH));
        }
        if (platform == Platform.MASTODON) {
            Matcher domain = MASTODON_MENTION_DOMAIN.matcher(text);
            while (domain.find()) {
                int s = domain.start();
                if (spans.stream().noneMatch(u -> s < u.end && domain.end() > u.start)) {
                    spans.add(new Span(s, domain.end(), 0));
                }
            }
            spans.sort(Comparator.comparingInt(Span::start));
        }
        return spans;
    }

    // twitter-text v3: an emoji sequence weighs 2 as a whole; other code points weigh 1 inside
    // the light ranges and 2 elsewhere.
    private static int xWeight(String text, int start, int end) {
        int first = text.codePointAt(start);
        if (isEmoji(first)) return 2;
        int weight = 0;
        for (int i = start; i < end; ) {
            int cp = text.codePointAt(i);
            weight += light(cp) ? 1 : 2;
            i += Character.charCount(cp);
        }
        return weight;
    }

    private static boolean light(int cp) {
        return cp <= 4351 || (cp >= 8192 && cp <= 8205) || (cp >= 8208 && cp <= 8223) || (cp >= 8242 && cp <= 8247);
    }

    /** Pictographic code points that start an emoji (Java 17 has no Character.isEmoji). */
    public static boolean isEmoji(int cp) {
        return (cp >= 0x1F000 && cp <= 0x1FAFF)
                || (cp >= 0x2600 && cp <= 0x27BF)
                || (cp >= 0x2B00 && cp <= 0x2BFF)
                || (cp >= 0x2300 && cp <= 0x23FF)
                || (cp >= 0x1F1E6 && cp <= 0x1F1FF);
    }
}
