package com.mispost.notify;

import com.mispost.account.Account;
import com.mispost.apology.ApologyDraft;
import com.mispost.apology.DraftKind;
import com.mispost.apology.LintFinding;
import com.mispost.crowd.Backlash;
import com.mispost.detection.Evidence;
import com.mispost.detection.Reason;
import com.mispost.detection.Severity;
import com.mispost.incident.AuthorAnswer;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentAction;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.links.ActionLinks;
import com.mispost.post.Permalinks;
import com.mispost.post.Post;
import com.mispost.post.ReactionCounts;
import com.mispost.post.ReactionKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Writes the words staff read: alerts, "drafts ready", state changes and the closing summary. */
public final class NoticeComposer {
    /** Reasons an alert lists, strongest first. */
    static final int ALERT_REASONS = 3;
    /** Replies an alert from the crowd quotes. */
    static final int ALERT_QUOTES = 3;

    private final ActionLinks links;

    public NoticeComposer(ActionLinks links) {
        this.links = links;
    }

    /**
     * The reasons an alert lists: a person on a phone reads three, the incident page has them all.
     * The strongest content finding is always among them, since it is what set the severity (a
     * MEDIUM alert must say "damn", not only that the post sounds personal); the rest are the
     * strongest others, in the order given (strongest first).
     */
    static List<Reason> forAlert(List<Reason> strongestFirst) {
        List<Reason> picked = new ArrayList<>();
        strongestFirst.stream().filter(r -> r.signal().startsWith("content.")).findFirst().ifPresent(picked::add);
        for (Reason r : strongestFirst) {
            if (picked.size() >= ALERT_REASONS) break;
            if (!picked.contains(r)) picked.add(r);
        }
        picked.sort(java.util.Comparator.comparingInt(strongestFirst::indexOf));
        return picked;
    }

    public Notice alert(Incident incident, Account account, String linkBase, Instant now) {
        Post post = incident.post();
        Severity sev = incident.assessment().severity();
        StringBuilder b = new StringBuilder();
        boolean crowd = Backlash.isCrowds(incident.assessment());
        b.append("A post on ").append(account.displayName()).append(" (").append(post.platform().id())
                .append(crowd ? ") drew replies that turned against it, though its words passed the detector.\n\n"
                        : ") looks like it was meant for a personal account.\n\n");
        b.append("The post, as it went out:\n  \"").append(post.text()).append("\"\n");
        if (post.author() != null) b.append("Posted by: ").append(post.author()).append('\n');
        if (post.client() != null) b.append("Posted from: ").append(post.client()).append('\n');
        Permalinks.safe(post.platform(), post.permalink()).ifPresent(url -> b.append("Link: ").append(url).append('\n'));
        b.append("Severity: ").append(sev.id().toUpperCase(Locale.ROOT))
                .append(String.format(Locale.ROOT, " (score %.2f)%n%n", incident.assessment().score()));
        b.append("Why it was flagged:\n");
        List<Reason> reasons = incident.assessment().reasons();
        Set<String> quoted = new HashSet<>();
        for (Reason r : forAlert(reasons)) {
            b.append("  - ").append(r.explanation());
            List<String> spans = r.evidence().stream().map(Evidence::excerpt).distinct().limit(5).toList();
            if (r.signal().startsWith(Backlash.SIGNAL_PREFIX)) {
                // Replies are long evidence: an alert quotes three at most, the incident page has them all.
                List<String> fresh = new ArrayList<>();
                for (String q : spans) if (quoted.size() < ALERT_QUOTES && quoted.add(q)) fresh.add(q);
                spans = fresh;
            }
            if (!spans.isEmpty()) b.append(" [").append(String.join(", ", spans)).append(']');
            b.append('\n');
        }
        if (reasons.size() > ALERT_REASONS) {
            b.append("  (").append(reasons.size() - ALERT_REASONS).append(" more on the incident page)\n");
        }
        b.append("\nFirst step: ").append(incident.assessment().firstStep()).append("\n\n");
        b.append("What to do, in order:\n");
        List<String> steps = crowd ? RecoverySteps.forBacklash(sev) : RecoverySteps.forSeverity(sev);
        for (int i = 0; i < steps.size(); i++) b.append("  ").append(i + 1).append(". ").append(steps.get(i)).append('\n');
        b.append("\nAcknowledge: ").append(links.link(linkBase, incident.id(), IncidentAction.ACKNOWLEDGE, now)).append('\n');
        b.append(dismissLabel(incident)).append(": ").append(links.link(linkBase, incident.id(), IncidentAction.DISMISS, now)).append('\n');
        b.append("Incident page: ").append(links.link(linkBase, incident.id(), ActionLinks.VIEW, now)).append('\n');
        String subject = "[" + sev.id().toUpperCase(Locale.ROOT) + "] " + (crowd ? "Replies turned against a post on "
                : "Possible mispost on ") + account.displayName()
                + " (" + post.platform().id() + ")";
        String sms = "Mispost " + sev.id().toUpperCase(Locale.ROOT) + " on " + account.displayName() + ": "
                + shorten(post.text(), 60) + " Ack: " + links.link(linkBase, incident.id(), IncidentAction.ACKNOWLEDGE, now);
        return new Notice("alert", incident.id(), NoticeKind.ALERT, sev, account.displayName(), post.platform().id(),
                subject, b.toString(), sms, now);
    }

