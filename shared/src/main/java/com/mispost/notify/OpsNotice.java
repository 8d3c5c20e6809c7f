package com.mispost.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * A message to whoever runs Mispost (not the social team) about the system itself: an account the
 * platforms stopped delivering for, and that it came back.
 *
 * @param kind     what it is
 * @param account  the account's display name
 * @param platform the platform id
 */
public record OpsNotice(Kind kind, String account, String platform, String subject, String body, Instant createdAt) {
    public OpsNotice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }

    /** What an ops notice is; the id is the SNS message attribute {@code kind}, which never changes. */
    public enum Kind {
        /** The platforms stopped delivering for the account. */
        SILENT("silent"),
        /** Deliveries for it resumed. */
        HEARD("heard");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
