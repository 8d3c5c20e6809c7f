package com.mispost.apology;

import com.mispost.detection.Severity;
import com.mispost.post.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule against a non-apology of the kind brands really post (our own words), and a good apology. */
class HonestyLinterTest {

    private static final String GOOD = "Earlier today a member of our team posted a personal message to this account by mistake. "
            + "It was wrong, and we're sorry. We have removed it and are separating personal and business accounts in the tools our team uses.";

    private static final String GOOD_DE = "Heute hat jemand aus unserem Team hier versehentlich einen privaten Beitrag gepostet. "
            + "Das war falsch, und es tut uns leid. Wir haben den Beitrag entfernt und trennen private und geschäftliche Konten in unseren Tools.";

    private final HonestyLinter linter = new HonestyLinter();

    private static DraftRequest high() {
        return DraftRequest.of(Platform.X, Severity.HIGH, "Northwind");
    }

    private List<LintFinding> lint(DraftRequest request, String text) {
        return linter.lint(request, DraftKind.POST, text);
    }

    static Stream<Arguments> nonApologies() {
        return Stream.of(
                Arguments.of(LintRule.MINIMIZING, "if anyone was offended",
                        "We're sorry if anyone was offended by our earlier post. It has been removed and we are reviewing our tools."),
                Arguments.of(LintRule.MINIMIZING, "just a joke",
                        "Relax, it was just a joke from a member of our team, posted by mistake. We're sorry; we removed it and are reviewing our tools."),
                Arguments.of(LintRule.MINIMIZING, "Some people",
                        "Some people took our last post the wrong way. We're sorry it was posted by mistake, and we have removed it and are reviewing our tools."),
                Arguments.of(LintRule.MINIMIZING, "sorry you feel",
                        "We're sorry you feel that way about a post our team made by mistake. We removed it and are reviewing our tools."),
                Arguments.of(LintRule.MINIMIZING, "Mistakes were made",
                        "Mistakes were made: a personal post went out here. We're sorry; we removed it and are reviewing our tools."),
                Arguments.of(LintRule.MINIMIZING, "mix-up",
                        "Sorry for the mix-up! A member of our team posted here by mistake. We removed it and are reviewing our tools."),
                Arguments.of(LintRule.MINIMIZING, "falls sich jemand",
                        "Es tut uns leid, falls sich jemand angegriffen gefühlt hat. Wir haben den privaten Beitrag entfernt und überprüfen unsere Tools."),
                Arguments.of(LintRule.BLAME_SHIFTING, "glitch",
                        "A glitch in our scheduling tool sent out a personal message by mistake. We're sorry; we removed it and are reviewing our tools."),
                Arguments.of(LintRule.BLAME_SHIFTING, "Twitter",
                        "Twitter put a personal message on our account by mistake. We're sorry; we removed it and are reviewing our tools."),
                Arguments.of(LintRule.BLAME_SHIFTING, "rogue employee",
                        "A rogue employee posted a personal message here by mistake. We're sorry; we removed it and are reviewing our tools."),
                Arguments.of(LintRule.BLAME_SHIFTING, "no longer works",
                        "The person who posted this by mistake no longer works with us. We're sorry; we removed it and are reviewing our tools."),
                Arguments.of(LintRule.UNCONFIRMED_COMPROMISE, "hacked",
                        "Our account was hacked and a personal message went out. We're sorry; we removed it and are reviewing our tools."),
                Arguments.of(LintRule.NO_RESPONSIBILITY, "",
                        "A personal message was posted here by mistake. Apologies: it has been removed and access is being reviewed."),
                Arguments.of(LintRule.NO_APOLOGY, "",
                        "A member of our team posted a personal message here by mistake. We have removed it and are reviewing who can post."),
                Arguments.of(LintRule.NO_EXPLANATION, "",
                        "We're sorry. We have removed the post and are reviewing how our team posts."),
                Arguments.of(LintRule.NO_CHANGE, "",
                        "A member of our team posted a personal message here by mistake. We're sorry, and we have removed it."),
                Arguments.of(LintRule.UNCHECKABLE_PROMISE, "never happen again",
                        "A member of our team posted a personal message here by mistake. We're sorry; we removed it, and this will never happen again. We are reviewing our tools."),
                Arguments.of(LintRule.UNCHECKABLE_PROMISE, "guarantee",
                        "A member of our team posted a personal message here by mistake. We're sorry; we removed it and are reviewing our tools. We guarantee it won't recur."),
                Arguments.of(LintRule.LEVITY, "#oops",
                        "A member of our team posted a personal message here by mistake. We're sorry; we removed it and are reviewing our tools. #oops"),
                Arguments.of(LintRule.LEVITY, "😬",
                        "A member of our team posted a personal message here by mistake 😬 We're sorry; we removed it and are reviewing our tools."),
                Arguments.of(LintRule.BLAME_SHIFTING, "technischen Fehler",
                        "Wegen eines technischen Fehlers erschien hier versehentlich ein privater Beitrag. Es tut uns leid; wir haben ihn entfernt und überprüfen unsere Tools."),
                Arguments.of(LintRule.UNCHECKABLE_PROMISE, "nie wieder",
                        "Jemand aus unserem Team hat hier versehentlich einen privaten Beitrag gepostet. Es tut uns leid. Wir haben ihn entfernt und überprüfen unsere Tools. Das passiert nie wieder."),
                Arguments.of(LintRule.UNCONFIRMED_COMPROMISE, "gehackt",
                        "Unser Konto wurde gehackt. Es tut uns leid; wir haben den privaten Beitrag entfernt und überprüfen unsere Tools."),
                Arguments.of(LintRule.NO_APOLOGY, "",
                        "Jemand aus unserem Team hat hier versehentlich einen privaten Beitrag gepostet. Wir haben ihn entfernt und überprüfen unsere Tools."),
                Arguments.of(LintRule.LEVITY, "Whoops",
                        "Whoops. A member of our team posted a personal message here by mistake. We're sorry; we removed it and are reviewing our tools."));
    }