    public Notice draftsReady(Incident incident, String accountName, List<ApologyDraft> drafts, String linkBase,
                              Instant now) {
        StringBuilder b = new StringBuilder("Apology drafts are ready for the incident on ").append(accountName)
                .append(accountName.endsWith(".") ? "" : ".").append(" Nothing is posted until you approve and publish it yourself.\n\n");
        for (ApologyDraft d : drafts) {
            b.append(d.tone().id().toUpperCase(Locale.ROOT)).append(" (").append(d.length())
                    .append(d.limit() == 0 ? "" : "/" + d.limit()).append(")")
                    .append(d.kind() == DraftKind.STATEMENT ? " website/press statement" : "")
                    .append(":\n  ").append(d.text()).append('\n');
            for (LintFinding f : d.lint()) b.append("  linter: ").append(f.line()).append('\n');
            for (String note : d.notes()) b.append("  note: ").append(note).append('\n');
            b.append('\n');
        }
        b.append("Review and approve: ").append(links.link(linkBase, incident.id(), ActionLinks.VIEW, now)).append('\n');
        return new Notice("drafts-ready", incident.id(), NoticeKind.DRAFTS_READY, incident.assessment().severity(), accountName,
                incident.post().platform().id(), "Apology drafts ready: " + accountName, b.toString(),
                "Mispost: apology drafts ready for " + accountName, now);
    }

    /** The notice for a state change staff made. */
    public Notice changed(Incident incident, String accountName, TimelineEntry entry, String linkBase, Instant now) {
        String what = switch (entry.event()) {
            case ACKNOWLEDGED -> entry.actor() + " acknowledged the incident on " + accountName + " and is on it.";
            case DISMISSED -> entry.actor() + " dismissed the incident on " + accountName + " as not a mispost: "
                    + entry.detail();
            case DRAFT_APPROVED -> entry.actor() + " approved the apology for " + accountName + ":\n  " + entry.detail()
                    + "\nPublishing stays with staff: post it from the account now.";
            case REPAIR -> entry.actor() + " recorded a repair for " + accountName + ": " + entry.detail();
            case REOPENED -> entry.actor() + " reopened the incident on " + accountName + ": " + entry.detail();
            case POST_EDITED -> "The flagged post on " + accountName + " was " + entry.detail() + ".";
            case AUTHOR_CONFIRMED -> entry.actor() + ", who posted it, confirms the post on " + accountName
                    + " was meant for their own account.";
            default -> entry.actor() + ": " + entry.event().id() + (entry.detail() == null ? "" : " (" + entry.detail() + ")");
        };
        String body = what + "\n\nIncident page: "
                + links.link(linkBase, incident.id(), ActionLinks.VIEW, now) + "\n";
        NoticeKind kind = NoticeKind.changeOf(entry.event());
        return new Notice(kind.id() + "-" + now.toEpochMilli(), incident.id(), kind,
                incident.assessment().severity(), accountName, incident.post().platform().id(),
                headline(entry.event()) + ": " + accountName, body,
                "Mispost: incident on " + accountName + " " + entry.event().id(), now);
    }

