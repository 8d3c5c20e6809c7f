package com.mispost.secrets;

import java.util.Optional;

/**
 * Where secrets come from (platform app secrets, the link-signing key). Names are relative,
 * such as {@code webhook/generic}; the adapter decides where they live.
 */
public interface SecretSource {
    Optional<String> secret(String name);

    /** The secret, or an error naming what is missing and where it was looked for. */
    default String require(String name) {
        return secret(name).orElseThrow(() -> new IllegalStateException("secret '" + name + "' is not configured"));
    }
}
