package com.mispost.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The chat form of a notice, for Slack and Microsoft Teams through Amazon Q Developer in chat
 * applications (its custom notification: title, description, next steps, keywords; metadata with
 * the thread). Written from the notice's own text by the composer, so the wording is the same as
 * email's and quotes stay fenced and defanged; on top of that the chat apps' markup characters
 * ({@code < >}, and {@code &} where it would start an entity) in any text become look-alikes that mean nothing ({@code ‹ › ＆}: no length added, so the bounds hold), so no quote can open a link, a mention or a tag.
 * The documented schema gives no lengths; the bounds here keep a description inside Slack's
 * 3,000-character section, the largest part a chat app shows without folding.
 *
 * @param threadId  the incident for a staff notice (one thread per incident), {@code ops-<platform>-<account>} for ops
 * @param eventType the notice's kind
 */
public record ChatForm(String title, String description, List<String> nextSteps, List<String> keywords, String threadId,
                       String summary, String eventType) {
    public static final int TITLE_MAX = 250;
    public static final int DESCRIPTION_MAX = 3_000;
    public static final int STEP_MAX = 300;
    public static final int STEPS_MAX = 8;
    public static final int KEYWORD_MAX = 50;
    public static final int KEYWORDS_MAX = 5;
    public static final int SUMMARY_MAX = 200;
    private static final java.util.regex.Pattern ENTITY = java.util.regex.Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);");

    public ChatForm {
        nextSteps = nextSteps == null ? List.of() : List.copyOf(nextSteps);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    /**
     * A notice's chat form: its content (already fenced and defanged) cut to fit before the notice's
     * own links, which are kept whole, and the steps for the reader.
     */
    public static ChatForm of(Notice n, String content, String ownLinks, List<String> steps) {
        String own = escape(ownLinks);
        int room = DESCRIPTION_MAX - own.length() - 2;
        String text = escape(content.strip());
        if (text.length() > room) {
            // At a line's end: a line cut in the middle could leave half a link.
            int cut = text.lastIndexOf('\n', Math.max(0, room - 60));
            text = (cut <= 0 ? "" : text.substring(0, cut) + "\n") + "[cut: the whole notice is on the incident page]";
        }
        List<String> next = new ArrayList<>();
        for (String s : steps) if (next.size() < STEPS_MAX) next.add(escape(QuotedText.inline(s, STEP_MAX)));
        List<String> keywords = new ArrayList<>();
        keywords.add(n.severity().id().toUpperCase(Locale.ROOT));
        if (n.account() != null) keywords.add(escape(QuotedText.inline(n.account(), KEYWORD_MAX)));
        if (n.platform() != null) keywords.add(n.platform());
        keywords.add(n.kind().id());
        return new ChatForm(escape(QuotedText.inline(n.subject(), TITLE_MAX)), own.isEmpty() ? text : text + "\n" + own.strip(),
                next, keywords, n.incidentId(), escape(QuotedText.inline(n.subject(), SUMMARY_MAX)), n.kind().id());
    }

    /** An ops notice's chat form: one thread per account, so a silence and its recovery sit together. */
    public static ChatForm ops(OpsNotice n) {
        String body = escape(QuotedText.block(n.body(), DESCRIPTION_MAX - 200));
        List<String> keywords = new ArrayList<>(List.of("ops", n.kind().id()));
        if (n.platform() != null) keywords.add(n.platform());
        if (n.account() != null) keywords.add(escape(QuotedText.inline(n.account(), KEYWORD_MAX)));
        return new ChatForm(escape(QuotedText.inline(n.subject(), TITLE_MAX)), body, List.of(), keywords,
                "ops-" + n.platform() + "-" + QuotedText.plain(n.account() == null ? "" : n.account(), 64).replaceAll("[^A-Za-z0-9_-]", "_"),
                escape(QuotedText.inline(n.subject(), SUMMARY_MAX)), "ops-" + n.kind().id());
    }

    /**
     * The chat apps' markup made inert in every line, except a quote's leading fence ({@code >}),
     * which is what shows a line as quoted there too.
     */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (String line : text.split("\n", -1)) {
            if (b.length() > 0) b.append('\n');
            int from = line.startsWith(QuotedText.FENCE) ? QuotedText.FENCE.length() : line.equals(">") ? 1 : 0;
            b.append(line, 0, from);
            for (int i = from; i < line.length(); i++) {
                char c = line.charAt(i);
                switch (c) {
                    // Only where it would start an entity (&lt; &#60;): a link's "&sig=" stays as it is.
                    case '&' -> b.append(ENTITY.matcher(line).region(i, line.length()).lookingAt() ? '＆' : '&');
                    case '<' -> b.append('‹');
                    case '>' -> b.append('›');
                    default -> b.append(c);
                }
            }
        }
        return b.toString();
    }
}
