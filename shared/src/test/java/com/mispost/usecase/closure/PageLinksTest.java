package com.mispost.usecase.closure;

import com.mispost.detection.Severity;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentAction;
import com.mispost.incident.IncidentState;
import com.mispost.incident.Provenance;
import com.mispost.incident.TimelineEntry;
import com.mispost.incident.TimelineEvent;
import com.mispost.links.ActionLinks;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.mispost.usecase.closure.ClosureWiring.ANYONE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a link reaches: pages whose own links never outlive it, a query read in one form only, and
 * a record of who acted that says what is known (a stated name, where the request came from).
 */
class PageLinksTest {
    private static final Pattern EXP = Pattern.compile("[?&]exp=([0-9]+)");
    private final ClosureWiring suite = new ClosureWiring();
    private final Incident incident = suite.open(Severity.HIGH, "lee");

    private IncidentPages.Page get(String link) {
        return suite.pages.handle("GET", incident.id(), action(link), ClosureWiring.rawQuery(link), Map.of(), ANYONE);
    }

    private static String action(String link) {
        int at = link.indexOf("/actions/");
        return at < 0 ? null : link.substring(at + "/actions/".length(), link.indexOf('?'));
    }

    private static long exp(String link) {
        Matcher m = EXP.matcher(link);
        assertThat(m.find()).as(link).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Every link on a page (actions, approvals, "open the incident"). */
    private static List<String> links(String html) {
        List<String> out = new ArrayList<>();
        for (Element a : Jsoup.parse(html).select("a[href*=exp=]")) out.add(a.attr("href"));
        return out;
    }

    @Test
    void noLinkReachedThroughALinkOutlivesIt() {
        String leaked = suite.links.link("", incident.id(), ActionLinks.VIEW, suite.clock.instant());
        long leakedExp = exp(leaked);
        // Late in the leaked link's life, follow every link each page hands out, and act on the way.
        suite.clock.advance(Duration.ofHours(20));
        IncidentPages.Page page = get(leaked);
        assertThat(page.status()).isEqualTo(200);
        List<String> handedOut = links(page.html());
        assertThat(handedOut).isNotEmpty();
        assertThat(handedOut).allSatisfy(l -> assertThat(exp(l)).as(l).isLessThanOrEqualTo(leakedExp));
        String ack = handedOut.stream().filter(l -> l.contains("/actions/acknowledge?")).findFirst().orElseThrow();
        suite.clock.advance(Duration.ofHours(3));
        IncidentPages.Page done = suite.pages.handle("POST", incident.id(), "acknowledge", ClosureWiring.rawQuery(ack),
                Map.of("actor", "Ana"), ANYONE);
        assertThat(done.status()).isEqualTo(200);
        List<String> afterAction = links(done.html());
        assertThat(afterAction).isNotEmpty().allSatisfy(l -> assertThat(exp(l)).as(l).isLessThanOrEqualTo(leakedExp));
        String view = afterAction.get(0);
        assertThat(get(view).status()).isEqualTo(200);
        links(get(view).html()).forEach(l -> assertThat(exp(l)).as(l).isLessThanOrEqualTo(leakedExp));

        // At the leaked link's expiry, nothing reached through it works any more.
        suite.clock.set(Instant.ofEpochSecond(leakedExp));
        assertThat(get(leaked).status()).isEqualTo(403);
        assertThat(get(view).status()).isEqualTo(403);
        assertThat(get(handedOut.get(0)).status()).isEqualTo(403);
    }

    @Test
    void anActionAtExactlyItsLinksExpiryIsRefusedAndChangesNothing() {
        String ack = suite.links.link("", incident.id(), IncidentAction.ACKNOWLEDGE, suite.clock.instant());
        suite.clock.set(Instant.ofEpochSecond(exp(ack)));
        IncidentPages.Page refused = suite.pages.handle("POST", incident.id(), "acknowledge", ClosureWiring.rawQuery(ack),
                Map.of("actor", "Ana"), ANYONE);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.html()).contains("expired");
        assertThat(suite.state(incident)).isEqualTo(IncidentState.OPEN);
        suite.clock.set(Instant.ofEpochSecond(exp(ack)).minusMillis(1));
        assertThat(suite.pages.handle("POST", incident.id(), "acknowledge", ClosureWiring.rawQuery(ack),
                Map.of("actor", "Ana"), ANYONE).status()).isEqualTo(200);
    }

