package com.mispost.intake;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * HMAC-SHA256 signatures as the platforms send them. Every comparison is constant-time
 * ({@link MessageDigest#isEqual}) so that a forger learns nothing from how long a refusal takes.
 */
public final class SignatureVerifier {
    private SignatureVerifier() {
    }

    public static byte[] hmacSha256(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Checks a header of the form {@code sha256=<hex>} (Meta, Mastodon, generic relays). */
    public static boolean verifyHex(String secret, byte[] body, String header) {
        byte[] given = decodeHex(stripPrefix(header));
        return given != null && MessageDigest.isEqual(hmacSha256(secret, body), given);
    }

    /** Checks a header of the form {@code sha256=<base64>} (X). */
    public static boolean verifyBase64(String secret, byte[] body, String header) {
        String value = stripPrefix(header);
        if (value == null) return false;
        byte[] given;
        try {
            given = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmacSha256(secret, body), given);
    }

    public static String signHex(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmacSha256(secret, body));
    }

    private static String stripPrefix(String header) {
        if (header == null) return null;
        String h = header.trim();
        return h.regionMatches(true, 0, "sha256=", 0, 7) ? h.substring(7) : null;
    }

    private static byte[] decodeHex(String hex) {
        if (hex == null || hex.length() != 64) return null;
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
