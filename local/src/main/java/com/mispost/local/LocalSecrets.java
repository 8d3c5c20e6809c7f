package com.mispost.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secrets the local runtime puts into (local) SSM Parameter Store, from the environment or
 * documented defaults. The defaults are for local use only and are printed in the README.
 */
public final class LocalSecrets {
    private LocalSecrets() {
    }

    /** Secret name under the secrets path → [environment variable, local default]. */
    static final Map<String, String[]> SECRETS = new LinkedHashMap<>();

    static {
        SECRETS.put("webhook/generic", new String[]{"MISPOST_SECRET_GENERIC", "local-generic-secret"});
        SECRETS.put("webhook/x", new String[]{"MISPOST_SECRET_X", "local-x-consumer-secret"});
        SECRETS.put("webhook/meta", new String[]{"MISPOST_SECRET_META", "local-meta-app-secret"});
        SECRETS.put("meta/verify-token", new String[]{"MISPOST_META_VERIFY_TOKEN", "local-meta-verify-token"});
        SECRETS.put("webhook/linkedin", new String[]{"MISPOST_SECRET_LINKEDIN", "local-linkedin-client-secret"});
        SECRETS.put("webhook/mastodon", new String[]{"MISPOST_SECRET_MASTODON", "local-mastodon-secret"});
        SECRETS.put("links/signing-key", new String[]{"MISPOST_LINK_KEY", "local-link-signing-key-0123456789"});
    }

    /** The value for a secret: the environment's, else the local default. */
    public static String value(String name) {
        String[] spec = SECRETS.get(name);
        if (spec == null) throw new IllegalArgumentException("no local secret " + name);
        String v = System.getenv(spec[0]);
        return v == null || v.isBlank() ? spec[1] : v;
    }

    public static Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        SECRETS.keySet().forEach(n -> out.put(n, value(n)));
        return out;
    }
}
