package com.mispost.secrets;

/**
 * A secret cannot be had right now: the store is unreachable and no copy is held, or it is not
 * configured. Callers answer "unavailable, retry" (503) rather than fail: nothing the sender did
 * is wrong. The message names the secret, never its value.
 */
public class SecretUnavailableException extends RuntimeException {
    public SecretUnavailableException(String message) {
        super(message);
    }
}
