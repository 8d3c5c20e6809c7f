package com.mispost.detection;

import com.mispost.account.Account;
import com.mispost.post.Post;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores a post on a business account for how likely it is to be a personal post sent there
 * by mistake, and explains why. Pure: no I/O, so the eval command and the detect function run
 * the same engine.
 */
public final class MispostDetector {

    private static final Pattern PROFANITY = Pattern.compile("\\b(fuck\\w*|shit\\w*|damn|crap|wtf)\\b");
    private static final Pattern FIRST_PERSON = Pattern.compile("\\b(i|i'm|im|me|my|mine)\\b");
    private static final Pattern PERSONAL_LIFE = Pattern.compile(
            "\\b(tonight|weekend|drunk|beer|hangover|boss|commute|traffic|my (wife|husband|gf|bf|mom|dad))\\b");

    public Assessment assess(Post post, Account account, VoiceProfile voice) {
        String text = post.text().toLowerCase(Locale.ROOT);
        List<Reason> reasons = new ArrayList<>();
        double score = 0;
        Severity severity = Severity.NONE;

        List<Evidence> bad = find(PROFANITY, text, account);
        if (!bad.isEmpty()) {
            reasons.add(new Reason("content.profanity", "The post contains profanity.", 0.6, bad));
            score += 0.6;
            severity = Severity.max(severity, Severity.HIGH);
        }
        List<Evidence> me = find(FIRST_PERSON, text, account);
        if (!me.isEmpty()) {
            reasons.add(new Reason("voice.first-person", "It speaks as \"I\" where the brand says \"we\".", 0.3, me));
            score += 0.3;
            severity = Severity.max(severity, Severity.LOW);
        }
        List<Evidence> life = find(PERSONAL_LIFE, text, account);
        if (!life.isEmpty()) {
            reasons.add(new Reason("voice.personal-life", "It talks about someone's own life.", 0.3, life));
            score += 0.3;
            severity = Severity.max(severity, Severity.LOW);
        }
        if (post.client() != null && voice.posts() > 0 && voice.postsFrom(post.client()) == 0
                && !account.usualClients().contains(post.client())) {
            reasons.add(new Reason("context.unusual-client",
                    "It was posted from a client this account does not use.", 0.2,
                    List.of(Evidence.fact("client: " + post.client()))));
            score += 0.2;
            severity = Severity.max(severity, Severity.LOW);
        }
        reasons.sort((a, b) -> Double.compare(b.weight(), a.weight()));
        return new Assessment(Math.min(1.0, score), severity, reasons, firstStep(severity));
    }

    private static List<Evidence> find(Pattern pattern, String text, Account account) {
        List<Evidence> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (account.policy().allowedTerms().contains(m.group())) continue;
            found.add(new Evidence(m.start(), m.end(), m.group()));
        }
        return found;
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
