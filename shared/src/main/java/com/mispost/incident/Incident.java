package com.mispost.incident;

import com.mispost.detection.Assessment;
import com.mispost.post.Post;

import java.time.Instant;
import java.util.Objects;

/**
 * A suspected mispost that staff must handle, from the alert to the closing record.
 *
 * @param id         stable id derived from the post, so one post opens at most one incident
 * @param post       the post as it went out
 * @param assessment what the detector said
 * @param state      where it stands
 * @param openedAt   when the incident opened
 * @param updatedAt  when its state last changed
 * @param approvedDraft the apology text staff approved, if any
 */
public record Incident(String id, Post post, Assessment assessment, IncidentState state,
                       Instant openedAt, Instant updatedAt, String approvedDraft) {
    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(post, "post");
        Objects.requireNonNull(assessment, "assessment");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(openedAt, "openedAt");
        updatedAt = updatedAt == null ? openedAt : updatedAt;
    }

    /** A newly opened incident for a post the detector flagged. */
    public static Incident open(Post post, Assessment assessment, Instant now) {
        return new Incident(IncidentIds.forPost(post.key()), post, assessment, IncidentState.OPEN, now, now, null);
    }
}
