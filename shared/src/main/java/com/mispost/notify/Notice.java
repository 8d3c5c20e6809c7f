package com.mispost.notify;

import com.mispost.detection.Severity;

import java.time.Instant;
import java.util.Objects;

/**
 * A message to staff about an incident, kept in the table's outbox until SNS accepts it.
 *
 * @param id         unique per incident and purpose, so a retried send is the same notice
 * @param incidentId the incident it is about
 * @param kind       what it is: alert, drafts-ready, acknowledged, approved, repair, closed, escalation, spike
 * @param severity   the incident's severity (subscriptions filter on it)
 * @param account    the account's display name
 * @param platform   the platform id
 * @param subject    an email subject line
 * @param body       the full text (email and chat)
 * @param sms        a short form for SMS
 * @param createdAt  when it was written
 */
public record Notice(String id, String incidentId, String kind, Severity severity, String account,
                     String platform, String subject, String body, String sms, Instant createdAt) {
    public Notice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        sms = sms == null ? subject : sms;
    }
}
