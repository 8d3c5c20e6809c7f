package com.mispost.usecase.closure;

import com.mispost.account.Account;
import com.mispost.apology.ApologyDraft;
import com.mispost.apology.DraftKind;
import com.mispost.apology.LintFinding;
import com.mispost.apology.LintRule;
import com.mispost.apology.Tone;
import com.mispost.detection.Assessment;
import com.mispost.detection.Evidence;
import com.mispost.detection.Reason;
import com.mispost.detection.Severity;
import com.mispost.incident.AuthorAnswer;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentAction;
import com.mispost.incident.StaffAction;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.mispost.usecase.closure.ClosureWiring.ANYONE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages staff open from an alert show words an attacker wrote (the post, replies quoted as
 * evidence, the account's name, a relay's client name, a Mastodon server's link). Each page is
 * parsed as a browser parses it (jsoup follows the HTML5 parsing rules), and every such word must
 * come out as the very text it was, in elements and in attribute values, with nothing added to
 * the page: no script, no event handler, no element or attribute the page does not write itself.
 */
class IncidentPagesTest {
    /** Breaks out of an element, of a double- and a single-quoted attribute, and of a textarea. */
    private static final String HOSTILE = "<script>alert(1)</script> \"onmouseover=\"alert(2)\" 'onfocus='alert(3)' "
            + "</textarea><img src=x onerror=alert(4)> & &amp;";
    private static final AccountKey MASTODON = new AccountKey(Platform.MASTODON, "brand-m");
    /** A link Permalinks lets through (any http(s) host on Mastodon) that still tries to leave its attribute. */
    private static final String PERMALINK = "https://m.example/@brand/1?q='onmouseover='alert(5)'&x=1";

    private final ClosureWiring suite = new ClosureWiring();
    private final Incident incident = hostileIncident();

    @Test
    void everyPageShowsAttackerTextAsTextAndAddsNothingToThePage() {
        Map<String, String> pages = allPages();
        assertThat(pages).hasSize(13);
        pages.forEach((name, html) -> {
            Document page = Jsoup.parse(html);
            assertThat(page.select("script, img, iframe, object, embed")).as(name + ": injected elements").isEmpty();
            for (Element e : page.getAllElements()) {
                for (Attribute a : e.attributes()) {
                    assertThat(a.getKey()).as(name + ": an attribute on <" + e.tagName() + ">").doesNotStartWith("on")
                            .doesNotContain("'").doesNotContain("\"");
                    assertThat(a.getValue()).as(name + ": " + a.getKey()).doesNotStartWithIgnoringCase("javascript:");
                }
            }
            assertThat(html).as(name).doesNotContain("<script").doesNotContain("<img");
        });
    }

    @Test
    void theIncidentPageShowsEveryAttackerWrittenWordExactlyAsItWasWritten() {
        Document page = Jsoup.parse(view());
        assertThat(page.title()).isEqualTo("Incident " + incident.id() + " · Mispost");
        assertThat(page.selectFirst("h1").text()).isEqualTo(normalized("Possible mispost on " + HOSTILE + " (mastodon)"));
        assertThat(page.getElementById("post").wholeText()).isEqualTo(HOSTILE);
        Element byline = page.getElementById("post").nextElementSibling();
        assertThat(byline.text()).startsWith(normalized("by " + HOSTILE + " · from " + HOSTILE + " · open on mastodon"));
        assertThat(byline.selectFirst("a").attr("href")).isEqualTo(PERMALINK);
        assertThat(page.select("section:has(h2:containsOwn(Why it was flagged)) li").eachText())
                .containsExactly(normalized(HOSTILE + " [" + HOSTILE + ", " + HOSTILE + " again]"));
        assertThat(page.select("p:has(strong)").eachText()).contains(normalized("First step: " + HOSTILE),
                normalized("Approved: " + HOSTILE));
        assertThat(page.select(".draft-text").eachText()).containsOnly(normalized(HOSTILE));
        assertThat(page.select(".lint").eachText()).containsOnly(normalized("minimizing: " + HOSTILE + " «" + HOSTILE + "»"));
        assertThat(page.select(".draft p.muted").eachText()).containsOnly(normalized(HOSTILE));
        assertThat(page.select(".timeline li").eachText()).anySatisfy(line ->
                assertThat(line).endsWith(normalized("repair · " + HOSTILE.substring(0, StaffAction.NAME_LIMIT) + " " + HOSTILE)));
        for (Element action : page.select("#actions a")) {
            assertThat(action.attr("href")).startsWith("/incidents/" + incident.id() + "/actions/").contains("?exp=").contains("&sig=");
        }
        assertThat(page.select("a.approve").eachAttr("href")).allSatisfy(href -> assertThat(href).contains("/actions/approve?exp="));
    }

    @Test
    void theConfirmationFormsKeepAttackerTextInsideTheirFieldsAndBlockquotes() {
        for (IncidentAction action : IncidentAction.values()) {
            Map<String, String> query = query(action);
            query.put("tone", HOSTILE);
            Document page = Jsoup.parse(suite.pages.handle("GET", incident.id(), action.id(), ClosureWiring.raw(query), Map.of(),
                    ANYONE).html());
            assertThat(page.selectFirst("blockquote").wholeText()).as(action.id()).isEqualTo(HOSTILE);
            assertThat(page.select("form input, form textarea, form button").eachAttr("name")).as(action.id())
                    .containsExactlyElementsOf(action == IncidentAction.APPROVE
                            ? List.of("actor", "tone", "text", "detail") : List.of("actor", "detail"));
            if (action == IncidentAction.APPROVE) {
                assertThat(page.selectFirst("input[name=tone]").val()).isEqualTo(HOSTILE);
            }
        }
        Map<String, String> query = query(IncidentAction.APPROVE);
        query.put("tone", "plain");
        Document approve = Jsoup.parse(suite.pages.handle("GET", incident.id(), "approve", ClosureWiring.raw(query), Map.of(),
                ANYONE).html());
        assertThat(approve.selectFirst("textarea[name=text]").val()).as("the draft, to edit").isEqualTo(HOSTILE);
    }

    @Test
    void theAuthorsQuestionNamesTheAccountAsText() {
        Document deny = Jsoup.parse(suite.pages.handle("GET", incident.id(), AuthorAnswer.DENY.id(),
                signed(incident.id(), AuthorAnswer.DENY.id()), Map.of(), ANYONE).html());
        assertThat(deny.selectFirst("blockquote").wholeText()).isEqualTo(HOSTILE);
        assertThat(deny.getElementById("confirm").text()).isEqualTo(normalized("Yes, I meant to post it on " + HOSTILE));
    }

    @Test
    void refusalsShowTheIdsTheyWereGivenAsText() {
        Document unknown = Jsoup.parse(suite.pages.handle("GET", incident.id(), "<b>x</b>\"", "", Map.of(), ANYONE).html());
        assertThat(unknown.select("b")).isEmpty();
        assertThat(unknown.selectFirst("section p").text()).isEqualTo("There is no action '<b>x</b>\"'.");
    }

    /** Every page and answer the closure function serves, by name, for the incident full of attacker text. */
    private Map<String, String> allPages() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("incident", view());
        for (IncidentAction action : IncidentAction.values()) {
            Map<String, String> query = query(action);
            query.put("tone", HOSTILE);
            pages.put("confirm-" + action.id(), suite.pages.handle("GET", incident.id(), action.id(), ClosureWiring.raw(query),
                    Map.of(), ANYONE).html());
        }
        for (AuthorAnswer answer : AuthorAnswer.values()) {
            pages.put("question-" + answer.id(), suite.pages.handle("GET", incident.id(), answer.id(),
                    signed(incident.id(), answer.id()), Map.of(), ANYONE).html());
        }
        pages.put("refused-unknown-action", suite.pages.handle("GET", incident.id(), HOSTILE, "", Map.of(), ANYONE).html());
        pages.put("refused-no-incident", suite.pages.handle("GET", HOSTILE, null, signed(HOSTILE, "view"), Map.of(), ANYONE).html());
        pages.put("refused-stale", suite.pages.handle("POST", incident.id(), "close", ClosureWiring.raw(query(IncidentAction.CLOSE)),
                Map.of("actor", HOSTILE), ANYONE).html());
        pages.put("done-reopen", suite.pages.handle("POST", incident.id(), "reopen", ClosureWiring.raw(query(IncidentAction.REOPEN)),
                Map.of("actor", HOSTILE, "detail", HOSTILE), ANYONE).html());
        return pages;
    }

    private String view() {
        IncidentPages.Page page = suite.pages.handle("GET", incident.id(), null, signed(incident.id(), "view"), Map.of(), ANYONE);
        assertThat(page.status()).isEqualTo(200);
        return page.html();
    }

    /** The query of a link signed now for that incident and action. */
    private String signed(String incidentId, String action) {
        return ClosureWiring.rawQuery(suite.links.link("", incidentId, action, suite.clock.instant()));
    }

    private Map<String, String> query(IncidentAction action) {
        return ClosureWiring.query(suite.links.link("", incident.id(), action, suite.clock.instant()));
    }

    /** An incident in which every word that comes from outside is hostile, taken as far as a repair (so it can be reopened). */
    private Incident hostileIncident() {
        suite.accounts.save(Account.watched(MASTODON, HOSTILE));
        Instant t0 = suite.clock.instant();
        Post post = new Post(Platform.MASTODON, MASTODON.accountId(), "p-1", HOSTILE, HOSTILE, t0, HOSTILE, null, null,
                List.of(), "en", PERMALINK);
        suite.posts.savePost(post, "{}");
        Reason reason = new Reason("voice", HOSTILE, 0.9, List.of(new Evidence(0, 5, HOSTILE), new Evidence(0, 5, HOSTILE + " again")));
        Incident opened = Incident.open(post, new Assessment(0.9, Severity.HIGH, List.of(reason), HOSTILE), t0);
        suite.incidents.open(opened, "", new TimelineEntry(t0, TimelineEvent.OPENED, "detector", null),
                suite.notices.alert(opened, Account.watched(MASTODON, HOSTILE), "", t0));
        List<ApologyDraft> drafts = new ArrayList<>();
        for (Tone tone : Tone.values()) {
            drafts.add(new ApologyDraft(tone, DraftKind.POST, "en", HOSTILE, 10, 500,
                    List.of(new LintFinding(LintRule.MINIMIZING, HOSTILE, HOSTILE, 0, 5)), List.of(HOSTILE)));
        }
        suite.incidents.saveDrafts(opened.id(), drafts, suite.notices.draftsReady(opened, HOSTILE, drafts, "", t0));
        suite.react(opened, 4, t0);
        for (IncidentAction action : List.of(IncidentAction.ACKNOWLEDGE, IncidentAction.APPROVE, IncidentAction.REPAIR)) {
            suite.clock.advance(Duration.ofSeconds(1));
            assertThat(suite.desk.act(opened.id(), new StaffAction(action, HOSTILE, HOSTILE, "plain", HOSTILE)).done()).isTrue();
        }
        return suite.incidents.find(opened.id()).orElseThrow();
    }

    /** Text as jsoup's text() gives it: runs of white space folded, ends trimmed. */
    private static String normalized(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
