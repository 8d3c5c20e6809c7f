package com.mispost.apology;

import com.mispost.apology.length.PostLength;
import com.mispost.detection.Severity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges any draft, whoever wrote it (the built-in composer, a model, a member of staff), for
 * the ways apologies go wrong. Each finding names its rule, says why in words staff can act
 * on, and points at the offending words. English and German phrasings are both checked in
 * every draft, because staff may write either on any account. What a draft must and must not
 * say happened depends on the incident's {@link Cause}.
 */
public final class HonestyLinter {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    /** Words that say something is present and wrong. */
    private record Forbidden(LintRule rule, Severity from, Pattern pattern, String message) {
    }

    /** Words that must be present: at least one match of the pattern, for incidents of the given causes. */
    private record Required(LintRule rule, Severity from, Set<Cause> causes, Pattern pattern, String message) {
        Required(LintRule rule, Severity from, Pattern pattern, String message) {
            this(rule, from, EnumSet.allOf(Cause.class), pattern, message);
        }
    }

    private static Pattern p(String regex) {
        return Pattern.compile(regex, FLAGS);
    }

    private static final List<Forbidden> FORBIDDEN = List.of(
            new Forbidden(LintRule.MINIMIZING, Severity.NONE, p(
                    "\\bif (?:anyone|anybody|someone|somebody|you|any of you|people|we)\\b[^.!?\\n]{0,40}?\\b(?:offend\\w*|upset|hurt|bother\\w*|insult\\w*)"
                            + "|\\b(?:anyone|those|people) who (?:may|might) have been (?:offended|upset|hurt|bothered)"
                            + "|\\bany (?:offen[cs]e|upset|hurt|inconvenience) (?:this|it|that|we) (?:may|might) have caused"),
                    "A conditional apology (\"if anyone was offended\") doubts the harm instead of owning it. Apologize for what was posted."),
            new Forbidden(LintRule.MINIMIZING, Severity.NONE, p(
                    "\\b(?:just|only|merely) (?:a |an )?(?:joke|joking|kidding|banter|bit of fun|prank|harmless)\\b|\\bit was a joke\\b|\\bno (?:harm|offen[cs]e) (?:meant|intended)\\b|\\bno big deal\\b"),
                    "Calling it a joke or harmless tells the people it hurt that they are wrong to mind."),
            new Forbidden(LintRule.MINIMIZING, Severity.NONE, p(
                    "\\bsome (?:people|folks|of you|users|followers|customers)\\b|\\ba (?:few|small number of|handful of) (?:people|users|followers|customers)\\b"),
                    "\"Some people\" makes the reaction sound like a fringe. Speak to everyone who saw it."),
            new Forbidden(LintRule.MINIMIZING, Severity.NONE, p(
                    "\\bsorry (?:that |if )?(?:you|anyone|people|some) (?:feel|felt|were|was|are|took|take|find|found)\\b"),
                    "\"Sorry you feel that way\" apologizes for the reader's feelings, not for the post."),
            new Forbidden(LintRule.MINIMIZING, Severity.NONE, p(
                    "\\bmistakes were made\\b|\\b(?:taken|taking|quoted) (?:it )?out of context\\b|\\bmisunderst(?:ood|anding)\\b|\\bmisinterpret\\w*|\\boverreact\\w*"),
                    "This hides who made the mistake or says the readers got it wrong. Say plainly that we posted it."),
            new Forbidden(LintRule.MINIMIZING, Severity.MEDIUM, p(
                    "\\b(?:mix-?up|slip-?up|little (?:mistake|slip)|small (?:mistake|slip)|honest mistake|minor (?:mistake|error))\\b"),
                    "Too light for a post that hurt people: call it what it was."),
            new Forbidden(LintRule.MINIMIZING, Severity.NONE, p(
                    "\\bfalls sich (?:jemand|wer)\\b|\\bwenn sich (?:jemand|wer)\\b[^.!?\\n]{0,40}?(?:beleidigt|verletzt|angegriffen|gekränkt)"
                            + "|\\b(?:nur|bloß|lediglich) (?:ein )?(?:Scherz|Witz|Spaß)\\b|\\b(?:manche|einige) (?:Leute|Menschen|Nutzer\\w*|User)\\b"
                            + "|\\b(?:tut (?:uns|mir) leid|bedauern), dass (?:Sie sich|ihr euch|du dich|sich)\\b[^.!?\\n]{0,40}?fühl\\w*"
                            + "|\\bmissverst\\w*|\\bmissverständ\\w*|\\baus dem Zusammenhang\\b"),
                    "Minimizes in German (\"falls sich jemand angegriffen fühlt\", \"nur ein Scherz\"): own the post instead."),
            new Forbidden(LintRule.BLAME_SHIFTING, Severity.NONE, p(
                    "\\bglitch\\w*|\\b(?:technical|technological|system|software|computer|IT) (?:error|issue|problem|fault|hiccup)s?\\b|\\bbugs?\\b|\\bautocorrect\\w*"
                            + "|\\b(?:the|an?|this|that) (?:app|algorithm|software|scheduler|scheduling tool|third[- ]party tool)\\b"),
                    "Blames a tool: the public sees our account, not our software. Say that we posted it."),
            new Forbidden(LintRule.BLAME_SHIFTING, Severity.NONE, Pattern.compile(
                    "\\b(?:Twitter|TweetDeck|Hootsuite|Facebook|Instagram|LinkedIn|Mastodon|Sprout Social|iPhone|Android)\\b|\\bX(?:'s| app)\\b"),
                    "Names a platform or app, which reads as blaming it. Leave tools out of the apology."),
            new Forbidden(LintRule.BLAME_SHIFTING, Severity.NONE, p(
                    "\\b(?:rogue|disgruntled|former|junior|temporary|new) (?:employee|staffer|staff member|team member|member of staff|intern|contractor|hire)\\b"
                            + "|\\b(?:an?|the|our) (?:[\\w-]+ )?intern\\b|\\b(?:our|an?|the|third[- ]party) (?:agency|vendor|contractor)\\b|\\bone (?:individual|person|bad apple)\\b"
                            + "|\\bno longer (?:works|working|employed|with us)\\b"),
                    "Puts it on one person or a supplier. The account is ours, so the post is ours: \"a member of our team\"."),
            new Forbidden(LintRule.BLAME_SHIFTING, Severity.NONE, p(
                    "\\btechnische[rnms]? (?:Fehler\\w*|Panne|Problem\\w*|Störung)|\\bPanne\\b|\\bGlitch\\b|\\bdie App\\b|\\bder Algorithmus\\b|\\bAutokorrektur\\b"
                            + "|\\b(?:ein|eine|unser|unsere|der|die) Praktikant(?:in)?\\b|\\b(?:unsere|eine|die) Agentur\\b|\\behemalige[rn]? (?:Mitarbeiter\\w*)\\b"),
                    "Blames a technical fault, a supplier or one person (German wording). Say that we posted it."),
            new Forbidden(LintRule.LEVITY, Severity.MEDIUM, Pattern.compile("(?<![\\w&/])#[\\p{L}\\p{N}_]+"),
                    "A hashtag turns an apology into a campaign. Leave hashtags out above low severity."),
            new Forbidden(LintRule.LEVITY, Severity.MEDIUM, p(
                    "\\b(?:lol|lmao|rofl|haha\\w*|hehe\\w*|jk|oops\\w*|whoops\\w*|yikes|welp|awkward|hoppla)\\b|(?<![\\w:])[:;]-?[)(DPp](?!\\w)|!{2,}"),
                    "A joke or exclamation reads as not taking it seriously."),
            new Forbidden(LintRule.UNCHECKABLE_PROMISE, Severity.NONE, p(
                    "\\bnever (?:ever )?(?:again|happen again|be repeated|happen|occur)\\b|\\b(?:will|won't|will not|would|can't|cannot|shall) (?:never )?(?:ever )?happen again\\b"
                            + "|\\bguarantee\\w*|\\b100 ?(?:%|percent|per cent)\\b|\\b(?:ensure|ensuring|make sure|making sure) (?:that )?(?:this|it|nothing like this|such a thing) (?:never|will never|can never|won't|cannot|can't|does not|doesn't)\\b"
                            + "|\\bnie(?:mals)? wieder\\b|\\bgarantier\\w*|\\bwird nicht wieder vorkommen\\b|\\b(?:sicherstellen|stellen sicher), dass (?:so etwas|das|dies)\\b[^.!?\\n]{0,30}?nie"),
                    "No one can check a promise that it will never happen again. Name the concrete step we are taking instead."));

