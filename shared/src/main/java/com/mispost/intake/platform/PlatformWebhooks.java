package com.mispost.intake.platform;

import com.mispost.intake.GenericWebhook;
import com.mispost.intake.PlatformWebhook;
import com.mispost.post.Platform;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The webhook dialect for each platform, looked up by the platform or by its path segment. */
public final class PlatformWebhooks {
    private final Map<Platform, PlatformWebhook> byPlatform = new EnumMap<>(Platform.class);

    public PlatformWebhooks(List<PlatformWebhook> dialects) {
        for (PlatformWebhook d : dialects) {
            if (byPlatform.put(d.platform(), d) != null) {
                throw new IllegalArgumentException("two dialects for " + d.platform().id());
            }
        }
    }

    /** Every dialect Mispost speaks: X, Meta, LinkedIn, Mastodon and generic relays. */
    public static PlatformWebhooks standard(Clock clock) {
        return new PlatformWebhooks(List.of(new XWebhook(clock), new MetaWebhook(clock), new LinkedInWebhook(clock),
                new MastodonWebhook(), new GenericWebhook()));
    }

    public static PlatformWebhooks standard() {
        return standard(Clock.systemUTC());
    }

    public Optional<PlatformWebhook> forPlatform(Platform platform) {
        return Optional.ofNullable(byPlatform.get(platform));
    }

    /** The dialect for a {platform} path segment ("x", "meta", ...), or empty for an unknown one (a 404). */
    public Optional<PlatformWebhook> forId(String pathSegment) {
        return Platform.fromId(pathSegment).flatMap(this::forPlatform);
    }
}
