package com.mispost.usecase.closure;

import com.mispost.account.Account;
import com.mispost.apology.ApologyDraft;
import com.mispost.apology.DraftKind;
import com.mispost.apology.LintFinding;
import com.mispost.detection.Evidence;
import com.mispost.detection.Reason;
import com.mispost.incident.AuthorAnswer;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentAction;
import com.mispost.incident.StaffAction;
import com.mispost.incident.TimelineEntry;
import com.mispost.intake.DeliveryJson;
import com.mispost.links.ActionLinks;
import com.mispost.post.Permalinks;
import com.mispost.post.ReactionKind;
import com.mispost.secrets.SecretUnavailableException;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;
import com.mispost.store.PostStore;
import com.mispost.post.ReactionCounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The pages staff reach from the links in their notices: the incident page, and for each action
 * a confirmation form (a GET never changes anything, because mail scanners follow links) whose
 * POST carries the action out. Every link is signed; a forged, altered or expired one is refused
 * with a page that says so, and nothing changes.
 */
public final class IncidentPages {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentPages.class);
    private final IncidentStore incidents;
    private final PostStore posts;
    private final AccountRegistry accounts;
    private final IncidentDesk desk;
    private final ActionLinks links;
    private final Clock clock;

    public IncidentPages(IncidentStore incidents, PostStore posts, AccountRegistry accounts, IncidentDesk desk,
                         ActionLinks links, Clock clock) {
        this.incidents = incidents;
        this.posts = posts;
        this.accounts = accounts;
        this.desk = desk;
        this.links = links;
        this.clock = clock;
    }

    /** An HTML answer. */
    public record Page(int status, String html) {
    }

    /**
     * @param method     GET or POST
     * @param incidentId from the path
     * @param actionId   from the path, or null for the incident page
     * @param query      the link's query (exp, sig)
     * @param form       the POSTed form fields (actor, detail, tone, text)
     */
    public Page handle(String method, String incidentId, String actionId, Map<String, String> query,
                       Map<String, String> form) {
        try {
            return answer(method, incidentId, actionId, query, form);
        } catch (SecretUnavailableException e) {
            LOG.warn("incident page: {}; answering 503", e.getMessage());
            return unavailable();
        }
    }

    /** The answer while something the page needs (the link key, the table) cannot be reached: try again. */
    public static Page unavailable() {
        return refusal(503, "Try again in a minute", "Mispost cannot reach what it needs to check this link right now."
                + " Nothing was changed; open the link again in a minute.");
    }

    private Page answer(String method, String incidentId, String actionId, Map<String, String> query,
                        Map<String, String> form) {
        Instant now = clock.instant();
        String signedAction = actionId == null ? ActionLinks.VIEW : actionId.toLowerCase(Locale.ROOT);
        Optional<IncidentAction> action = actionId == null ? Optional.empty() : IncidentAction.fromId(actionId);
        Optional<AuthorAnswer> answer = actionId == null ? Optional.empty() : AuthorAnswer.fromId(actionId);
        if (actionId != null && action.isEmpty() && answer.isEmpty()) {
            return refusal(404, "Unknown action", "There is no action '" + DeliveryJson.shorten(actionId) + "'.");
        }
        ActionLinks.Verdict verdict = links.verify(incidentId, signedAction, query.get("exp"), query.get("sig"), now);
        if (verdict != ActionLinks.Verdict.VALID) return refusal(403, "Link refused", verdict.message());
        Optional<Incident> found = incidents.find(incidentId);
        if (found.isEmpty()) return refusal(404, "No such incident", "There is no incident " + DeliveryJson.shorten(incidentId) + ".");
        if (actionId == null) return new Page(200, incidentPage(found.get(), now));
        if ("GET".equalsIgnoreCase(method)) {
            return new Page(200, answer.isPresent() ? answerPage(found.get(), answer.get())
                    : confirmPage(found.get(), action.get(), query));
        }
        if (!"POST".equalsIgnoreCase(method)) return refusal(405, "Not allowed", "Use the form on the page.");
        if (answer.isPresent()) {
            IncidentDesk.Outcome outcome = desk.answerFromAuthor(incidentId, answer.get());
            if (!outcome.done()) return notDone(outcome);
            return new Page(200, Html.page("Thank you", "<section><h1 class=\"ok\">Thank you</h1><p>"
                    + (answer.get() == AuthorAnswer.DENY
                    ? "The alert is dismissed: you meant to post it to the brand account."
                    : "The team knows it was meant for your own account and will take it from here. Please do not delete it "
                    + "silently: capture it first.") + "</p></section>"));
        }
        IncidentDesk.Outcome outcome = desk.act(incidentId, new StaffAction(action.get(), form.get("actor"),
                form.get("detail"), form.get("tone"), form.get("text")));
        if (!outcome.done()) return notDone(outcome);
        Incident after = outcome.incident();
        String view = links.link("", incidentId, ActionLinks.VIEW, now);
        return new Page(200, Html.page("Done", "<section><h1 class=\"ok\">Done: " + Html.esc(action.get().id())
                + "</h1><p>The incident is now <span class=\"badge state\">" + after.state().name().toLowerCase(Locale.ROOT)
                + "</span>. Staff have been notified.</p><p><a class=\"button\" href=\"" + Html.esc(view)
                + "\">Open the incident</a></p></section>"));
    }

    private static Page notDone(IncidentDesk.Outcome outcome) {
        int status = switch (outcome.refusal()) {
            case NO_SUCH_INCIDENT -> 404;
            case STALE_STATE -> 409;
            case INCOMPLETE -> 400;
        };
        return refusal(status, "Not done", outcome.message());
    }

    /** The question to the author, as a form: a GET answers nothing (mail scanners follow links). */
    private String answerPage(Incident incident, AuthorAnswer answer) {
        String account = Html.esc(accountName(incident));
        return Html.page("Your answer", "<section><h1>Did you mean to post this to the brand account?</h1>"
                + "<blockquote>" + Html.esc(incident.post().text()) + "</blockquote><form method=\"post\">"
                + "<button type=\"submit\" id=\"confirm\">" + (answer == AuthorAnswer.DENY
                ? "Yes, I meant to post it on " + account : "No, it was meant for my own account")
                + "</button></form></section>");
    }

    private String incidentPage(Incident incident, Instant now) {
        StringBuilder b = new StringBuilder();
        String sev = incident.assessment().severity().id();
        b.append("<h1>Possible mispost on ").append(Html.esc(accountName(incident))).append(" (")
                .append(Html.esc(incident.post().platform().id())).append(")</h1>");
        b.append("<p><span class=\"badge ").append(sev).append("\">").append(sev.toUpperCase(Locale.ROOT))
                .append("</span> <span class=\"badge state\" id=\"state\">")
                .append(incident.state().name().toLowerCase(Locale.ROOT)).append("</span> <span class=\"muted\">opened ")
                .append(Html.time(incident.openedAt())).append("</span></p>");
        // The actions come first: on a phone, acknowledging must not wait for a long scroll.
        b.append("<section id=\"actions\"><h2>Actions</h2>");
        for (IncidentAction a : IncidentAction.values()) {
            if (a == IncidentAction.APPROVE || !a.from().contains(incident.state())) continue;
            b.append("<a class=\"button\" id=\"action-").append(a.id()).append("\" href=\"")
                    .append(Html.esc(links.link("", incident.id(), a, now))).append("\">").append(label(a)).append("</a>");
        }
        b.append("</section>");
        b.append("<section><h2>The post, as it went out</h2><blockquote id=\"post\">")
                .append(Html.esc(incident.post().text())).append("</blockquote><p class=\"muted\">");
        if (incident.post().author() != null) b.append("by ").append(Html.esc(incident.post().author())).append(" · ");
        if (incident.post().client() != null) b.append("from ").append(Html.esc(incident.post().client())).append(" · ");
        Permalinks.safe(incident.post().platform(), incident.post().permalink()).ifPresent(url ->
                b.append("<a href=\"").append(Html.esc(url)).append("\" rel=\"noopener noreferrer\">")
                        .append("open on ").append(Html.esc(incident.post().platform().id())).append("</a>"));
        b.append("</p><p class=\"muted\">Capture it before anything else: once it is on the internet it is there forever.</p></section>");
        b.append("<section><h2>Why it was flagged</h2><ul>");
        for (Reason r : incident.assessment().reasons()) {
            b.append("<li>").append(Html.esc(r.explanation()));
            List<String> spans = r.evidence().stream().map(Evidence::excerpt).distinct().limit(5).toList();
            if (!spans.isEmpty()) b.append(" <span class=\"muted\">[").append(Html.esc(String.join(", ", spans))).append("]</span>");
            b.append("</li>");
        }
        b.append("</ul><p><strong>First step:</strong> ").append(Html.esc(incident.assessment().firstStep())).append("</p></section>");
        ReactionCounts counts = posts.reactionCounts(incident.post().key());
        b.append("<section><h2>Reactions</h2><p id=\"reactions\">").append(counts.total()).append(" in all: ");
        for (ReactionKind k : ReactionKind.values()) b.append(counts.of(k)).append(' ').append(plural(k)).append(" · ");
        b.append("peak ").append(counts.peakPerMinute()).append(" a minute</p>").append(chart(counts));
        if (counts.deletedAt() != null) b.append("<p class=\"muted\">The post was deleted at ").append(Html.time(counts.deletedAt())).append(".</p>");
        b.append("</section>");
        b.append("<section><h2>Apology drafts</h2>");
        List<ApologyDraft> drafts = incidents.drafts(incident.id());
        if (drafts.isEmpty()) b.append("<p class=\"muted\">Drafts are being written.</p>");
        String approve = links.link("", incident.id(), IncidentAction.APPROVE, now);
        for (ApologyDraft d : drafts) {
            b.append("<div class=\"draft\"><strong>").append(d.kind() == DraftKind.STATEMENT ? "statement for the website or press"
                    : d.tone().id()).append("</strong> <span class=\"muted\">")
                    .append(d.length()).append(d.limit() == 0 ? "" : "/" + d.limit()).append("</span><p class=\"draft-text\">")
                    .append(Html.esc(d.text())).append("</p>");
            for (LintFinding l : d.lint()) b.append("<p class=\"lint\">").append(Html.esc(l.line())).append("</p>");
            for (String note : d.notes()) b.append("<p class=\"muted\">").append(Html.esc(note)).append("</p>");
            if (d.kind() == DraftKind.POST) {
                b.append("<a class=\"button approve\" href=\"").append(Html.esc(approve)).append("&tone=").append(d.tone().id())
                        .append("\">Approve ").append(d.tone().id()).append("</a>");
            }
            b.append("</div>");
        }
        if (incident.approvedDraft() != null) {
            b.append("<p><strong>Approved:</strong> ").append(Html.esc(incident.approvedDraft())).append("</p>");
        }
        // A list, not a table: on a phone the detail gets the whole width under its time and event.
        b.append("</section><section><h2>Timeline</h2><ol class=\"timeline\">");
        for (TimelineEntry e : incidents.timeline(incident.id())) {
            b.append("<li><time class=\"muted\">").append(Html.time(e.at())).append("</time> <strong>")
                    .append(Html.esc(e.event().id())).append("</strong> · ").append(Html.esc(e.actor()));
            if (e.detail() != null) b.append("<br><span class=\"detail\">").append(Html.esc(e.detail())).append("</span>");
            b.append("</li>");
        }
        b.append("</ol></section>");
        return Html.page("Incident " + incident.id(), b.toString());
    }

    private String accountName(Incident incident) {
        return accounts.find(incident.post().key().account()).map(Account::displayName).orElse(incident.post().accountId());
    }

    private static String plural(ReactionKind k) {
        return k == ReactionKind.REPLY ? "replies" : k.id() + "s";
    }

    private static String chart(ReactionCounts counts) {
        if (counts.perMinute().isEmpty()) return "<p class=\"muted\">No reactions yet.</p>";
        long max = Math.max(1, counts.peakPerMinute());
        int n = counts.perMinute().size();
        int w = Math.max(30, 320 / n); // about one unit per CSS pixel on a phone, so the labels stay readable
        int width = w * n;
        StringBuilder svg = new StringBuilder("<svg viewBox=\"0 0 " + width + " 150\" role=\"img\" aria-label=\"reactions per minute\">");
        int i = 0;
        for (Map.Entry<Instant, Long> e : counts.perMinute().entrySet()) {
            long h = Math.max(2, Math.round(100.0 * e.getValue() / max));
            int x = i * w;
            svg.append("<rect x=\"").append(x + 2).append("\" y=\"").append(120 - h).append("\" width=\"")
                    .append(w - 4).append("\" height=\"").append(h).append("\" rx=\"3\" fill=\"#1f6feb\"><title>")
                    .append(Html.minute(e.getKey())).append(": ").append(e.getValue()).append("</title></rect>");
            svg.append("<text x=\"").append(x + w / 2).append("\" y=\"").append(114 - h)
                    .append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1d232b\">").append(e.getValue()).append("</text>");
            if (i == 0 || i == n - 1 || n <= 6) {
                svg.append("<text x=\"").append(x + w / 2).append("\" y=\"140\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6673\">")
                        .append(Html.minute(e.getKey())).append("</text>");
            }
            i++;
        }
        return svg.append("</svg><p class=\"muted\">Reactions per minute (UTC)</p>").toString();
    }

    private String confirmPage(Incident incident, IncidentAction action, Map<String, String> query) {
        StringBuilder b = new StringBuilder("<section><h1>").append(label(action)).append("</h1>");
        b.append("<blockquote>").append(Html.esc(incident.post().text())).append("</blockquote>");
        b.append("<form method=\"post\"><label>Your name<input name=\"actor\" required autocomplete=\"name\"></label>");
        if (action == IncidentAction.APPROVE) {
            String tone = query.getOrDefault("tone", "plain");
            String text = incidents.drafts(incident.id()).stream()
                    .filter(d -> d.kind() == DraftKind.POST && d.tone().id().equals(tone))
                    .map(ApologyDraft::text).findFirst().orElse("");
            b.append("<input type=\"hidden\" name=\"tone\" value=\"").append(Html.esc(tone)).append("\">");
            b.append("<label>Apology (edit if needed)<textarea name=\"text\" rows=\"5\">").append(Html.esc(text))
                    .append("</textarea></label>");
            b.append("<label>If the linter found something and you approve anyway, why<input name=\"detail\"></label>");
        } else {
            String what = switch (action) {
                case DISMISS -> "Why is it not a mispost? (required)";
                case REPAIR -> "What was done (corrected, removed with a notice, follow-up done)";
                case CLOSE -> "Notes and what was learned";
                case REOPEN -> "Why reopen? (required)";
                default -> "Note (optional)";
            };
            b.append("<label>").append(what).append("<textarea name=\"detail\" rows=\"3\"")
                    .append(action.needsReason() ? " required" : "").append("></textarea></label>");
        }
        b.append("<button type=\"submit\" id=\"confirm\">").append(label(action)).append("</button></form></section>");
        return Html.page(label(action), b.toString());
    }

    private static String label(IncidentAction a) {
        return switch (a) {
            case ACKNOWLEDGE -> "Acknowledge";
            case DISMISS -> "Dismiss as not a mispost";
            case APPROVE -> "Approve the apology";
            case REPAIR -> "Record a repair";
            case CLOSE -> "Close the incident";
            case REOPEN -> "Reopen";
        };
    }

    private static Page refusal(int status, String title, String message) {
        return new Page(status, Html.page(title, "<section class=\"refused\"><h1>" + Html.esc(title) + "</h1><p>"
                + Html.esc(message) + "</p></section>"));
    }
}
