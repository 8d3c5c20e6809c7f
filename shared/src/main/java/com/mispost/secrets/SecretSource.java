package com.mispost.secrets;

import java.util.Optional;

/**
 * Where secrets come from (platform app secrets, the link-signing keys). Names are relative,
 * such as {@code webhook/generic}; the adapter decides where they live.
 */
public interface SecretSource {
    /**
     * The secret, or empty when it is not configured.
     *
     * @throws SecretUnavailableException when the store cannot be reached and no copy is held
     */
    Optional<String> secret(String name);

    /** The secret; {@link SecretUnavailableException} naming it when it is not configured. */
    default String require(String name) {
        return secret(name).orElseThrow(() -> new SecretUnavailableException("secret '" + name + "' is not configured"));
    }
}
