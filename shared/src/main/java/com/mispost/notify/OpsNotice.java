package com.mispost.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * A message to whoever runs Mispost (not the social team) about the system itself: an account the
 * platforms stopped delivering for, and that it came back.
 *
 * @param kind     silent or heard
 * @param account  the account's display name
 * @param platform the platform id
 */
public record OpsNotice(String kind, String account, String platform, String subject, String body, Instant createdAt) {
    public OpsNotice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}
