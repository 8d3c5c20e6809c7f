package com.mispost.notify;

import com.mispost.account.Account;
import com.mispost.apology.ApologyDraft;
import com.mispost.apology.DraftKind;
import com.mispost.apology.Tone;
import com.mispost.detection.Assessment;
import com.mispost.detection.Evidence;
import com.mispost.detection.Reason;
import com.mispost.detection.Severity;
import com.mispost.incident.Incident;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.links.ActionLinks;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.ReactionCounts;
import com.mispost.post.ReactionKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every kind of notice the composer writes, each filled with what a stranger (or a careless name) could put in it. */
public final class HostileNotices {
    public static final String BASE = "https://api.example";
    public static final Instant NOW = Instant.parse("2026-11-20T22:14:05Z");
    public static final ActionLinks LINKS = new ActionLinks(name -> Optional.of("hostile-test-link-key-0123"), Duration.ofDays(1));
    public static final NoticeComposer COMPOSER = new NoticeComposer(LINKS);

    /** What goes in: the post, names, the detector's reasons and replies, staff's words, and how many of each. */
    public record Parts(String text, String account, String author, String client, String quote, String detail,
                        int reasons, int timeline, boolean crowd) {
    }

    /**
     * Parts drawn from hostile text: the post up to {@code textMax} characters, names, quotes and
     * details up to {@code otherMax}, up to {@code maxReasons} reasons and {@code maxTimeline} entries.
     */
    public static net.jqwik.api.Arbitrary<Parts> parts(int textMax, int otherMin, int otherMax, int maxReasons, int maxTimeline) {
        net.jqwik.api.Arbitrary<String> text = HostileText.text(40, textMax);
        net.jqwik.api.Arbitrary<String> other = HostileText.text(otherMin, otherMax);
        return net.jqwik.api.Combinators.combine(text, other, other.injectNull(0.2), other.injectNull(0.3), other, other,
                        net.jqwik.api.Arbitraries.integers().between(0, maxReasons), net.jqwik.api.Arbitraries.integers().between(0, maxTimeline))
                .as((t, account, author, client, quote, detail, reasons, timeline) ->
                        new Parts(t, account, author, client, quote, detail, reasons, timeline, reasons % 2 == 1));
    }

    public static Incident incident(Parts p) {
        Post post = new Post(p.crowd() ? Platform.MASTODON : Platform.X, "42", "900", p.author(), p.text(), NOW.minusSeconds(2),
                p.client(), null, null, List.of(), "en", "https://x.com/i/web/status/900");
        List<Reason> reasons = new ArrayList<>();
        for (int i = 0; i < p.reasons(); i++) {
            String signal = p.crowd() && i == 0 ? "crowd.backlash" : i == 0 ? "content.profanity" : "voice.r" + i;
            reasons.add(new Reason(signal, p.quote(), 1.0 / (i + 1),
                    List.of(new Evidence(0, 1, p.quote()), Evidence.fact(p.detail()), new Evidence(0, 1, p.text()))));
        }
        Incident opened = Incident.open(post, new Assessment(0.9, Severity.CRITICAL, reasons, p.detail()), NOW);
        return opened;
    }

    /** One notice of every kind, for the same incident. */
    public static List<Notice> all(Parts p) {
        Incident i = incident(p);
        List<Notice> out = new ArrayList<>();
        out.add(COMPOSER.alert(i, Account.watched(new AccountKey(i.post().platform(), "42"), p.account()), BASE, NOW));
        List<ApologyDraft> drafts = new ArrayList<>();
        for (Tone t : Tone.values()) {
            drafts.add(new ApologyDraft(t, t == Tone.FORMAL ? DraftKind.STATEMENT : DraftKind.POST, "en", p.text(), 10, 280,
                    List.of(), List.of(p.detail())));
        }
        out.add(COMPOSER.draftsReady(i, p.account(), drafts, BASE, NOW));
        for (TimelineEvent e : List.of(TimelineEvent.ACKNOWLEDGED, TimelineEvent.DISMISSED, TimelineEvent.DRAFT_APPROVED,
                TimelineEvent.REPAIR, TimelineEvent.REOPENED, TimelineEvent.POST_EDITED, TimelineEvent.AUTHOR_CONFIRMED)) {
            out.add(COMPOSER.changed(i, p.account(), new TimelineEntry(NOW, e, p.author() == null ? p.quote() : p.author(),
                    e == TimelineEvent.DRAFT_APPROVED ? p.text() : p.detail()), BASE, NOW));
        }
        out.add(COMPOSER.escalation(i, p.account(), BASE, NOW.plusSeconds(600)));
        var counts = new ReactionCounts(Map.of(ReactionKind.REPLY, 30L), new TreeMap<>(Map.of(NOW, 30L)), NOW, NOW);
        out.add(COMPOSER.spike(i, p.account(), counts, 30, 20, BASE, NOW));
        if (p.author() != null) out.add(COMPOSER.askAuthor(i, p.account(), BASE, NOW));
        List<TimelineEntry> timeline = new ArrayList<>();
        for (int k = 0; k < p.timeline(); k++) timeline.add(new TimelineEntry(NOW.plusSeconds(k), TimelineEvent.REPAIR, p.author() == null ? "x" : p.author(), p.detail()));
        Notice closed = COMPOSER.closed(new Incident(i.id(), i.post(), i.assessment(), com.mispost.incident.IncidentState.CLOSED, NOW, NOW, p.text()), p.account(), timeline,
                new ReactionCounts(Map.of(), new TreeMap<>(), null, null), NOW);
        out.add(closed);
        out.add(COMPOSER.shortForm(out.get(0), BASE, p.detail(), NOW));
        return out;
    }

    /** The notice's own links: the action and page links for the incident, and the post's address. */
    public static List<String> ownLinks(Notice n) {
        List<String> own = new ArrayList<>(List.of("https://x.com/i/web/status/900"));
        for (String action : List.of("acknowledge", "dismiss", ActionLinks.VIEW, "author-confirm", "author-deny")) {
            for (Instant at : List.of(NOW, NOW.plusSeconds(600))) own.add(LINKS.link(BASE, n.incidentId(), action, at));
        }
        return own;
    }
}