    private static String headline(TimelineEvent event) {
        return switch (event) {
            case ACKNOWLEDGED -> "Incident acknowledged";
            case DRAFT_APPROVED -> "Apology approved";
            case REPAIR -> "Repair recorded";
            case DISMISSED -> "Incident dismissed";
            case REOPENED -> "Incident reopened";
            case POST_EDITED -> "Flagged post edited";
            default -> "Incident " + event.id();
        };
    }

    /** What dismissing says: for the crowd's alert, that the post stands, not that it was no mispost. */
    private static String dismissLabel(Incident incident) {
        return Backlash.isCrowds(incident.assessment()) ? "The post stands (dismiss)" : "Not a mispost (dismiss)";
    }

    /** Nobody has acknowledged the alert: say so louder, with the links again. */
    public Notice escalation(Incident incident, String accountName, String linkBase, Instant now) {
        Severity sev = incident.assessment().severity();
        String waited = since(incident.openedAt(), now);
        String body = "Nobody has acknowledged the " + sev.id() + " incident on " + accountName + " for " + waited
                + ". The post is still up as it went out:\n  \"" + incident.post().text() + "\"\n\n"
                + "Acknowledge: " + links.link(linkBase, incident.id(), IncidentAction.ACKNOWLEDGE, now) + "\n"
                + dismissLabel(incident) + ": " + links.link(linkBase, incident.id(), IncidentAction.DISMISS, now) + "\n"
                + "Incident page: " + links.link(linkBase, incident.id(), ActionLinks.VIEW, now) + "\n";
        return new Notice("escalation-" + now.toEpochMilli(), incident.id(), NoticeKind.ESCALATION, sev, accountName,
                incident.post().platform().id(),
                "[" + sev.id().toUpperCase(Locale.ROOT) + "] Unacknowledged for " + waited + ": " + accountName, body,
                "Mispost " + sev.id().toUpperCase(Locale.ROOT) + " on " + accountName + " still unacknowledged after "
                        + waited + ". Ack: " + links.link(linkBase, incident.id(), IncidentAction.ACKNOWLEDGE, now), now);
    }

    /** Reactions are coming in faster than the account's threshold. */
    public Notice spike(Incident incident, String accountName, ReactionCounts reactions, long perMinute, int threshold,
                        String linkBase, Instant now) {
        StringBuilder b = new StringBuilder("Reactions to the flagged post on ").append(accountName).append(" reached ")
                .append(perMinute).append(" a minute (the account's threshold is ").append(threshold).append(").\n\n");
        b.append("So far: ").append(reactions.total()).append(" in all");
        for (ReactionKind k : ReactionKind.values()) {
            if (reactions.of(k) > 0) b.append(", ").append(reactions.of(k)).append(' ').append(k.id());
        }
        b.append(".\n");
        if (reactions.deletedAt() != null) {
            b.append("The post was deleted at ").append(reactions.deletedAt())
                    .append("; people are reacting to copies and screenshots now, so say what happened.\n");
        }
        b.append("\nIncident page: ").append(links.link(linkBase, incident.id(), ActionLinks.VIEW, now)).append('\n');
        return new Notice("spike-" + now.toEpochMilli(), incident.id(), NoticeKind.SPIKE, incident.assessment().severity(),
                accountName, incident.post().platform().id(),
                "Reaction spike: " + perMinute + " a minute on " + accountName, b.toString(),
                "Mispost: " + perMinute + " reactions a minute on " + accountName + "'s flagged post", now);
    }

