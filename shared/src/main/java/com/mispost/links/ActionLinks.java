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
import java.util.Optional;

/**
 * Signed links in staff notices: HMAC-SHA256 over incident, action and expiry. A forged, altered
 * or expired link is refused; the comparison is constant-time.
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

    private final SecretSource secrets;
    private final Duration ttl;

    public ActionLinks(SecretSource secrets, Duration ttl) {
        this.secrets = secrets;
        this.ttl = ttl;
    }

    /** The link for an action on an incident, under the suite's public base URL. */
    public String link(String baseUrl, String incidentId, String action, Instant now) {
        long expires = now.plus(ttl).getEpochSecond();
        String path = VIEW.equals(action) ? "/incidents/" + enc(incidentId)
                : "/incidents/" + enc(incidentId) + "/actions/" + enc(action);
        return trimSlash(baseUrl) + path + "?exp=" + expires + "&sig=" + sign(key(KEY), incidentId, action, expires);
    }

    public String link(String baseUrl, String incidentId, IncidentAction action, Instant now) {
        return link(baseUrl, incidentId, action.id(), now);
    }

    /** Why a link is refused, or {@link Verdict#VALID}. */
    public Verdict verify(String incidentId, String action, String exp, String sig, Instant now) {
        String current = key(KEY);
        Optional<String> previous = secrets.secret(PREVIOUS_KEY).filter(k -> k.length() >= MIN_KEY_LENGTH);
        if (exp == null || sig == null) return Verdict.MISSING;
        long expires;
        try {
            expires = Long.parseLong(exp);
        } catch (NumberFormatException e) {
            return Verdict.FORGED;
        }
        byte[] given = sig.getBytes(StandardCharsets.US_ASCII);
        boolean valid = signedBy(current, incidentId, action, expires, given)
                | previous.map(k -> signedBy(k, incidentId, action, expires, given)).orElse(false);
        if (!valid) return Verdict.FORGED;
        if (now.getEpochSecond() > expires) return Verdict.EXPIRED;
        return Verdict.VALID;
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
