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
import com.mispost.incident.IncidentIds;
import com.mispost.incident.Provenance;
import com.mispost.incident.StaffAction;
import com.mispost.incident.TimelineEntry;
import com.mispost.intake.DeliveryJson;
import com.mispost.links.ActionLinks;
import com.mispost.post.Permalinks;
import com.mispost.post.Post;
import com.mispost.post.ReactionKind;
import com.mispost.secrets.SecretUnavailableException;
import com.mispost.store.AccountRegistry;
import com.mispost.store.IncidentStore;
import com.mispost.store.PostStore;
import com.mispost.post.ReactionCounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static com.mispost.usecase.closure.HtmlElement.el;

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

    /** What the request itself showed about who sent it (API Gateway's {@code sourceIp} and {@code userAgent}). */
    public record Requester(String sourceAddress, String userAgent) {
        public static final Requester UNKNOWN = new Requester(null, null);
    }

    /**
     * @param method     GET or POST
     * @param incidentId from the path
     * @param actionId   from the path, or null for the incident page
     * @param rawQuery   the link's query as sent (exp, sig; tone on an approval), each name at most once
     * @param form       the POSTed form fields (actor, detail, tone, text)
     * @param requester  where the request came from, for the timeline
     */
    public Page handle(String method, String incidentId, String actionId, String rawQuery,
                       Map<String, String> form, Requester requester) {
        try {
            return answer(method, incidentId, actionId, rawQuery, form, requester);
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

    private Page answer(String method, String incidentId, String actionId, String rawQuery,
                        Map<String, String> form, Requester requester) {
        Instant now = clock.instant();
        // Exactly the forms links are written in: "ACKNOWLEDGE" or "inc-00AB..." name nothing a link was signed for.
        Optional<IncidentAction> action = IncidentAction.fromId(actionId).filter(a -> a.id().equals(actionId));
        Optional<AuthorAnswer> answer = AuthorAnswer.fromId(actionId).filter(a -> a.id().equals(actionId));
        if (actionId != null && action.isEmpty() && answer.isEmpty()) {
            return refusal(404, "Unknown action", "There is no action '" + DeliveryJson.shorten(actionId) + "'.");
        }
        if (!IncidentIds.isWellFormed(incidentId)) {
            return refusal(404, "No such incident", "This link does not name an incident. Open the link from the notification again.");
        }
        Optional<Map<String, String>> parsed = linkQuery(rawQuery);
        if (parsed.isEmpty()) {
            return refusal(400, "Link refused", "This link is not valid: a parameter appears twice or is not encoded as links are."
                    + " Nothing was changed; open the link from the notification again.");
        }
        Map<String, String> query = parsed.get();
        String signedAction = actionId == null ? ActionLinks.VIEW : actionId;
        ActionLinks.Verdict verdict = links.verify(incidentId, signedAction, query.get("exp"), query.get("sig"), now);
        if (verdict != ActionLinks.Verdict.VALID) return refusal(403, "Link refused", verdict.message());
        // Whatever this page links to lives no longer than the link that reached it.
        Instant until = ActionLinks.expiry(query.get("exp")).orElseThrow();
        Optional<Incident> found = incidents.find(incidentId);
        if (found.isEmpty()) return refusal(404, "No such incident", "There is no incident " + incidentId + ".");
        if (actionId == null) return new Page(200, incidentPage(found.get(), now, until));
        if ("GET".equalsIgnoreCase(method)) {
            return new Page(200, answer.isPresent() ? answerPage(found.get(), answer.get())
                    : confirmPage(found.get(), action.get(), query));
        }
        if (!"POST".equalsIgnoreCase(method)) return refusal(405, "Not allowed", "Use the form on the page.");
        String source = links.sourceTag(requester.sourceAddress());
        if (answer.isPresent()) {
            IncidentDesk.Outcome outcome = desk.answerFromAuthor(incidentId, answer.get(),
                    new Provenance(false, source, requester.userAgent()));
            if (!outcome.done()) return notDone(outcome);
            return new Page(200, StaffPage.document("Thank you", el("section").add(el("h1", "ok").text("Thank you"),
                    el("p").text(answer.get() == AuthorAnswer.DENY
                            ? "The alert is dismissed: you meant to post it to the brand account."
                            : "The team knows it was meant for your own account and will take it from here. Please do not delete it "
                            + "silently: capture it first."))));
        }
        IncidentDesk.Outcome outcome = desk.act(incidentId, new StaffAction(action.get(), form.get("actor"),
                form.get("detail"), form.get("tone"), form.get("text"), new Provenance(true, source, requester.userAgent())));
        if (!outcome.done()) return notDone(outcome);
        Incident after = outcome.incident();
        String view = links.link("", incidentId, ActionLinks.VIEW, now, until);
        return new Page(200, StaffPage.document("Done", el("section").add(
                el("h1", "ok").text("Done: " + action.get().id()),
                el("p").text("The incident is now ").add(el("span", "badge state").text(stateName(after)))
                        .text(". Staff have been notified."),
                el("p").add(el("a", "button").attr("href", view).text("Open the incident")))));
    }

    /**
     * A link's query, read strictly: each name at most once (which of two {@code exp}s a proxy or
     * the function reads must never be a question), {@code exp} and {@code sig} taken as written
     * (their one form has nothing to decode), other values percent-decoded; empty if anything is off.
     */
    static Optional<Map<String, String>> linkQuery(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) return Optional.of(out);
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
                if (!name.equals("exp") && !name.equals("sig")) value = URLDecoder.decode(value, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
            if (name.isEmpty() || out.putIfAbsent(name, value) != null) return Optional.empty();
        }
        return Optional.of(out);
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
        return StaffPage.document("Your answer", el("section").add(
                el("h1").text("Did you mean to post this to the brand account?"),
                el("blockquote").text(incident.post().text()),
                el("form").attr("method", "post").add(el("button").attr("type", "submit").attr("id", "confirm")
                        .text(answer == AuthorAnswer.DENY ? "Yes, I meant to post it on " + accountName(incident)
                                : "No, it was meant for my own account"))));
    }

    private String incidentPage(Incident incident, Instant now, Instant until) {
        String severity = incident.assessment().severity().id();
        return StaffPage.document("Incident " + incident.id(), List.of(
                el("h1").text("Possible mispost on " + accountName(incident) + " (" + incident.post().platform().id() + ")"),
                el("p").add(el("span", "badge " + severity).text(severity.toUpperCase(Locale.ROOT))).text(" ")
                        .add(el("span", "badge state").attr("id", "state").text(stateName(incident))).text(" ")
                        .add(el("span", "muted").text("opened " + StaffPage.time(incident.openedAt()))),
                // The actions come first: on a phone, acknowledging must not wait for a long scroll.
                actions(incident, now, until),
                post(incident),
                reasons(incident),
                reactions(posts.reactionCounts(incident.post().key())),
                drafts(incident, now, until),
                timeline(incident)));
    }

    private HtmlElement actions(Incident incident, Instant now, Instant until) {
        HtmlElement section = el("section").attr("id", "actions").add(el("h2").text("Actions"));
        for (IncidentAction a : IncidentAction.values()) {
            if (a == IncidentAction.APPROVE || !a.from().contains(incident.state())) continue;
            section.add(el("a", "button").attr("id", "action-" + a.id()).attr("href", links.link("", incident.id(), a, now, until))
                    .text(label(a)));
        }
        return section;
    }

    private static HtmlElement post(Incident incident) {
        Post post = incident.post();
        HtmlElement about = el("p", "muted");
        if (post.author() != null) about.text("by " + post.author() + " · ");
        if (post.client() != null) about.text("from " + post.client() + " · ");
        Permalinks.safe(post.platform(), post.permalink()).ifPresent(url -> about.add(
                el("a").attr("href", url).attr("rel", "noopener noreferrer").text("open on " + post.platform().id())));
        return el("section").add(el("h2").text("The post, as it went out"),
                el("blockquote").attr("id", "post").text(post.text()),
                about,
                el("p", "muted").text("Capture it before anything else: once it is on the internet it is there forever."));
    }

    private static HtmlElement reasons(Incident incident) {
        HtmlElement list = el("ul");
        for (Reason r : incident.assessment().reasons()) {
            HtmlElement item = el("li").text(r.explanation());
            List<String> spans = r.evidence().stream().map(Evidence::excerpt).distinct().limit(5).toList();
            if (!spans.isEmpty()) item.text(" ").add(el("span", "muted").text("[" + String.join(", ", spans) + "]"));
            list.add(item);
        }
        return el("section").add(el("h2").text("Why it was flagged"), list,
                el("p").add(el("strong").text("First step:")).text(" " + incident.assessment().firstStep()));
    }

    private static HtmlElement reactions(ReactionCounts counts) {
        StringBuilder summary = new StringBuilder().append(counts.total()).append(" in all: ");
        for (ReactionKind k : ReactionKind.values()) summary.append(counts.of(k)).append(' ').append(plural(k)).append(" · ");
        summary.append("peak ").append(counts.peakPerMinute()).append(" a minute");
        HtmlElement section = el("section").add(el("h2").text("Reactions"),
                el("p").attr("id", "reactions").text(summary.toString())).add(chart(counts));
        if (counts.deletedAt() != null) {
            section.add(el("p", "muted").text("The post was deleted at " + StaffPage.time(counts.deletedAt()) + "."));
        }
        return section;
    }

    private HtmlElement drafts(Incident incident, Instant now, Instant until) {
        HtmlElement section = el("section").add(el("h2").text("Apology drafts"));
        List<ApologyDraft> drafts = incidents.drafts(incident.id());
        if (drafts.isEmpty()) section.add(el("p", "muted").text("Drafts are being written."));
        String approve = links.link("", incident.id(), IncidentAction.APPROVE, now, until);
        for (ApologyDraft d : drafts) {
            HtmlElement draft = el("div", "draft")
                    .add(el("strong").text(d.kind() == DraftKind.STATEMENT ? "statement for the website or press" : d.tone().id()))
                    .text(" ").add(el("span", "muted").text(d.length() + (d.limit() == 0 ? "" : "/" + d.limit())),
                            el("p", "draft-text").text(d.text()));
            for (LintFinding l : d.lint()) draft.add(el("p", "lint").text(l.line()));
            for (String note : d.notes()) draft.add(el("p", "muted").text(note));
            if (d.kind() == DraftKind.POST) {
                draft.add(el("a", "button approve").attr("href", approve + "&tone=" + d.tone().id()).text("Approve " + d.tone().id()));
            }
            section.add(draft);
        }
        if (incident.approvedDraft() != null) {
            section.add(el("p").add(el("strong").text("Approved:")).text(" " + incident.approvedDraft()));
        }
        return section;
    }

    // A list, not a table: on a phone the detail gets the whole width under its time and event.
    private HtmlElement timeline(Incident incident) {
        HtmlElement list = el("ol", "timeline");
        for (TimelineEntry e : incidents.timeline(incident.id())) {
            Provenance from = e.provenance();
            // A typed name is what someone holding the link said, not who they are.
            String who = from != null && from.nameStated() ? "stated as " + e.actor() : e.actor();
            HtmlElement item = el("li").add(el("time", "muted").text(StaffPage.time(e.at()))).text(" ")
                    .add(el("strong").text(e.event().id())).text(" · ").add(el("span", "actor").text(who));
            if (e.detail() != null) item.add(el("br"), el("span", "detail").text(e.detail()));
            if (from != null) {
                item.add(el("br"), el("span", "muted audit").text("request from source " + from.source()
                        + (from.userAgent().isEmpty() ? "" : " · " + from.userAgent())));
            }
            list.add(item);
        }
        return el("section").add(el("h2").text("Timeline"), list);
    }

    private String accountName(Incident incident) {
        return accounts.find(incident.post().key().account()).map(Account::displayName).orElse(incident.post().accountId());
    }

    private static String stateName(Incident incident) {
        return incident.state().name().toLowerCase(Locale.ROOT);
    }

    private static String plural(ReactionKind k) {
        return k == ReactionKind.REPLY ? "replies" : k.id() + "s";
    }

    private static List<HtmlElement> chart(ReactionCounts counts) {
        if (counts.perMinute().isEmpty()) return List.of(el("p", "muted").text("No reactions yet."));
        long max = Math.max(1, counts.peakPerMinute());
        int n = counts.perMinute().size();
        int w = Math.max(30, 320 / n); // about one unit per CSS pixel on a phone, so the labels stay readable
        HtmlElement svg = el("svg").attr("viewBox", "0 0 " + w * n + " 150").attr("role", "img")
                .attr("aria-label", "reactions per minute");
        int i = 0;
        for (Map.Entry<Instant, Long> e : counts.perMinute().entrySet()) {
            long h = Math.max(2, Math.round(100.0 * e.getValue() / max));
            int x = i * w;
            svg.add(el("rect").attr("x", x + 2).attr("y", 120 - h).attr("width", w - 4).attr("height", h).attr("rx", 3)
                    .attr("fill", "#1f6feb").add(el("title").text(StaffPage.minute(e.getKey()) + ": " + e.getValue())));
            svg.add(el("text").attr("x", x + w / 2).attr("y", 114 - h).attr("text-anchor", "middle").attr("font-size", 12)
                    .attr("fill", "#1d232b").text(e.getValue()));
            if (i == 0 || i == n - 1 || n <= 6) {
                svg.add(el("text").attr("x", x + w / 2).attr("y", 140).attr("text-anchor", "middle").attr("font-size", 11)
                        .attr("fill", "#5b6673").text(StaffPage.minute(e.getKey())));
            }
            i++;
        }
        return List.of(svg, el("p", "muted").text("Reactions per minute (UTC)"));
    }

    private String confirmPage(Incident incident, IncidentAction action, Map<String, String> query) {
        HtmlElement form = el("form").attr("method", "post")
                .add(el("label").text("Your name").add(el("input").attr("name", "actor").attr("required").attr("autocomplete", "name")
                        .attr("maxlength", StaffAction.NAME_LIMIT)))
                .add(el("p", "muted").text("Recorded as you state it, with the time, a hash of your address and your browser's name."));
        if (action == IncidentAction.APPROVE) {
            String tone = query.getOrDefault("tone", "plain");
            String text = incidents.drafts(incident.id()).stream()
                    .filter(d -> d.kind() == DraftKind.POST && d.tone().id().equals(tone))
                    .map(ApologyDraft::text).findFirst().orElse("");
            form.add(el("input").attr("type", "hidden").attr("name", "tone").attr("value", tone),
                    el("label").text("Apology (edit if needed)").add(el("textarea").attr("name", "text").attr("rows", 5).text(text)),
                    el("label").text("If the linter found something and you approve anyway, why").add(el("input").attr("name", "detail")));
        } else {
            String what = switch (action) {
                case DISMISS -> "Why is it not a mispost? (required)";
                case REPAIR -> "What was done (corrected, removed with a notice, follow-up done)";
                case CLOSE -> "Notes and what was learned";
                case REOPEN -> "Why reopen? (required)";
                default -> "Note (optional)";
            };
            HtmlElement detail = el("textarea").attr("name", "detail").attr("rows", 3);
            if (action.needsReason()) detail.attr("required");
            form.add(el("label").text(what).add(detail));
        }
        form.add(el("button").attr("type", "submit").attr("id", "confirm").text(label(action)));
        return StaffPage.document(label(action), el("section").add(el("h1").text(label(action)),
                el("blockquote").text(incident.post().text()), form));
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
        return new Page(status, StaffPage.document(title, el("section", "refused").add(el("h1").text(title), el("p").text(message))));
    }
}
