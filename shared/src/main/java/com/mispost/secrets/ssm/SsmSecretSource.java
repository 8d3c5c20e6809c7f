package com.mispost.secrets.ssm;

import com.mispost.secrets.SecretSource;
import com.mispost.secrets.SecretUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
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
 * and refreshed after that so that a rotated secret is picked up without a deploy. While
 * Parameter Store cannot be reached, the last copy read is served (with a warning) and asked for
 * again only every {@link #RETRY_UNREACHABLE}, so that an outage does not slow every request.
 */
public final class SsmSecretSource implements SecretSource {
    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);
    public static final Duration RETRY_UNREACHABLE = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(SsmSecretSource.class);

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
        if (c != null && now.isBefore(c.askAgainAt)) return Optional.ofNullable(c.value);
        try {
            c = new Cached(fetch(name), now, now.plus(refresh));
        } catch (SdkException e) {
            if (c == null) {
                throw new SecretUnavailableException("Parameter Store cannot be reached and secret '" + name
                        + "' has not been read before (" + e.getClass().getSimpleName() + ")");
            }
            LOG.warn("Parameter Store cannot be reached ({}); serving secret '{}' as read at {}",
                    e.getClass().getSimpleName(), name, c.fetchedAt);
            c = new Cached(c.value, c.fetchedAt, now.plus(RETRY_UNREACHABLE));
        }
        cache.put(name, c);
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

    /** @param value null when the parameter does not exist */
    private record Cached(String value, Instant fetchedAt, Instant askAgainAt) {
    }
}
