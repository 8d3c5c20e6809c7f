package com.mispost.notify;

/**
 * The SMS form of a notice, held to {@link #SEGMENTS} segments however it is written. An SMS
 * segment carries 160 GSM-7 characters or 70 UCS-2 code units; a longer message is sent in parts of
 * 153 and 67 (the rest is the header that joins them), and one character outside GSM-7 puts the
 * whole message in UCS-2. Three parts is where a phone still shows one message: 459 GSM-7
 * characters (the extension table's {@code ^{}\[~]|€} count two), or 201 UCS-2 units. The quote is
 * shortened first, then the head; the tail (the notice's own link) is kept whole.
 */
public final class SmsText {
    public static final int SEGMENTS = 3;
    static final int GSM_MAX = 153 * SEGMENTS;
    static final int UCS2_MAX = 67 * SEGMENTS;
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    private SmsText() {
    }

    /** {@code head + "\"" + quote + "\"" + tail}, the quote (already made inert) and then the head shortened to fit. */
    public static String of(String head, String quote, String tail) {
        String q = quote == null ? "" : quote;
        int n = q.codePointCount(0, q.length());
        while (true) {
            String shown = n == q.codePointCount(0, q.length()) ? q : q.substring(0, q.offsetByCodePoints(0, n)) + "…";
            String text = head + (q.isEmpty() ? "" : "\"" + shown + "\"") + tail;
            if (fits(text)) return text;
            if (n == 0) break;
            n = n > 8 ? n * 3 / 4 : n - 1;
        }
        String h = head;
        while (!h.isEmpty() && !fits(h + tail)) h = h.substring(0, h.offsetByCodePoints(0, h.codePointCount(0, h.length()) - 1));
        return h + tail;
    }

    /** Whether the text goes in {@link #SEGMENTS} segments or fewer. */
    public static boolean fits(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x10000 && GSM_BASIC.indexOf(cp) >= 0) septets++;
            else if (cp < 0x10000 && GSM_EXTENSION.indexOf(cp) >= 0) septets += 2;
            else return text.length() <= UCS2_MAX;
        }
        return septets <= GSM_MAX;
    }
}