    /** A question to the person who posted it: did you mean to post this to the brand? */
    public Notice askAuthor(Incident incident, String accountName, String linkBase, Instant now) {
        String author = incident.post().author();
        String body = "Hi " + author + ", this was just posted from your seat on " + accountName + " ("
                + incident.post().platform().id() + "):\n  \"" + incident.post().text() + "\"\n\n"
                + "Did you mean to post it to " + accountName + "?\n\n"
                + "No, it was meant for my own account: " + links.link(linkBase, incident.id(), AuthorAnswer.CONFIRM.id(), now) + "\n"
                + "Yes, I meant to post it to " + accountName + ": " + links.link(linkBase, incident.id(), AuthorAnswer.DENY.id(), now) + "\n\n"
                + "If it was a slip: capture it before anything else (screenshot and link), and do not delete it "
                + "silently; the team will help you with the rest.\n";
        return new Notice("ask-author", incident.id(), NoticeKind.ASK_AUTHOR, incident.assessment().severity(), accountName,
                incident.post().platform().id(), "Did you mean to post this to " + accountName + "?", body,
                "Mispost: did you mean to post to " + accountName + "? Mistake: "
                        + links.link(linkBase, incident.id(), AuthorAnswer.CONFIRM.id(), now), now, author);
    }

    /** The closing notice, with the post-incident summary. */
    public Notice closed(Incident incident, String accountName, List<TimelineEntry> timeline, ReactionCounts reactions,
                         Instant now) {
        StringBuilder b = new StringBuilder("The incident on ").append(accountName).append(" is closed.\n\n");
        b.append("Summary\n");
        b.append("  Post: \"").append(incident.post().text()).append("\"\n");
        b.append("  Severity: ").append(incident.assessment().severity().id()).append('\n');
        // The crowd's reasons are the replies' verdict, not the detector's: each source under its own name.
        List<String> detector = new ArrayList<>();
        List<String> crowd = new ArrayList<>();
        for (Reason r : incident.assessment().reasons()) {
            (r.signal().startsWith(Backlash.SIGNAL_PREFIX) ? crowd : detector).add(r.explanation());
        }
        if (!detector.isEmpty() || crowd.isEmpty()) b.append("  Detector said: ").append(String.join("; ", detector)).append('\n');
        if (!crowd.isEmpty()) b.append("  The crowd said: ").append(String.join("; ", crowd)).append('\n');
        Instant posted = incident.post().createdAt();
        b.append("  Time to detect: ").append(since(posted, incident.openedAt())).append('\n');
        timeline.stream().filter(e -> e.event() == TimelineEvent.ACKNOWLEDGED).findFirst()
                .ifPresent(e -> b.append("  Time to acknowledge: ").append(since(incident.openedAt(), e.at())).append('\n'));
        timeline.stream().filter(e -> e.event() == TimelineEvent.DRAFT_APPROVED).findFirst()
                .ifPresent(e -> b.append("  Time to apologize: ").append(since(incident.openedAt(), e.at())).append('\n'));
        b.append("  Time to close: ").append(since(incident.openedAt(), now)).append('\n');
        b.append("  Reactions: ").append(reactions.total()).append(" in all, peak ").append(reactions.peakPerMinute())
                .append(" a minute").append('\n');
        if (incident.approvedDraft() != null) b.append("  Apology: ").append(incident.approvedDraft()).append('\n');
        b.append("\nTimeline\n");
        for (TimelineEntry e : timeline) {
            b.append("  ").append(e.at()).append("  ").append(e.event().id()).append(" — ").append(e.actor());
            if (e.detail() != null) b.append(": ").append(e.detail());
            b.append('\n');
        }
        return new Notice("closed-" + now.toEpochMilli(), incident.id(), NoticeKind.CLOSED, incident.assessment().severity(),
                accountName, incident.post().platform().id(), "Incident closed: " + accountName, b.toString(),
                "Mispost: incident on " + accountName + " closed", now);
    }

    /** A duration as people read it: "4.2 s", "12 min", "3 h 5 min". */
    public static String since(Instant from, Instant to) {
        if (from == null || to == null) return "unknown";
        Duration d = Duration.between(from, to);
        if (d.isNegative()) d = Duration.ZERO;
        long s = d.getSeconds();
        if (s < 120) return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        if (s < 7200) return (s / 60) + " min";
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    private static String shorten(String s, int max) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= max ? "\"" + one + "\"" : "\"" + one.substring(0, max - 1) + "…\"";
    }
}
