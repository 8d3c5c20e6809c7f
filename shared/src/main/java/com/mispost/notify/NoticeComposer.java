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

    /** The heading of the block of the notice's own links. */
    public static final String OWN_LINKS = "Links from Mispost (only these):";
    private static final String SHORT_FORM = "-short";
    // How much of each quoted thing a notice shows, in code points: the incident page has all of it.
    static final int POST_QUOTE = 1_500;
    static final int CLOSED_QUOTE = 500;
    static final int SMS_QUOTE = 60;
    static final int SPAN = 160;
    static final int NAME = 80;
    static final int DETAIL = 500;
    static final int EXPLANATION = 300;
    static final int DRAFT = 3_000;

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
        String name = shown(account.displayName());
        StringBuilder b = new StringBuilder();
        boolean crowd = Backlash.isCrowds(incident.assessment());
        b.append("A post on ").append(name).append(" (").append(post.platform().id())
                .append(crowd ? ") drew replies that turned against it, though its words passed the detector.\n\n"
                        : ") looks like it was meant for a personal account.\n\n");
        b.append("The post, as it went out:\n").append(QuotedText.block(post.text(), POST_QUOTE));
        if (post.author() != null) b.append("Posted by: ").append(QuotedText.inline(post.author(), NAME)).append('\n');
        if (post.client() != null) b.append("Posted from: ").append(QuotedText.inline(post.client(), NAME)).append('\n');
        Permalinks.safe(post.platform(), post.permalink()).ifPresent(url -> b.append("Link to the post: ").append(url).append('\n'));
        b.append("Severity: ").append(sev.id().toUpperCase(Locale.ROOT))
                .append(String.format(Locale.ROOT, " (score %.2f)%n%n", incident.assessment().score()));
        b.append("Why it was flagged:\n");
        List<Reason> reasons = incident.assessment().reasons();
        Set<String> quoted = new HashSet<>();
        for (Reason r : forAlert(reasons)) {
            b.append("  - ").append(QuotedText.inline(r.explanation(), EXPLANATION));
            List<String> spans = r.evidence().stream().map(Evidence::excerpt).distinct().limit(5).toList();
            if (r.signal().startsWith(Backlash.SIGNAL_PREFIX)) {
                // Replies are long evidence: an alert quotes three at most, the incident page has them all.
                List<String> fresh = new ArrayList<>();
                for (String q : spans) if (quoted.size() < ALERT_QUOTES && quoted.add(q)) fresh.add(q);
                spans = fresh;
            }
            if (!spans.isEmpty()) {
                b.append(" [").append(String.join(", ", spans.stream().map(x -> QuotedText.inline(x, SPAN)).toList())).append(']');
            }
            b.append('\n');
        }
        if (reasons.size() > ALERT_REASONS) {
            b.append("  (").append(reasons.size() - ALERT_REASONS).append(" more on the incident page)\n");
        }
        b.append("\nFirst step: ").append(QuotedText.inline(incident.assessment().firstStep(), EXPLANATION)).append("\n\n");
        b.append("What to do, in order:\n");
        List<String> steps = crowd ? RecoverySteps.forBacklash(sev) : RecoverySteps.forSeverity(sev);
        for (int i = 0; i < steps.size(); i++) b.append("  ").append(i + 1).append(". ").append(steps.get(i)).append('\n');
        String ack = links.link(linkBase, incident.id(), IncidentAction.ACKNOWLEDGE, now);
        String own = ownLinks(
                "Acknowledge: " + ack,
                dismissLabel(incident) + ": " + links.link(linkBase, incident.id(), IncidentAction.DISMISS, now),
                "Incident page: " + links.link(linkBase, incident.id(), ActionLinks.VIEW, now));
        String subject = "[" + sev.id().toUpperCase(Locale.ROOT) + "] " + (crowd ? "Replies turned against a post on "
                : "Possible mispost on ") + name + " (" + post.platform().id() + ")";
        String sms = SmsText.of("Mispost " + sev.id().toUpperCase(Locale.ROOT) + " on " + name + ": ",
                QuotedText.inline(post.text(), SMS_QUOTE), " Ack: " + ack);
        return chat(new Notice("alert", incident.id(), NoticeKind.ALERT, sev, plain(account.displayName()), post.platform().id(),
                subject, NoticeBudget.body(b.toString(), own) + own, sms, now), b.toString(), own, steps);
    }

    public Notice draftsReady(Incident incident, String accountName, List<ApologyDraft> drafts, String linkBase,
                              Instant now) {
        String name = shown(accountName);
        StringBuilder b = new StringBuilder("Apology drafts are ready for the incident on ").append(name)
                .append(name.endsWith(".") ? "" : ".").append(" Nothing is posted until you approve and publish it yourself.\n\n");
        for (ApologyDraft d : drafts) {
            b.append(d.tone().id().toUpperCase(Locale.ROOT)).append(" (").append(d.length())
                    .append(d.limit() == 0 ? "" : "/" + d.limit()).append(")")
                    .append(d.kind() == DraftKind.STATEMENT ? " website/press statement" : "")
                    .append(":\n").append(QuotedText.block(d.text(), DRAFT));
            for (LintFinding f : d.lint()) b.append("  linter: ").append(QuotedText.inline(f.line(), EXPLANATION)).append('\n');
            for (String note : d.notes()) b.append("  note: ").append(QuotedText.inline(note, EXPLANATION)).append('\n');
            b.append('\n');
        }
        String own = ownLinks("Review and approve: " + links.link(linkBase, incident.id(), ActionLinks.VIEW, now));
        return chat(new Notice("drafts-ready", incident.id(), NoticeKind.DRAFTS_READY, incident.assessment().severity(),
                plain(accountName), incident.post().platform().id(), "Apology drafts ready: " + name,
                NoticeBudget.body(b.toString(), own) + own,
                SmsText.of("Mispost: apology drafts ready for " + name, "", ""), now), b.toString(), own, List.of());
    }

    /** The notice for a state change staff made. */
    public Notice changed(Incident incident, String accountName, TimelineEntry entry, String linkBase, Instant now) {
        String name = shown(accountName);
        // A name typed into an action form is what the person said they are, not who they are.
        boolean stated = entry.provenance() != null && entry.provenance().nameStated();
        String actor = QuotedText.inline(entry.actor(), NAME) + (stated ? " (name as typed, not verified)" : "");
        String detail = QuotedText.inline(entry.detail(), DETAIL);
        // Every line starts with the notice's own words: the name typed into an action form is a stranger's text.
        String what = switch (entry.event()) {
            case ACKNOWLEDGED -> "The incident on " + name + " was acknowledged by " + actor + ", who is on it.";
            case DISMISSED -> "The incident on " + name + " was dismissed as not a mispost by " + actor + ": " + detail;
            case DRAFT_APPROVED -> "The apology for " + name + " was approved by " + actor + ":\n"
                    + QuotedText.block(entry.detail(), DRAFT) + "Publishing stays with staff: post it from the account now.";
            case REPAIR -> "A repair for " + name + " was recorded by " + actor + ": " + detail;
            case REOPENED -> "The incident on " + name + " was reopened by " + actor + ": " + detail;
            case POST_EDITED -> "The flagged post on " + name + " was " + detail + ".";
            case AUTHOR_CONFIRMED -> "The post on " + name + " was meant for their own account, confirms " + actor
                    + ", who posted it.";
            default -> "The incident on " + name + ": " + entry.event().id() + " by " + actor
                    + (entry.detail() == null ? "" : " (" + detail + ")");
        };
        String own = ownLinks("Incident page: " + links.link(linkBase, incident.id(), ActionLinks.VIEW, now));
        NoticeKind kind = NoticeKind.changeOf(entry.event());
        return chat(new Notice(kind.id() + "-" + now.toEpochMilli(), incident.id(), kind,
                incident.assessment().severity(), plain(accountName), incident.post().platform().id(),
                headline(entry.event()) + ": " + name, NoticeBudget.body(what + "\n", own) + own,
                SmsText.of("Mispost: incident on " + name + " " + entry.event().id(), "", ""), now), what + "\n", own, List.of());
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
        String name = shown(accountName);
        String waited = since(incident.openedAt(), now);
        String content = "Nobody has acknowledged the " + sev.id() + " incident on " + name + " for " + waited
                + ". The post is still up as it went out:\n" + QuotedText.block(incident.post().text(), POST_QUOTE);
        String ack = links.link(linkBase, incident.id(), IncidentAction.ACKNOWLEDGE, now);
        String own = ownLinks("Acknowledge: " + ack,
                dismissLabel(incident) + ": " + links.link(linkBase, incident.id(), IncidentAction.DISMISS, now),
                "Incident page: " + links.link(linkBase, incident.id(), ActionLinks.VIEW, now));
        return chat(new Notice("escalation-" + now.toEpochMilli(), incident.id(), NoticeKind.ESCALATION, sev, plain(accountName),
                incident.post().platform().id(),
                "[" + sev.id().toUpperCase(Locale.ROOT) + "] Unacknowledged for " + waited + ": " + name,
                NoticeBudget.body(content, own) + own,
                SmsText.of("Mispost " + sev.id().toUpperCase(Locale.ROOT) + " on " + name + " still unacknowledged after "
                        + waited + ".", "", " Ack: " + ack), now), content, own, List.of());
    }

    /** Reactions are coming in faster than the account's threshold. */
    public Notice spike(Incident incident, String accountName, ReactionCounts reactions, long perMinute, int threshold,
                        String linkBase, Instant now) {
        String name = shown(accountName);
        StringBuilder b = new StringBuilder("Reactions to the flagged post on ").append(name).append(" reached ")
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
        String own = ownLinks("Incident page: " + links.link(linkBase, incident.id(), ActionLinks.VIEW, now));
        return chat(new Notice("spike-" + now.toEpochMilli(), incident.id(), NoticeKind.SPIKE, incident.assessment().severity(),
                plain(accountName), incident.post().platform().id(),
                "Reaction spike: " + perMinute + " a minute on " + name, NoticeBudget.body(b.toString(), own) + own,
                SmsText.of("Mispost: " + perMinute + " reactions a minute on " + name + "'s flagged post", "", ""), now), b.toString(), own, List.of());
    }

    /** A question to the person who posted it: did you mean to post this to the brand? */
    public Notice askAuthor(Incident incident, String accountName, String linkBase, Instant now) {
        String author = incident.post().author();
        String name = shown(accountName);
        String content = "Hi " + QuotedText.inline(author, NAME) + ", this was just posted from your seat on " + name + " ("
                + incident.post().platform().id() + "):\n" + QuotedText.block(incident.post().text(), POST_QUOTE) + "\n"
                + "Did you mean to post it to " + name + "?\n\n"
                + "If it was a slip: capture it before anything else (screenshot and link), and do not delete it "
                + "silently; the team will help you with the rest.\n";
        String confirm = links.link(linkBase, incident.id(), AuthorAnswer.CONFIRM.id(), now);
        String own = ownLinks("No, it was meant for my own account: " + confirm,
                "Yes, I meant to post it to " + name + ": " + links.link(linkBase, incident.id(), AuthorAnswer.DENY.id(), now));
        return chat(new Notice("ask-author", incident.id(), NoticeKind.ASK_AUTHOR, incident.assessment().severity(), plain(accountName),
                incident.post().platform().id(), "Did you mean to post this to " + name + "?",
                NoticeBudget.body(content, own) + own,
                SmsText.of("Mispost: did you mean to post to " + name + "?", "", " Mistake: " + confirm), now, plain(author)), content, own, List.of());
    }

    /**
     * The short form of a notice SNS would not take (too large, or malformed for a protocol): what
     * happened and the incident page, small and plain by construction, so that staff still hear of it.
     */
    public Notice shortForm(Notice refused, String linkBase, String why, Instant now) {
        String page = links.link(linkBase, refused.incidentId(), ActionLinks.VIEW, now);
        String content = "This is the short form of a notice that could not be sent in full ("
                + QuotedText.inline(why, EXPLANATION) + "). Everything is on the incident page.\n\n"
                + "What happened: " + QuotedText.inline(refused.subject(), NoticeBudget.SUBJECT_MAX) + "\n";
        String own = ownLinks("Incident page: " + page);
        return chat(new Notice(refused.id() + SHORT_FORM, refused.incidentId(), refused.kind(), refused.severity(),
                plain(refused.account()), refused.platform(), QuotedText.inline(refused.subject(), NoticeBudget.SUBJECT_MAX),
                NoticeBudget.body(content, own) + own,
                SmsText.of("Mispost: " + QuotedText.inline(refused.subject(), NoticeBudget.SUBJECT_MAX), "", " Page: " + page),
                now, refused.author()), content, own, List.of());
    }

    /** Whether a notice is itself the short form of another (it is never shortened again). */
    public static boolean isShortForm(Notice notice) {
        return notice.id().endsWith(SHORT_FORM);
    }

    /** The closing notice, with the post-incident summary. */
    public Notice closed(Incident incident, String accountName, List<TimelineEntry> timeline, ReactionCounts reactions,
                         Instant now) {
        String name = shown(accountName);
        StringBuilder b = new StringBuilder("The incident on ").append(name).append(" is closed.\n\n");
        b.append("Summary\n");
        b.append("  Post:\n").append(QuotedText.block(incident.post().text(), CLOSED_QUOTE));
        b.append("  Severity: ").append(incident.assessment().severity().id()).append('\n');
        // The crowd's reasons are the replies' verdict, not the detector's: each source under its own name.
        List<String> detector = new ArrayList<>();
        List<String> crowd = new ArrayList<>();
        for (Reason r : incident.assessment().reasons()) {
            (r.signal().startsWith(Backlash.SIGNAL_PREFIX) ? crowd : detector).add(QuotedText.inline(r.explanation(), EXPLANATION));
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
        if (incident.approvedDraft() != null) b.append("  Apology:\n").append(QuotedText.block(incident.approvedDraft(), DRAFT));
        b.append("\nTimeline\n");
        for (TimelineEntry e : timeline) {
            b.append("  ").append(e.at()).append("  ").append(e.event().id()).append(" — ").append(QuotedText.inline(e.actor(), NAME));
            if (e.detail() != null) b.append(": ").append(QuotedText.inline(e.detail(), DETAIL));
            b.append('\n');
        }
        return chat(new Notice("closed-" + now.toEpochMilli(), incident.id(), NoticeKind.CLOSED, incident.assessment().severity(),
                plain(accountName), incident.post().platform().id(), "Incident closed: " + name,
                NoticeBudget.body(b.toString(), ""), SmsText.of("Mispost: incident on " + name + " closed", "", ""), now), b.toString(), "", List.of());
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

    /** The notice's own links, after everything quoted, under a heading no quote can write (quoted lines start with "> "). */
    private static String ownLinks(String... lines) {
        StringBuilder b = new StringBuilder("\n").append(OWN_LINKS).append('\n');
        for (String line : lines) b.append(line).append('\n');
        return b.toString();
    }

    /** The notice with its chat form, from the same words: the content (cut to fit), the own links whole, the steps. */
    private static Notice chat(Notice n, String content, String own, List<String> steps) {
        return n.withChat(ChatForm.of(n, content, own, steps));
    }

    /** An account's name as notices show it: one line, bounded, inert. */
    private static String shown(String name) {
        return QuotedText.inline(name, NoticeBudget.NAME_MAX);
    }

    /** An account's name as machines read it (the {@code account} attribute subscriptions filter on): bounded, on one line. */
    private static String plain(String name) {
        return name == null ? null : QuotedText.plain(name, NoticeBudget.NAME_MAX);
    }
}
