package com.mispost.intake.platform;

import java.util.Locale;
import java.util.Map;

/**
 * Turns the small HTML the platforms send (Mastodon status content, X's {@code source} link) into
 * the plain text a person saw: {@code <br>} is a line break, a paragraph is a blank line, a link
 * is its text (Mastodon's hidden spans included, so a shortened link reads as the whole URL),
 * entities are decoded and every other tag is dropped. Total over any input: it never throws.
 */
public final class HtmlText {
    private static final Map<String, String> NAMED = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ",
            "hellip", "\u2026", "mdash", "\u2014", "ndash", "\u2013");
    /** Longest entity we look for, "&#x10FFFF;" included. */
    private static final int MAX_ENTITY = 10;

    private HtmlText() {
    }

    public static String toText(String html) {
        if (html == null || html.isEmpty()) return "";
        StringBuilder out = new StringBuilder(html.length());
        String pendingBreak = "";
        boolean pendingSpace = false;
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i + 1);
                if (end > i + 1) {
                    String name = tagName(html, i + 1, end);
                    boolean closing = html.charAt(i + 1) == '/';
                    if (name.equals("br")) {
                        out.append('\n');
                        pendingSpace = false;
                    } else if (name.equals("p") && out.length() > 0) {
                        pendingBreak = "\n\n";
                        pendingSpace = false;
                    } else if (!closing && (name.equals("li") || name.equals("div")) && out.length() > 0) {
                        pendingBreak = pendingBreak.isEmpty() ? "\n" : pendingBreak;
                    }
                    i = end + 1;
                    continue;
                }
            }
            if (Character.isWhitespace(c)) {
                pendingSpace = out.length() > 0 && out.charAt(out.length() - 1) != '\n';
                i++;
                continue;
            }
            if (!pendingBreak.isEmpty()) {
                trimTrailingSpaces(out);
                if (out.length() > 0) out.append(pendingBreak);
                pendingBreak = "";
                pendingSpace = false;
            } else if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            if (c == '&') {
                int semi = html.indexOf(';', i + 1);
                if (semi > i + 1 && semi - i <= MAX_ENTITY) {
                    String decoded = entity(html.substring(i + 1, semi));
                    if (decoded != null) {
                        out.append(decoded);
                        i = semi + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString().strip();
    }

    /** Decodes entities only, keeping everything else (X escapes &amp;, &lt; and &gt; in tweet text). */
    public static String decodeEntities(String text) {
        if (text == null || text.indexOf('&') < 0) return text;
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '&') {
                int semi = text.indexOf(';', i + 1);
                if (semi > i + 1 && semi - i <= MAX_ENTITY) {
                    String decoded = entity(text.substring(i + 1, semi));
                    if (decoded != null) {
                        out.append(decoded);
                        i = semi + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String entity(String body) {
        if (body.startsWith("#")) {
            boolean hex = body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X');
            String digits = body.substring(hex ? 2 : 1);
            if (digits.isEmpty() || digits.length() > 7) return null;
            int cp = 0;
            for (int k = 0; k < digits.length(); k++) {
                int d = Character.digit(digits.charAt(k), hex ? 16 : 10);
                if (d < 0) return null;
                cp = cp * (hex ? 16 : 10) + d;
            }
            boolean valid = cp > 0 && cp <= Character.MAX_CODE_POINT
                    && !(cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
            return valid ? new String(Character.toChars(cp)) : "\uFFFD";
        }
        return NAMED.get(body.toLowerCase(Locale.ROOT));
    }

    private static String tagName(String html, int from, int end) {
        int s = from;
        if (s < end && html.charAt(s) == '/') s++;
        int e = s;
        while (e < end && Character.isLetterOrDigit(html.charAt(e))) e++;
        return html.substring(s, e).toLowerCase(Locale.ROOT);
    }

    private static void trimTrailingSpaces(StringBuilder out) {
        while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') out.setLength(out.length() - 1);
    }
}
