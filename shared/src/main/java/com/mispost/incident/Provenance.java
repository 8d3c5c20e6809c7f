package com.mispost.incident;

/**
 * Where a request that changed an incident came from, kept on the timeline for an audit: the name
 * typed into the form is unverified (anyone holding the link can type any name), so the record
 * says it was stated, and keeps what the request itself showed.
 *
 * @param nameStated whether the entry's actor is a name typed into a form, not one Mispost knows
 * @param source     a keyed hash of the source address, never the address
 * @param userAgent  the browser's User-Agent, bounded and with control and format characters removed
 */
public record Provenance(boolean nameStated, String source, String userAgent) {
    /** At most this many characters of a User-Agent are kept. */
    public static final int USER_AGENT_LIMIT = 256;

    public Provenance {
        source = source == null || source.isBlank() ? "unknown" : source;
        userAgent = printable(userAgent, USER_AGENT_LIMIT);
    }

    /**
     * What a timeline may hold of text anyone can send (a header, a typed name): no control, format
     * (bidi), line or paragraph separator characters or lone surrogates, runs of space as one, at
     * most {@code limit} characters (never cutting a pair).
     */
    public static String printable(String raw, int limit) {
        if (raw == null) return "";
        StringBuilder out = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < raw.length() && out.length() < limit; ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean dropped = type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
            if (dropped || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (out.length() + (space ? 1 : 0) + Character.charCount(cp) > limit) break;
            if (space) out.append(' ');
            space = false;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }
}