    @ParameterizedTest(name = "{0} catches «{1}»")
    @MethodSource("nonApologies")
    void catchesTheNonApology(LintRule rule, String excerpt, String text) {
        List<LintFinding> findings = lint(high(), text);
        assertThat(findings).extracting(LintFinding::rule).contains(rule);
        LintFinding finding = findings.stream().filter(f -> f.rule() == rule).findFirst().orElseThrow();
        assertThat(finding.message()).isNotBlank();
        if (excerpt.isEmpty()) {
            assertThat(finding.excerpt()).isEmpty();
        } else {
            assertThat(finding.excerpt()).containsIgnoringCase(excerpt.split(" ")[0]);
        }
        for (LintFinding f : findings) {
            assertThat(text.substring(f.start(), f.end())).isEqualTo(f.excerpt());
        }
    }

    @Test
    void aGoodApologyPassesEveryRuleInEitherLanguage() {
        assertThat(lint(high(), GOOD)).isEmpty();
        assertThat(lint(high().withLanguage("de"), GOOD_DE)).isEmpty();
        assertThat(lint(DraftRequest.of(Platform.X, Severity.CRITICAL, "Northwind"), GOOD)).isEmpty();
    }

    @Test
    void aLightAcknowledgementMayJokeButMustStillSayWhatWasDone() {
        DraftRequest low = DraftRequest.of(Platform.X, Severity.LOW, "Northwind");
        String light = "Whoops, that was one of us on the wrong account 🙈 We've taken it down. Sorry for the mix-up! #mondays";
        assertThat(lint(low, light)).isEmpty();
        assertThat(lint(high(), light)).extracting(LintFinding::rule)
                .contains(LintRule.LEVITY, LintRule.MINIMIZING, LintRule.NO_CHANGE);
        assertThat(lint(low, "That was one of us on the wrong account. Sorry!"))
                .extracting(LintFinding::rule).containsExactly(LintRule.NO_ACTION);
    }

    @Test
    void speakingOfAHackIsFineOnlyOnceACompromiseIsRecorded() {
        String text = "Our account was hacked and a message was posted without authorization. We're sorry. "
                + "We have removed it, secured the account and are reviewing who has access.";
        assertThat(lint(high(), text)).extracting(LintFinding::rule)
                .containsOnly(LintRule.UNCONFIRMED_COMPROMISE)
                .hasSize(2);
        assertThat(lint(high().withConfirmedCompromise(true), text)).isEmpty();
    }

    @Test
    void repeatingTheOffensiveWordsOfTheOriginalIsCaughtOncePerWord() {
        DraftRequest request = high().withOriginalText("honestly the Riverside crowd are useless clowns, every last one #fail");
        String text = "We're sorry a member of our team called anyone useless clowns by mistake. Those clowns remarks were wrong. "
                + "We have removed the post and are reviewing our tools.";
        List<LintFinding> findings = lint(request, text);
        assertThat(findings).filteredOn(f -> f.rule() == LintRule.REPEATS_ORIGINAL)
                .extracting(LintFinding::excerpt).containsExactly("useless", "clowns");
        assertThat(lint(request, GOOD)).isEmpty();
    }

    @Test
    void overTheLimitIsCaughtWithTheOverflowingTail() {
        String text = GOOD + " " + "We will share more as we learn it. ".repeat(3);
        List<LintFinding> findings = lint(high(), text);
        assertThat(findings).extracting(LintFinding::rule).containsExactly(LintRule.OVER_LIMIT);
        LintFinding over = findings.get(0);
        assertThat(over.end()).isEqualTo(text.length());
        assertThat(over.start()).isEqualTo(280);
        assertThat(over.message()).contains("of 280");
        assertThat(lint(DraftRequest.of(Platform.MASTODON, Severity.HIGH, "Northwind"), text)).isEmpty();
        assertThat(linter.lint(high(), DraftKind.STATEMENT, text)).isEmpty();
    }

    @Test
    void ruleIdsAreKebabCase() {
        assertThat(LintRule.UNCHECKABLE_PROMISE.id()).isEqualTo("uncheckable-promise");
        assertThat(LintRule.OVER_LIMIT.id()).isEqualTo("over-limit");
    }
}
