package com.mispost.links;

import com.mispost.incident.IncidentAction;
import com.mispost.intake.SignatureVerifier;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Signed links in staff notices: HMAC-SHA256 over incident, action and expiry. A forged, altered
 * or expired link is refused; the comparison is constant-time.
 */
public final class ActionLinks {
    /** The page itself is a link "action" too, so that it can be signed the same way. */
    public static final String VIEW = "view";
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);

    private final String key;
    private final Duration ttl;

    public ActionLinks(String key, Duration ttl) {
        if (key == null || key.length() < 16) {
            throw new IllegalArgumentException("the link-signing key must be at least 16 characters");
        }
        this.key = key;
        this.ttl = ttl;
    }

    /** The link for an action on an incident, under the suite's public base URL. */
    public String link(String baseUrl, String incidentId, String action, Instant now) {
        long expires = now.plus(ttl).getEpochSecond();
        String path = VIEW.equals(action) ? "/incidents/" + enc(incidentId)
                : "/incidents/" + enc(incidentId) + "/actions/" + enc(action);
        return trimSlash(baseUrl) + path + "?exp=" + expires + "&sig=" + sign(incidentId, action, expires);
    }

    public String link(String baseUrl, String incidentId, IncidentAction action, Instant now) {
        return link(baseUrl, incidentId, action.id(), now);
    }

    public String sign(String incidentId, String action, long expiresEpochSecond) {
        byte[] mac = SignatureVerifier.hmacSha256(key,
                (incidentId + "\n" + action + "\n" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /** Why a link is refused, or {@link Verdict#VALID}. */
    public Verdict verify(String incidentId, String action, String exp, String sig, Instant now) {
        if (exp == null || sig == null) return Verdict.MISSING;
        long expires;
        try {
            expires = Long.parseLong(exp);
        } catch (NumberFormatException e) {
            return Verdict.FORGED;
        }
        byte[] expected = sign(incidentId, action, expires).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) return Verdict.FORGED;
        if (now.getEpochSecond() > expires) return Verdict.EXPIRED;
        return Verdict.VALID;
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