    private static final Pattern HACK_CLAIM = p(
            "\\bhack(?:ed|ers?|ing)?\\b|\\bcompromised?\\b|\\bunauthori[sz]ed\\b|\\bwithout authori[sz]ation\\b|\\bbreach(?:ed)?\\b"
                    + "|\\bgot into (?:our|this|the) account\\b|\\b(?:someone|somebody|people) outside (?:our|the) (?:team|company)\\b"
                    + "|\\bgehackt\\b|\\bHacker\\w*|\\bkompromittiert\\b|\\bunbefugt\\w*|\\baußerhalb unseres (?:Teams|Unternehmens)\\b[^.!?\\n]{0,40}?Zugang");

    // After a backlash the post went out as intended: calling it a mistake, a slip or someone's
    // personal post is the untrue excuse the crowd will see through.
    private static final Pattern MISTAKE_CLAIM = p(
            "\\b(?:by mistake|mistaken(?:ly)?|in error|by accident|accidental(?:ly)?|mix-?up|slip(?:-?up|ped)?|wrong account"
                    + "|(?:meant|intended) for (?:a |an |my |his |her |their |someone's |somebody's )?(?:personal|private|own|other|different)"
                    + "|personal (?:account|message|post|tweet|profile|one)|not meant (?:for|to go on) (?:this|our) account)\\b"
                    + "|\\b(?:versehentlich|irrtümlich|aus Versehen|Versehen|Verwechslung|falsche[nm]? Konto|privat\\w*)\\b");

