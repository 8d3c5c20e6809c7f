package com.mispost.notify;

import com.mispost.detection.Severity;

import java.time.Instant;
import java.util.Objects;

/**
 * A message to staff about an incident, kept in the table's outbox until SNS accepts it.
 *
 * @param id         unique per incident and purpose, so a retried send is the same notice
 * @param incidentId the incident it is about
 * @param kind       what it is
 * @param severity   the incident's severity (subscriptions filter on it)
 * @param account    the account's display name
 * @param platform   the platform id
 * @param subject    an email subject line
 * @param body       the full text (email and chat)
 * @param sms        a short form for SMS
 * @param createdAt  when it was written
 * @param author     for a question to the post's author: who it is for (a subscription filters on it); else null
 * @param chat       the form for Slack and Teams (null in notices stored before it existed: the SNS adapter makes one)
 */
public record Notice(String id, String incidentId, NoticeKind kind, Severity severity, String account,
                     String platform, String subject, String body, String sms, Instant createdAt, String author,
                     ChatForm chat) {
    public Notice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        sms = sms == null ? subject : sms;
    }

    public Notice(String id, String incidentId, NoticeKind kind, Severity severity, String account, String platform,
                  String subject, String body, String sms, Instant createdAt, String author) {
        this(id, incidentId, kind, severity, account, platform, subject, body, sms, createdAt, author, null);
    }

    /** The same notice with its chat form. */
    public Notice withChat(ChatForm form) {
        return new Notice(id, incidentId, kind, severity, account, platform, subject, body, sms, createdAt, author, form);
    }

    /** A notice for all staff. */
    public Notice(String id, String incidentId, NoticeKind kind, Severity severity, String account, String platform,
                  String subject, String body, String sms, Instant createdAt) {
        this(id, incidentId, kind, severity, account, platform, subject, body, sms, createdAt, null);
    }
}
