package com.mispost.post;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which post links may become links on a page: http(s) addresses on the platform the post came
 * from. A post's {@code url} comes from the delivery (a relay, a Mastodon server), so anything else
 * ({@code javascript:}, {@code data:}, a look-alike host) would put someone else's page, or script,
 * one tap from staff.
 */
public final class Permalinks {
    private static final Map<Platform, List<String>> HOSTS = Map.of(
            Platform.X, List.of("x.com", "twitter.com"),
            Platform.META, List.of("facebook.com", "fb.com", "instagram.com"),
            Platform.LINKEDIN, List.of("linkedin.com"));

    private Permalinks() {
    }

    /**
     * The link when it may be shown as one, else empty. Mastodon is federated: any server may be
     * the post's home, so any http(s) host is taken there (the webhook is signed by that server).
     */
    public static Optional<String> safe(Platform platform, String url) {
        if (url == null) return Optional.empty();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) return Optional.empty();
        if (host.isEmpty() || uri.getRawUserInfo() != null) return Optional.empty();
        if (platform == Platform.MASTODON) return Optional.of(url);
        for (String allowed : HOSTS.getOrDefault(platform, List.of())) {
            if (host.equals(allowed) || host.endsWith("." + allowed)) return Optional.of(url);
        }
        return Optional.empty();
    }
}