    private static final List<Required> REQUIRED = List.of(
            new Required(LintRule.NO_RESPONSIBILITY, Severity.NONE, p(
                    "\\b(?:we|we're|we've|we'd|we'll|us|our)\\b|\\b(?:wir|uns|unser\\w*)\\b"),
                    "Nothing in it says \"we\": take responsibility in the first person."),
            new Required(LintRule.NO_APOLOGY, Severity.MEDIUM, p(
                    "\\bsorry\\b|\\bapolog\\w*|\\bentschuldig\\w*|\\btut (?:uns|mir) (?:\\w+ )?leid\\b|\\bbedauern\\b"),
                    "It never says sorry. At this severity the apology itself must be there."),
            new Required(LintRule.NO_EXPLANATION, Severity.MEDIUM, EnumSet.of(Cause.MISPOST), p(
                    "\\b(?:by mistake|mistakenly|in error|by accident|accidentally|meant for|intended for|wrong account|personal|without authori[sz]ation|got into)\\b"
                            + "|\\b(?:versehentlich|irrtümlich|aus Versehen|privat\\w*|falsche[nm]? Konto|unbefugt\\w*|Zugang)\\b"),
                    "It does not say what happened. Say that a member of our team posted it by mistake (or, if confirmed, that the account was compromised)."),
            new Required(LintRule.NO_EXPLANATION, Severity.MEDIUM, EnumSet.of(Cause.BACKLASH), p(
                    "\\b(?:missed the mark|insensitive|misjudged|tone[- ]deaf|thoughtless|ill[- ]judged|poorly judged|(?:badly|ill)[- ]timed"
                            + "|should(?: not|n't) have (?:been )?(?:posted|published|gone out|sent)|got (?:it|this|that|[\\w ]{1,30}?) wrong"
                            + "|wrong (?:of us )?to (?:post|publish)|without authori[sz]ation|got into)\\b"
                            + "|\\b(?:daneben|unsensib\\w*|unangemessen\\w*|taktlos\\w*|geschmacklos\\w*|unpassend\\w*|nicht veröffentlichen dürfen|nicht erscheinen dürfen|unbefugt\\w*|Zugang)\\b"),
                    "It does not say what happened. Say that our post missed the mark (insensitive, badly timed) and that it was ours, not a mistake."),
            new Required(LintRule.NO_ACTION, Severity.NONE, p(
                    "\\b(?:removed|deleted|taken (?:it )?down|took (?:it )?down|correct(?:ed|ing)|review(?:ing)?|changing|separating|keeping|putting|introducing|adding|training|secured|securing)\\b"
                            + "|\\b(?:entfernt|gelöscht|überprüf\\w*|Überprüfung|trennen|ändern|halten|gesichert|schulen|korrigiert)\\b"),
                    "It does not say what is being done. Say at least that we removed or corrected the post."),
            new Required(LintRule.NO_CHANGE, Severity.MEDIUM, p(
                    "\\b(?:changing|change how|separating|review(?:ing)?|keeping|putting (?:new )?(?:checks|safeguards)|introducing|adding (?:a |an )?(?:check|step|review|approval)|training|secured|securing)\\b"
                            + "|\\b(?:ändern|trennen|überprüf\\w*|Überprüfung|halten|gesichert|schulen|Kontrolle\\w*)\\b"),
                    "It does not say what will change. Name one concrete step (separating accounts in our tools, a review of who can post)."));

