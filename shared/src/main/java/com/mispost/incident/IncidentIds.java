package com.mispost.incident;

import com.mispost.post.PostKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Incident ids are derived from the post, so that redelivery can never open a second incident. */
public final class IncidentIds {
    private IncidentIds() {
    }

    private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile("inc-[0-9a-f]{16}");

    /** Whether a string has the one form {@link #forPost} gives: what a link may name, exactly. */
    public static boolean isWellFormed(String id) {
        return id != null && FORM.matcher(id).matches();
    }

    public static String forPost(PostKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return "inc-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