    @Test
    void aQueryThatNamesAParameterTwiceOrIsNotInItsOneFormIsRefused() {
        String link = suite.links.link("", incident.id(), IncidentAction.ACKNOWLEDGE, suite.clock.instant());
        String q = ClosureWiring.rawQuery(link);
        String exp = Long.toString(exp(link));
        String sig = q.substring(q.indexOf("sig=") + 4);
        assertThat(suite.pages.handle("GET", incident.id(), "acknowledge", q, Map.of(), ANYONE).status()).isEqualTo(200);
        for (String other : List.of(q + "&exp=" + exp, q + "&sig=" + sig, q + "&exp=1", "exp=1&" + q, q + "&sig=x",
                q + "&" + q, q + "&%65xp=" + exp)) {
            assertThat(suite.pages.handle("GET", incident.id(), "acknowledge", other, Map.of(), ANYONE).status())
                    .as(other).isEqualTo(400);
        }
        for (String other : List.of("exp=+" + exp + "&sig=" + sig, "exp=0" + exp + "&sig=" + sig, "exp=%3" + exp.charAt(0)
                + exp.substring(1) + "&sig=" + sig, "exp=" + exp + "&sig=" + sig + "%3D", "exp=" + exp)) {
            assertThat(suite.pages.handle("GET", incident.id(), "acknowledge", other, Map.of(), ANYONE).status())
                    .as(other).isIn(403);
        }
        // Ids in exactly the form they are signed in: another spelling names nothing a link was issued for.
        assertThat(suite.pages.handle("GET", incident.id(), "ACKNOWLEDGE", q, Map.of(), ANYONE).status()).isEqualTo(404);
        assertThat(suite.pages.handle("GET", incident.id().toUpperCase(), "acknowledge", q, Map.of(), ANYONE).status())
                .isEqualTo(404);
        assertThat(suite.pages.handle("GET", incident.id() + " ", "acknowledge", q, Map.of(), ANYONE).status()).isEqualTo(404);
        assertThat(suite.state(incident)).isEqualTo(IncidentState.OPEN);
    }

    @Test
    void aTypedNameIsShownAsStatedAndTheRequestIsKeptForAnAudit() {
        String ack = suite.links.link("", incident.id(), IncidentAction.ACKNOWLEDGE, suite.clock.instant());
        String agent = "Mozilla/5.0 (X11)\u2028acknowledged · Chief Executive\u0000\u202e\t" + "x".repeat(2000);
        IncidentPages.Page done = suite.pages.handle("POST", incident.id(), "acknowledge", ClosureWiring.rawQuery(ack),
                Map.of("actor", "  The <b>CEO</b>\u2029\u202e  "), new IncidentPages.Requester("203.0.113.7", agent));
        assertThat(done.status()).isEqualTo(200);

        TimelineEntry entry = suite.incidents.timeline(incident.id()).stream()
                .filter(e -> e.event() == TimelineEvent.ACKNOWLEDGED).findFirst().orElseThrow();
        assertThat(entry.at()).isEqualTo(suite.clock.instant());
        assertThat(entry.actor()).isEqualTo("The <b>CEO</b>");
        Provenance from = entry.provenance();
        assertThat(from.nameStated()).isTrue();
        assertThat(from.source()).isEqualTo(suite.links.sourceTag("203.0.113.7")).doesNotContain("203.0.113.7");
        assertThat(from.userAgent()).startsWith("Mozilla/5.0 (X11) acknowledged · Chief Executive x")
                .hasSizeLessThanOrEqualTo(Provenance.USER_AGENT_LIMIT).doesNotContain("\u2028", "\u0000", "\u202e", "\t");

        String view = suite.links.link("", incident.id(), ActionLinks.VIEW, suite.clock.instant());
        Document page = Jsoup.parse(get(view).html());
        Element line = page.select(".timeline li").stream().filter(li -> li.text().contains("acknowledged")).findFirst().orElseThrow();
        assertThat(line.selectFirst(".actor").text()).isEqualTo("stated as The <b>CEO</b>");
        assertThat(line.select("b")).isEmpty();
        assertThat(line.selectFirst(".audit").text()).contains("source " + from.source()).contains("Mozilla/5.0 (X11)");
        assertThat(page.html()).doesNotContain("203.0.113.7");
        // What Mispost itself writes is not "stated".
        assertThat(page.select(".timeline .actor").eachText()).contains("detector");
    }
}