    // Common words of both languages: sharing them with the mispost is not quoting it.
    private static final Set<String> COMMON = Set.copyOf(List.of((
            "a an and are as at be been but by can could did do does for from had has have he her here his how i if in into is it its just "
                    + "me more my no not now of on one or our out she so some than that the their them then there these they this those to too "
                    + "up us was we were what when where which who why will with would you your all any about after again also back been before "
                    + "being both could each even ever get got going good great had here just know like make many most much must new off only other "
                    + "over really same see should still such take than thank thanks that's them very want well went what's while yes yet "
                    + "today tonight tomorrow yesterday day time people thing things going gonna got get let let's i'm it's don't can't won't "
                    + "der die das ein eine einen einem einer und oder aber nicht ist sind war waren hat haben wird werden ich du er sie es wir ihr "
                    + "mit von zu zum zur auf aus bei für über unter vor nach heute jetzt hier dort noch schon auch nur sehr so wie was wer wo "
                    + "dem den des im am an als wenn dass mal doch ganz mehr").split(" ")));

    private final Set<String> ownWords;

    public HonestyLinter() {
        Set<String> words = new HashSet<>();
        for (Language l : Language.values()) words.addAll(Phrasebook.of(l).vocabulary());
        this.ownWords = Set.copyOf(words);
    }

