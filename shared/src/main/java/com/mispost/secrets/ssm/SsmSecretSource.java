package com.mispost.secrets.ssm;

import com.mispost.secrets.SecretSource;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets from SSM Parameter Store (SecureString, decrypted), under one path such as
 * {@code /mispost/}. Cached for a while so that a warm function does not call SSM per request,
 * and refreshed after that so that a rotated secret is picked up without a deploy.
 */
public final class SsmSecretSource implements SecretSource {
    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);

    private final SsmClient ssm;
    private final String path;
    private final Duration refresh;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public SsmSecretSource(SsmClient ssm, String path, Duration refresh, Clock clock) {
        this.ssm = ssm;
        this.path = path.endsWith("/") ? path : path + "/";
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public Optional<String> secret(String name) {
        Instant now = clock.instant();
        Cached c = cache.get(name);
        if (c == null || now.isAfter(c.fetchedAt.plus(refresh))) {
            c = new Cached(fetch(name), now);
            cache.put(name, c);
        }
        return Optional.ofNullable(c.value);
    }

    /** The parameter name a secret lives under; for error messages and set-up scripts. */
    public String parameterName(String name) {
        return path + name;
    }

    private String fetch(String name) {
        try {
            return ssm.getParameter(g -> g.name(parameterName(name)).withDecryption(true)).parameter().value();
        } catch (ParameterNotFoundException e) {
            return null;
        }
    }

    private record Cached(String value, Instant fetchedAt) {
    }
}
