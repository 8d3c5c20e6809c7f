package com.mispost.detection;

import com.mispost.account.Account;
import com.mispost.account.AccountPolicy;
import com.mispost.post.Post;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Scores a post on a business account for how likely it is to be a personal post sent there
 * by mistake, and explains why. Pure: no I/O after the lexicon is loaded, so the eval command
 * and the detect function run the same engine.
 *
 * <p>The score is a logistic of summed log-odds from four signals:
 * <ol>
 *   <li>content risk: lexicon terms (profanity, slurs, sexual, violent, substances, topics the
 *       account's policy rules out, private details), seen through disguised spellings;</li>
 *   <li>personal voice against the account's voice: for each mark of {@link Style}, the log of
 *       how much likelier its presence (or absence) is in a person's post than in this
 *       account's posts, the account's rate learned by its {@link VoiceProfile};</li>
 *   <li>familiarity: how many of the post's words and word pairs the account has used before;</li>
 *   <li>the learned contrast: a naive Bayes over words, word pairs and character n-grams
 *       ({@link TextFeatures}) between the account's own posts ({@link VoiceProfile}) and the
 *       replies the public sends it ({@link PublicVoice}), learned per deployment at run time;</li>
 *   <li>context: an unused client, an unusual hour, an author seat not on the team, a
 *       media-only post from a phone.</li>
 * </ol>
 * Severity comes from what was found, not from the score. Where the alert threshold sits is the
 * account's: {@link VoiceProfile#alertThreshold}.
 */
public final class MispostDetector {

    /**
     * Log-odds of a post with no evidence either way; sets where the default threshold sits. An
     * operating point chosen on the eval's by-account folds: brand posts of each kind alert at
     * most 0.5% of the time on every one of eight different splits of the accounts into folds
     * (not only on the split the eval command makes) at -0.5; -0.45 broke that on some; -0.55
     * keeps a step of margin.
     */
    private static final double BIAS = -0.55;
    /** Pseudo-posts of the deployment's rates ({@link DeploymentPrior}) behind each learned style rate. */
    private static final double PRIOR_POSTS = 6;
    /** Style marks are not independent; this damps their summed log-likelihood ratios. */
    private static final double STYLE_SCALE = 0.7;
    private static final double STYLE_CAP = 2.5;
    private static final int WORDS_MIN_POSTS = 8;
    private static final double WORDS_WEIGHT = 4.0;
    private static final double WORDS_PIVOT = 0.55;
    /** Weight of the learned contrast per unit of its length-normalised log-likelihood ratio. */
    private static final double CONTRAST_WEIGHT = 0.2;
    /**
     * Where the contrast's zero sits against the hand-set {@link #BIAS}: brand-like words pull an
     * account's own posts well below zero, so a post the contrast finds neutral is itself a sign.
     */
    private static final double CONTRAST_CENTRE = 2.0;
    /**
     * Own posts at which the contrast is trusted fully; with fewer, proportionally less. Twenty
     * posts already tell an account's words from its public's better than the fixed style marks do.
     */
    private static final double CONTRAST_FULL_POSTS = 20;
    private static final int CONTRAST_MIN_POSTS = 5;
    /**
     * Pseudo-posts the deployment's sample of its accounts' own posts counts as on an account's side
     * of the contrast: an account with a handful of posts reads mostly as the deployment's brands
     * write, one with two hundred mostly as itself.
     */
    private static final double BRANDS_WEIGHT = 40;
    /** How far the borrowed posts count towards trusting the contrast (half: they are not the account's own). */
    private static final double BRANDS_CONFIDENCE = 0.5;
    private static final int CONTRAST_MIN_REPLIES = 30;
    /** Additive smoothing of the naive Bayes counts. */
    private static final double SMOOTHING = 0.5;
    private static final double[] LOG_SMOOTHED = new double[4096];
    static {
        for (int k = 0; k < LOG_SMOOTHED.length; k++) LOG_SMOOTHED[k] = Math.log(k + SMOOTHING);
    }
    /** The share of the voice's evidence (style, familiarity, contrast) that counts in a post that follows the account's conventions. */
    private static final double SIGNED_VOICE_SHARE = 0.5;
    private static final int CONVENTION_MIN_POSTS = 10;
    private static final double CONVENTION_SHARE = 0.3;
    private static final double CONVENTION_CONTRAST = 4;
    /** A reason is reported when it adds at least this much log-odds. */
    private static final double REASON_MIN = 0.25;
    /**
     * Marks read with English word lists; a post in another language says nothing through them
     * (the feelings too: "Fink" or "sprach" in a German post are not English words of feeling).
     */
    private static final Set<Style> ENGLISH_ONLY = EnumSet.of(Style.FIRST_SINGULAR, Style.FIRST_POSSESSIVE,
            Style.NARRATIVE, Style.FIRST_PLURAL, Style.SECOND_PERSON, Style.GREETING, Style.NAMES_SOMEONE,
            Style.SUPPORT_PHRASE, Style.COMPLAINT, Style.INFORMAL, Style.PERSONAL_LIFE, Style.SHORT, Style.CARELESS,
            Style.CUSTOMER_SIDE, Style.ABOUT_OTHERS, Style.NEGATIVE_EMOTION, Style.INTENSE_EMOTION);
    private static final Pattern MOBILE_CLIENT = Pattern.compile("(?i).*(iphone|ipad|android|mobile|for ios).*");

    private static final Map<Category, Double> CONTENT_WEIGHTS = new EnumMap<>(Map.ofEntries(
            Map.entry(Category.PROFANITY, 4.0),
            Map.entry(Category.MILD, 1.5),
            Map.entry(Category.SLUR, 5.0),
            Map.entry(Category.SEXUAL, 5.0),
            Map.entry(Category.SUGGESTIVE, 2.0),
            Map.entry(Category.VIOLENCE, 4.0),
            Map.entry(Category.SUBSTANCE, 1.5),
            Map.entry(Category.POLITICS, 2.0),
            Map.entry(Category.RELIGION, 2.0),
            Map.entry(Category.PRIVATE, 2.0),
            Map.entry(Category.WORKPLACE, 3.5)));

    private static final Map<Category, String> CONTENT_EXPLANATIONS = new EnumMap<>(Map.ofEntries(
            Map.entry(Category.PROFANITY, "It contains profanity."),
            Map.entry(Category.MILD, "It contains mild swearing."),
            Map.entry(Category.SLUR, "It contains a slur."),
            Map.entry(Category.SEXUAL, "It contains sexual content."),
            Map.entry(Category.SUGGESTIVE, "It contains suggestive language."),
            Map.entry(Category.VIOLENCE, "It contains violent language."),
            Map.entry(Category.SUBSTANCE, "It talks about alcohol or drugs."),
            Map.entry(Category.POLITICS, "It takes up politics, which this account's policy rules out."),
            Map.entry(Category.RELIGION, "It takes up religion, which this account's policy rules out."),
            Map.entry(Category.PRIVATE, "It reads like a private message (plans to meet, call me, love you)."),
            Map.entry(Category.WORKPLACE, "It reads like insider news or workplace drama (a sale, firings, quitting), not how a company announces it.")));

    /** Soft categories a brand may use in its own voice (a brewery says "beer"): learned use excuses them. */
    private static final List<Category> SOFT = List.of(Category.MILD, Category.SUGGESTIVE, Category.SUBSTANCE,
            Category.POLITICS, Category.RELIGION);

    private static final Style[] STYLES = Style.values();

    private final Lexicon lexicon;

    /** A detector with the word lists shipped in the artifact. */
    public MispostDetector() {
        this(Lexicon.shipped());
    }

    public MispostDetector(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** Scores a post of an account whose public replies have not been learned (yet). */
    public Assessment assess(Post post, Account account, VoiceProfile voice) {
        return assess(post, account, voice, PublicVoice.empty());
    }

    /** Scores a post of an account in a deployment that has learned nothing from its accounts together (yet). */
    public Assessment assess(Post post, Account account, VoiceProfile voice, PublicVoice people) {
        return assess(post, account, voice, people, DeploymentPrior.empty());
    }

    /**
     * Reads the post once and scores it against the account's policy, its learned voice and the
     * public's. While the account has few posts of its own, its style rates lean on the
     * deployment's and its side of the learned contrast on the deployment's sample of its accounts'
     * own posts ({@link DeploymentPrior}).
     */
    public Assessment assess(Post post, Account account, VoiceProfile voice, PublicVoice people, DeploymentPrior deployment) {
        PublicVoice brands = deployment.ownPosts();
        Reading reading = Reading.of(post.text(), lexicon);
        List<Reason> reasons = new ArrayList<>();
        double logit = BIAS;
        Severity severity = Severity.NONE;

        Map<Category, List<Match>> content = content(reading, account.policy(), voice, post.text());
        for (Map.Entry<Category, List<Match>> e : content.entrySet()) {
            Category category = e.getKey();
            double weight = CONTENT_WEIGHTS.get(category) + Math.min(1.0, 0.5 * (e.getValue().size() - 1));
            logit += weight;
            severity = Severity.max(severity, category.severity());
            reasons.add(new Reason(signalOf(category), CONTENT_EXPLANATIONS.get(category), weight, evidence(post, e.getValue())));
        }
        int firstOfVoice = reasons.size();
        double voiced = voice(post, reading, voice, deployment, reasons) + familiarity(reading, voice, reasons)
                + contrast(post, voice, people, brands, reasons);
        if (voiced > 0 && followsOwnConvention(post.text(), voice, people)) {
            voiced *= SIGNED_VOICE_SHARE;
            for (int i = firstOfVoice; i < reasons.size(); i++) {
                Reason r = reasons.get(i);
                reasons.set(i, new Reason(r.signal(), r.explanation(), r.weight() * SIGNED_VOICE_SHARE, r.evidence()));
            }
        }
        logit += voiced;
        logit += context(post, account, voice, reasons);

        double score = 1 / (1 + Math.exp(-logit));
        if (severity == Severity.NONE && !reasons.isEmpty()) severity = Severity.LOW;
        reasons.sort((a, b) -> Double.compare(b.weight(), a.weight()));
        return new Assessment(score, severity, reasons, firstStep(severity));
    }

    /**
     * The account's voice after these posts of its own, learned as the detect function learns
     * them: each is scored against the voice learned so far and then learned with that score,
     * which is a held-out score of the account's own voice for {@link VoiceProfile#alertThreshold}.
     */
    public VoiceProfile learnOwnPosts(Account account, VoiceProfile voice, PublicVoice people, List<Post> own) {
        return learnOwnPosts(account, voice, people, DeploymentPrior.empty(), own, c -> { });
    }

    /** The same against the deployment's prior, telling {@code toDeployment} what each post adds to it. */
    public VoiceProfile learnOwnPosts(Account account, VoiceProfile voice, PublicVoice people, DeploymentPrior deployment, List<Post> own,
                                      Consumer<DeploymentPrior.Contribution> toDeployment) {
        VoiceProfile learned = voice;
        for (Post post : own) {
            double score = assess(post, account, learned, people, deployment).score();
            toDeployment.accept(DeploymentPrior.contribution(post, learned, score));
            learned = learned.learn(post, score);
        }
        return learned;
    }

    /**
     * Whether the post opens or closes the way this account's own posts do and the public's replies
     * do not (an agent's sign-off of whatever shape, a thread counter, a Q&A format): then it was
     * written in the team's own manner (a person's own post is not signed "^MK" or "- Sarah"), so how
     * it reads counts for less; what it says (the content) counts whole. Learned from both sides, so
     * no list of shapes is needed: a shape is the account's when at least {@value #CONVENTION_SHARE}
     * of its posts have it, and it is {@value #CONVENTION_CONTRAST} times likelier in them than in
     * the replies it receives.
     */
    private static boolean followsOwnConvention(String text, VoiceProfile voice, PublicVoice people) {
        int own = voice.posts();
        int replies = people.texts();
        if (own < CONVENTION_MIN_POSTS || replies < CONTRAST_MIN_REPLIES) return false;
        for (String shape : Conventions.of(text)) {
            int ownWith = voice.postsWithConvention(shape);
            if (ownWith < CONVENTION_SHARE * own) continue;
            double ownRate = (ownWith + SMOOTHING) / (own + 2 * SMOOTHING);
            double publicRate = (people.textsWithConvention(shape) + SMOOTHING) / (replies + 2 * SMOOTHING);
            if (ownRate >= CONVENTION_CONTRAST * publicRate) return true;
        }
        return false;
    }

    /** Allowed by the lexicon term ("fuck") or by the spelling staff dismissed ("f*ck"). */
    private static boolean isAllowed(AccountPolicy policy, Match m, String text) {
        Set<String> allowed = policy.allowedTerms();
        return !allowed.isEmpty() && (allowed.contains(m.term())
                || allowed.contains(text.substring(m.start(), m.end()).toLowerCase(Locale.ROOT)));
    }

    private Map<Category, List<Match>> content(Reading reading, AccountPolicy policy, VoiceProfile voice, String text) {
        Map<Category, List<Match>> found = new EnumMap<>(Category.class);
        for (Match m : reading.matches) {
            Category c = m.category();
            if (!CONTENT_WEIGHTS.containsKey(c) || isAllowed(policy, m, text)) continue;
            if ((c == Category.POLITICS || c == Category.RELIGION) && !policy.ruledOutTopics().contains(c.id())) continue;
            if (SOFT.contains(c) && usesAsOwn(voice, m.term())) continue;
            if (c != Category.PRIVATE && c != Category.WORKPLACE && insideName(text, m)) continue;
            List<Match> same = found.computeIfAbsent(c, k -> new ArrayList<>());
            // Overlapping matches ("we just got sold", "got sold to") are one finding.
            if (same.stream().noneMatch(o -> o.start() < m.end() && m.start() < o.end())) same.add(m);
        }
        return found;
    }

    /**
     * Whether the match is part of a name rather than said: inside an @handle or a #hashtag
     * (a hashtag of a name, "#DickVanDyke"), or one word of a capitalised name of two or more words
     * in the middle of a sentence ("Dick's Sporting Goods", "Hancock County"). A shouted post
     * (mostly capitals) has no such names: every word is capitalised there.
     */
    static boolean insideName(String text, Match m) {
        int start = m.start();
        while (start > 0 && isNameChar(text.charAt(start - 1))) start--;
        int end = m.end();
        while (end < text.length() && isNameChar(text.charAt(end))) end++;
        if (start > 0 && (text.charAt(start - 1) == '@' || text.charAt(start - 1) == '#')) return true;
        if (text.charAt(start) == '@' || text.charAt(start) == '#') return true;
        if (!Character.isUpperCase(text.charAt(start)) || sentenceStart(text, start) || mostlyCapitals(text)) return false;
        return capitalisedNeighbour(text, start, -1) || capitalisedNeighbour(text, end, 1);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '\'' || c == '’';
    }

    private static boolean sentenceStart(String text, int at) {
        int i = at - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '"' || text.charAt(i) == '“')) i--;
        return i < 0 || ".!?:\n".indexOf(text.charAt(i)) >= 0;
    }

    /** The word next to a boundary, one space away (a name's words are not split by punctuation), starts in capitals. */
    private static boolean capitalisedNeighbour(String text, int boundary, int direction) {
        int i = direction < 0 ? boundary - 1 : boundary;
        if (i < 0 || i >= text.length() || text.charAt(i) != ' ') return false;
        if (direction < 0) {
            int end = i;
            int start = end;
            while (start > 0 && isNameChar(text.charAt(start - 1))) start--;
            return start < end && Character.isUpperCase(text.charAt(start)) && end - start >= 2;
        }
        int start = i + 1;
        int end = start;
        while (end < text.length() && isNameChar(text.charAt(end))) end++;
        return end - start >= 2 && Character.isUpperCase(text.charAt(start));
    }

    private static boolean mostlyCapitals(String text) {
        int upper = 0;
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) upper++;
            }
        }
        return letters > 0 && upper > 0.6 * letters;
    }

    /** Whether the account itself uses this word often enough that it is part of its voice. */
    private static boolean usesAsOwn(VoiceProfile voice, String term) {
        int uses = voice.postsWithUnit(Reading.unitOf(term));
        return uses >= 3 && uses >= 0.05 * voice.posts();
    }

    private static double voice(Post post, Reading reading, VoiceProfile voice, DeploymentPrior deployment, List<Reason> reasons) {
        double sum = 0;
        int n = voice.posts();
        for (Style s : STYLES) {
            if (!reading.english && ENGLISH_ONLY.contains(s)) continue;
            double accountRate = (voice.postsWith(s) + PRIOR_POSTS * deployment.styleRate(s)) / (n + PRIOR_POSTS);
            boolean present = s.in(reading.styles);
            double ratio = present ? s.personalRate / accountRate : (1 - s.personalRate) / (1 - accountRate);
            double llr = STYLE_SCALE * Math.max(-STYLE_CAP, Math.min(STYLE_CAP, Math.log(ratio)));
            sum += llr;
            String why = present ? s.whenPresent : s.whenAbsent;
            if (llr >= REASON_MIN && why != null) {
                reasons.add(new Reason(s.signal, why, llr, styleEvidence(post, reading, s, present, voice)));
            }
        }
        return sum;
    }

    private static List<Evidence> styleEvidence(Post post, Reading reading, Style s, boolean present, VoiceProfile voice) {
        if (!present) {
            return List.of(Evidence.fact(voice.posts() == 0
                    ? "no posts learned yet for this account; compared with brand posts in general"
                    : voice.postsWith(s) + " of this account's " + voice.posts() + " learned posts have it"));
        }
        Category category = switch (s) {
            case FIRST_SINGULAR -> Category.FIRST_SINGULAR;
            case FIRST_POSSESSIVE -> Category.FIRST_POSSESSIVE;
            case NARRATIVE -> Category.NARRATIVE;
            case COMPLAINT -> Category.COMPLAINT;
            case INFORMAL -> Category.INFORMAL;
            case PERSONAL_LIFE -> Category.PERSONAL_LIFE;
            case CUSTOMER_SIDE -> Category.CUSTOMER;
            case ABOUT_OTHERS -> Category.OTHERS;
            default -> null;
        };
        if (category != null) {
            List<Match> matches = reading.matches.stream().filter(m -> m.category() == category).toList();
            if (!matches.isEmpty()) return evidence(post, matches);
        }
        if (s == Style.NEGATIVE_EMOTION || s == Style.INTENSE_EMOTION) return reading.emotive;
        return List.of(Evidence.fact(voice.postsWith(s) + " of this account's " + voice.posts() + " learned posts have it"));
    }

    private static double familiarity(Reading reading, VoiceProfile voice, List<Reason> reasons) {
        int n = voice.posts();
        if (n < WORDS_MIN_POSTS || reading.units.length == 0 || !reading.english) return 0;
        int known = 0;
        for (int unit : reading.units) {
            if (voice.postsWithUnit(unit) >= 1) known++;
        }
        double familiar = (double) known / reading.units.length;
        double confidence = Math.min(1.0, n / 40.0);
        double weight = confidence * WORDS_WEIGHT * (WORDS_PIVOT - familiar);
        if (weight >= REASON_MIN) {
            reasons.add(new Reason("voice.unfamiliar-words", "Its words and phrasing are unlike this account's own.", weight,
                    List.of(Evidence.fact(Math.round(100 * familiar) + "% of its words and word pairs appear in this account's "
                            + n + " learned posts"))));
        }
        return weight;
    }

    /**
     * The learned contrast: how much likelier the post's features are in the public's replies to
     * the account than in the account's own posts (a Bernoulli naive Bayes, normalised by the
     * square root of the features it knows so that long posts do not count more for being long).
     */
    private static double contrast(Post post, VoiceProfile voice, PublicVoice people, PublicVoice brands, List<Reason> reasons) {
        int own = voice.posts();
        int replies = people.texts();
        // Past ten times its weight, the deployment's sample would move an account's side by under a tenth.
        double borrowed = brands.texts() == 0 || own >= 10 * BRANDS_WEIGHT ? 0 : BRANDS_WEIGHT;
        if (own + borrowed < CONTRAST_MIN_POSTS || replies < CONTRAST_MIN_REPLIES) return 0;
        TextFeatures features = TextFeatures.of(post.text());
        double[] byWord = new double[features.wordCount()];
        double leaning = leaning(features, voice, people, brands, borrowed, byWord);
        double confidence = Math.min(1.0, (own + BRANDS_CONFIDENCE * borrowed) / CONTRAST_FULL_POSTS);
        double weight = confidence * (CONTRAST_CENTRE + CONTRAST_WEIGHT * leaning);
        if (weight >= REASON_MIN && leaning > 0) {
            reasons.add(new Reason("voice.learned-contrast",
                    "Its wording is closer to the public's replies to this account than to the account's own posts.", weight,
                    strongestWords(post, features, byWord)));
        }
        return weight;
    }

    /**
     * How far a text leans to the public's voice (positive) or the account's own (negative): the
     * naive Bayes log-likelihood ratio summed over the features either side has seen, divided by
     * the square root of their number. {@code byWord} (if given) receives each word's share.
     */
    private static double leaning(TextFeatures features, VoiceProfile voice, PublicVoice people, PublicVoice brands, double borrowed,
                                  double[] byWord) {
        double ownNorm = Math.log(voice.posts() + borrowed + 2 * SMOOTHING);
        double peopleNorm = Math.log(people.texts() + 2 * SMOOTHING);
        double perBrandText = borrowed == 0 ? 0 : borrowed / brands.texts();
        double sum = 0;
        int known = 0;
        for (int i = 0; i < features.hashes.length; i++) {
            int feature = features.hashes[i];
            int inReplies = people.textsWith(feature);
            int inOwn = voice.postsWithFeature(feature);
            int inBrands = borrowed == 0 ? 0 : brands.textsWith(feature);
            if (inReplies + inOwn + inBrands == 0) continue;
            double ownSide = inBrands == 0 ? logSmoothed(inOwn) : Math.log(inOwn + perBrandText * inBrands + SMOOTHING);
            double llr = logSmoothed(inReplies) - peopleNorm - ownSide + ownNorm;
            sum += llr;
            if (byWord != null) byWord[features.words[i]] += llr;
            known++;
        }
        return sum / Math.sqrt(known + 1);
    }

    /** How far a text leans to the public's voice (positive) or the account's own (negative); for inspecting what was learned. */
    public static double leaning(String text, VoiceProfile voice, PublicVoice people) {
        return leaning(TextFeatures.of(text), voice, people, PublicVoice.empty(), 0, null);
    }

    private static double logSmoothed(int count) {
        return count < LOG_SMOOTHED.length ? LOG_SMOOTHED[count] : Math.log(count + SMOOTHING);
    }

    /** The (at most three) words that pushed the contrast most towards the public's voice, in text order. */
    private static List<Evidence> strongestWords(Post post, TextFeatures features, double[] byWord) {
        int[] top = {-1, -1, -1};
        for (int w = 0; w < byWord.length; w++) {
            if (byWord[w] <= 0) continue;
            for (int k = 0; k < top.length; k++) {
                if (top[k] < 0 || byWord[w] > byWord[top[k]]) {
                    System.arraycopy(top, k, top, k + 1, top.length - k - 1);
                    top[k] = w;
                    break;
                }
            }
        }
        List<Evidence> evidence = new ArrayList<>(3);
        Arrays.stream(top).filter(w -> w >= 0).sorted().forEach(w -> evidence.add(new Evidence(
                features.wordStarts[w], features.wordEnds[w], post.text().substring(features.wordStarts[w], features.wordEnds[w]))));
        return evidence;
    }

    private static double context(Post post, Account account, VoiceProfile voice, List<Reason> reasons) {
        double sum = 0;
        String client = post.client();
        if (client != null && !client.isBlank() && !containsIgnoringCase(account.usualClients(), client)) {
            boolean learnedOthers = voice.postsWithClient() >= 10 && voice.postsFrom(client) == 0;
            boolean configuredOthers = !account.usualClients().isEmpty() && voice.postsFrom(client) == 0;
            if (learnedOthers || configuredOthers) {
                sum += add(reasons, "context.unusual-client", "It was posted from a client this account does not use.", 1.5,
                        Evidence.fact("client: " + client));
            }
        }
        if (post.author() != null && !account.teamSeats().isEmpty() && !containsIgnoringCase(account.teamSeats(), post.author())) {
            sum += add(reasons, "context.unknown-author", "Its author is not one of the team's seats.", 2.0,
                    Evidence.fact("author: " + post.author()));
        }
        if (post.createdAt() != null && voice.postsWithTime() >= 50) {
            int hour = post.createdAt().atZone(ZoneOffset.UTC).getHour();
            LocalTime local = post.createdAt().atZone(account.timeZone()).toLocalTime();
            boolean rareHour = voice.postsAtHour(hour) < 0.01 * voice.postsWithTime();
            if (rareHour && !withinHours(local, account.opensAt(), account.closesAt())) {
                sum += add(reasons, "context.off-hours", "It was posted outside business hours, when this account rarely posts.", 0.8,
                        Evidence.fact("posted at " + local.withSecond(0).withNano(0) + " " + account.timeZone().getId()));
            }
        }
        if (!post.mediaTypes().isEmpty() && client != null && MOBILE_CLIENT.matcher(client).matches()
                && post.text().replaceAll("(https?://\\S+|@\\w+)", "").isBlank()) {
            sum += add(reasons, "context.mobile-media-only", "It is a photo or video with no text, sent from a phone.", 1.0,
                    Evidence.fact("media: " + String.join(", ", post.mediaTypes()) + " via " + client));
        }
        return sum;
    }

    private static double add(List<Reason> reasons, String signal, String why, double weight, Evidence evidence) {
        reasons.add(new Reason(signal, why, weight, List.of(evidence)));
        return weight;
    }

    private static boolean withinHours(LocalTime t, LocalTime opens, LocalTime closes) {
        return opens.isBefore(closes) ? !t.isBefore(opens) && t.isBefore(closes) : !t.isBefore(opens) || t.isBefore(closes);
    }

    private static boolean containsIgnoringCase(Set<String> names, String name) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) return true;
        }
        return false;
    }

    private static String signalOf(Category category) {
        return category == Category.PRIVATE ? "voice.private-message" : "content." + category.id();
    }

    private static List<Evidence> evidence(Post post, List<Match> matches) {
        List<Evidence> evidence = new ArrayList<>(matches.size());
        for (Match m : matches) evidence.add(new Evidence(m.start(), m.end(), post.text().substring(m.start(), m.end())));
        return evidence;
    }

    static String firstStep(Severity severity) {
        return switch (severity) {
            case NONE -> "Nothing to do.";
            case LOW -> "Check with the author, capture the post, then decide whether to remove it with a light note.";
            case MEDIUM -> "Capture the post now, confirm with the author, and prepare a short apology.";
            case HIGH -> "Capture the post now and remove it with a notice; approve a sincere apology quickly.";
            case CRITICAL -> "Capture the post, remove it with a notice, tell leadership, and publish a formal statement.";
        };
    }

}