    /**
     * All findings for one text.
     *
     * @param request the incident the text answers (severity, platform, original post, compromise)
     * @param kind    a post is held to its platform's limit; a statement has none
     * @param text    the words to judge
     */
    public List<LintFinding> lint(DraftRequest request, DraftKind kind, String text) {
        String t = text == null ? "" : text;
        // Curly apostrophes are one char each, like straight ones, so spans stay true to the text.
        String probe = t.replace('’', '\'');
        Severity severity = request.severity();
        List<LintFinding> findings = new ArrayList<>();
        for (Forbidden f : FORBIDDEN) {
            if (!severity.atLeast(f.from)) continue;
            Matcher m = f.pattern.matcher(probe);
            while (m.find()) {
                int start = m.start();
                int end = m.end();
                // Two phrasings of one rule over the same words are one finding, not two.
                boolean seen = findings.stream().anyMatch(x -> x.rule() == f.rule && x.start() < end && start < x.end());
                if (!seen) findings.add(at(f.rule, f.message, t, start, end));
            }
        }
        if (severity.atLeast(Severity.MEDIUM)) {
            for (int i = 0; i < t.length(); ) {
                int cp = t.codePointAt(i);
                int n = Character.charCount(cp);
                if (PostLength.isEmoji(cp)) {
                    findings.add(at(LintRule.LEVITY, "An emoji reads as not taking it seriously.", t, i, i + n));
                }
                i += n;
            }
        }
        if (!request.confirmedCompromise()) {
            Matcher m = HACK_CLAIM.matcher(probe);
            while (m.find()) {
                findings.add(at(LintRule.UNCONFIRMED_COMPROMISE,
                        "No compromise of the account is recorded. Saying it was hacked when a member of our team posted it is a lie that comes out.",
                        t, m.start(), m.end()));
            }
        }
        if (request.cause() == Cause.BACKLASH && !request.confirmedCompromise()) {
            Matcher m = MISTAKE_CLAIM.matcher(probe);
            while (m.find()) {
                findings.add(at(LintRule.CLAIMS_MISTAKE,
                        "The post went out as intended and the replies turned against what it said. Calling it a mistake or someone's personal post is untrue, and it comes out. Say that it missed the mark and that it was ours.",
                        t, m.start(), m.end()));
            }
        }
        for (Required r : REQUIRED) {
            if (severity.atLeast(r.from) && r.causes.contains(request.cause()) && !r.pattern.matcher(probe).find()) {
                findings.add(LintFinding.missing(r.rule, r.message));
            }
        }
        if (severity.atLeast(Severity.MEDIUM)) repeated(request, probe, t, findings);
        if (kind == DraftKind.POST) {
            int overflow = PostLength.overflowAt(request.platform(), t);
            if (overflow >= 0) {
                int length = PostLength.count(request.platform(), t);
                int limit = PostLength.limit(request.platform());
                findings.add(at(LintRule.OVER_LIMIT,
                        length + " of " + limit + " characters as " + request.platform().id() + " counts them; cut " + (length - limit) + ".",
                        t, Math.min(overflow, t.length()), t.length()));
            }
        }
        findings.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : a.rule().compareTo(b.rule()));
        return List.copyOf(findings);
    }

    // Distinctive words of the mispost (not common words, not apology language, not the brand)
    // that come back in the draft spread the offence again. One finding per word, at its first use.
    private void repeated(DraftRequest request, String probe, String text, List<LintFinding> findings) {
        Set<String> distinctive = new HashSet<>();
        Set<String> brandWords = words(request.brand());
        Matcher om = TOKEN.matcher(request.originalText().replace('’', '\''));
        while (om.find()) {
            String w = om.group().toLowerCase(Locale.ROOT);
            String bare = w.startsWith("#") || w.startsWith("@") ? w.substring(1) : w;
            if (bare.length() >= 3 && !COMMON.contains(bare) && !ownWords.contains(bare) && !brandWords.contains(bare)) {
                distinctive.add(bare);
            }
        }
        if (distinctive.isEmpty()) return;
        Set<String> reported = new HashSet<>();
        Matcher dm = TOKEN.matcher(probe);
        while (dm.find()) {
            String w = dm.group().toLowerCase(Locale.ROOT);
            String bare = w.startsWith("#") || w.startsWith("@") ? w.substring(1) : w;
            if (distinctive.contains(bare) && reported.add(bare)) {
                findings.add(at(LintRule.REPEATS_ORIGINAL,
                        "Repeats \"" + dm.group() + "\" from the original post; quoting it spreads it again. Refer to \"the post\" instead.",
                        text, dm.start(), dm.end()));
            }
        }
    }

    private static final Pattern TOKEN = Pattern.compile("[#@]?[\\p{L}\\p{N}][\\p{L}\\p{N}'_-]*");

    private static Set<String> words(String s) {
        Set<String> out = new HashSet<>();
        Matcher m = TOKEN.matcher(s.replace('’', '\''));
        while (m.find()) out.add(m.group().toLowerCase(Locale.ROOT));
        return out;
    }

    private static LintFinding at(LintRule rule, String message, String text, int start, int end) {
        return new LintFinding(rule, message, text.substring(start, end), start, end);
    }
}
