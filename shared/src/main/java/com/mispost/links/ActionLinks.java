package com.mispost.links;

import com.mispost.incident.IncidentAction;
import com.mispost.intake.SignatureVerifier;
import com.mispost.secrets.SecretSource;
import com.mispost.secrets.SecretUnavailableException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signed links in staff notices: HMAC-SHA256 over incident, action and expiry. A forged, altered
 * or expired link is refused; the comparison is constant-time.
 *
 * <p>{@code exp} is the first second at which a link no longer works: it is valid while
 * {@code now < exp}, and refused from {@code exp} on. It is written and read in one form only
 * (decimal digits, no sign, no leading zero, at most {@link #LAST_EXPIRY}), so that no two strings
 * name the same signed expiry. A link handed out on a page that another link reached never lives
 * longer than that link ({@link #link(String, String, String, Instant, Instant)}), so a leaked
 * link cannot renew itself: every link's life is bounded by the notice that first carried one.
 *
 * <p>The keys are read from the secret source on every use (it caches them), never held: links are
 * signed with {@link #KEY} and accepted under it or under {@link #PREVIOUS_KEY}. To rotate, move the
 * current key to the previous one, put a new current key, and keep the previous one for the links'
 * lifetime ({@link #DEFAULT_TTL}); no redeploy, and no link stops working before it expires.
 */
public final class ActionLinks {
    /** The secret that signs links. */
    public static final String KEY = "links/signing-key";
    /** The key before the last rotation; links it signed stay valid while it is configured. */
    public static final String PREVIOUS_KEY = "links/signing-key-previous";
    /** The page itself is a link "action" too, so that it can be signed the same way. */
    public static final String VIEW = "view";
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);
    private static final int MIN_KEY_LENGTH = 16;
    /** 9999-12-31T23:59:59Z: the last expiry a link may carry (pages can still print it). */
    public static final long LAST_EXPIRY = 253_402_300_799L;
    /** Canonical decimal: no sign, no leading zero, no more digits than {@link #LAST_EXPIRY} has. */
    private static final Pattern EXPIRY = Pattern.compile("[1-9][0-9]{0,11}");
    /** An HMAC-SHA256 in base64url without padding is exactly 43 characters. */
    private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final String SOURCE_LABEL = "source-address\n";

    private final SecretSource secrets;
    private final Duration ttl;

    public ActionLinks(SecretSource secrets, Duration ttl) {
        this.secrets = secrets;
        this.ttl = ttl;
    }

    /** The link for an action on an incident, under the suite's public base URL, for a notice: it lives the full TTL. */
    public String link(String baseUrl, String incidentId, String action, Instant now) {
        return link(baseUrl, incidentId, action, now, Instant.ofEpochSecond(LAST_EXPIRY));
    }

    /**
     * A link that expires no later than {@code notAfter}: what a page reached through a link hands
     * out, with that link's expiry, so that following links never extends a link's life.
     */
    public String link(String baseUrl, String incidentId, String action, Instant now, Instant notAfter) {
        long expires = Math.min(Math.min(now.plus(ttl).getEpochSecond(), notAfter.getEpochSecond()), LAST_EXPIRY);
        String path = VIEW.equals(action) ? "/incidents/" + enc(incidentId)
                : "/incidents/" + enc(incidentId) + "/actions/" + enc(action);
        return trimSlash(baseUrl) + path + "?exp=" + expires + "&sig=" + sign(key(KEY), incidentId, action, expires);
    }

    public String link(String baseUrl, String incidentId, IncidentAction action, Instant now) {
        return link(baseUrl, incidentId, action.id(), now);
    }

    public String link(String baseUrl, String incidentId, IncidentAction action, Instant now, Instant notAfter) {
        return link(baseUrl, incidentId, action.id(), now, notAfter);
    }

    /**
     * A link's {@code exp} as the one form links are written in, or empty: {@code +5}, {@code 05},
     * {@code 5.0}, {@code 0}, spaces and values past {@link #LAST_EXPIRY} are not expiries.
     */
    public static Optional<Instant> expiry(String exp) {
        if (exp == null || !EXPIRY.matcher(exp).matches()) return Optional.empty();
        long seconds = Long.parseLong(exp);
        return seconds > LAST_EXPIRY ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
    }

    /** Why a link is refused, or {@link Verdict#VALID}. */
    public Verdict verify(String incidentId, String action, String exp, String sig, Instant now) {
        String current = key(KEY);
        Optional<String> previous = secrets.secret(PREVIOUS_KEY).filter(k -> k.length() >= MIN_KEY_LENGTH);
        if (exp == null || sig == null) return Verdict.MISSING;
        Optional<Instant> expiry = expiry(exp);
        if (expiry.isEmpty() || !SIGNATURE.matcher(sig).matches()) return Verdict.FORGED;
        long expires = expiry.get().getEpochSecond();
        byte[] given = sig.getBytes(StandardCharsets.US_ASCII);
        boolean valid = signedBy(current, incidentId, action, expires, given)
                | previous.map(k -> signedBy(k, incidentId, action, expires, given)).orElse(false);
        if (!valid) return Verdict.FORGED;
        // Exclusive: at exactly exp the link is already expired (as JWT's exp).
        if (!now.isBefore(expiry.get())) return Verdict.EXPIRED;
        return Verdict.VALID;
    }

    /**
     * A keyed hash of a request's source address for the timeline: the same address gives the same
     * tag while the link key stays, so an audit can tell requests apart and together, but the tag
     * reveals no address (an unkeyed hash of an IPv4 address is reversed by trying all 2^32).
     */
    public String sourceTag(String address) {
        if (address == null || address.isBlank()) return "unknown";
        byte[] mac = SignatureVerifier.hmacSha256(key(KEY), (SOURCE_LABEL + address).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac, 0, 8);
    }

    private static boolean signedBy(String key, String incidentId, String action, long expires, byte[] given) {
        return MessageDigest.isEqual(sign(key, incidentId, action, expires).getBytes(StandardCharsets.US_ASCII), given);
    }

    private static String sign(String key, String incidentId, String action, long expiresEpochSecond) {
        byte[] mac = SignatureVerifier.hmacSha256(key,
                (incidentId + "\n" + action + "\n" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private String key(String name) {
        String key = secrets.require(name);
        if (key.length() < MIN_KEY_LENGTH) {
            throw new SecretUnavailableException("secret '" + name + "' is shorter than " + MIN_KEY_LENGTH + " characters");
        }
        return key;
    }

    public enum Verdict {
        VALID("valid"),
        MISSING("This link is incomplete: it has no signature. Open the link from the notification again."),
        FORGED("This link is not valid: it was altered or not issued by Mispost. Nothing was changed."),
        EXPIRED("This link has expired. Nothing was changed; open the incident from a newer notification.");

        private final String message;

        Verdict(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
