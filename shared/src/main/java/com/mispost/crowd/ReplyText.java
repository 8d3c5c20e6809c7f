package com.mispost.crowd;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A reply's words as the cues are matched against them: lower case, without accents, mentions or
 * links; leetspeak inside words read as letters (d3l3te, h@cked); a letter said three times or more
 * said once ("wronggg", "yikesss"; twice is spelling: "account", "oof"), in the cues alike; apostrophes as
 * spaces ("who's" → "who s"). A hashtag of a phrase (#wrongaccount) counts as the phrase.
 */
final class ReplyText {
    private ReplyText() {
    }

    /** A cue as it is matched: its words normalised as a reply's are (an emoji as it is), once. */
    private record Cue(Turn turn, String key, boolean emoji, double weight) {
    }

    private static final List<Cue> CUES = cues();

    private static List<Cue> cues() {
        List<Cue> cues = new ArrayList<>();
        for (Turn turn : Turn.values()) {
            for (String cue : turn.cues()) {
                boolean emoji = cue.codePoints().noneMatch(Character::isLetterOrDigit);
                cues.add(new Cue(turn, emoji ? cue : words(cue), emoji, Turn.WEAK.contains(cue) ? 0.5 : 1.0));
            }
        }
        return List.copyOf(cues);
    }

    /** The turns a reply shows, each with the weight of its strongest cue (1, or 0.5 for a weak one). */
    static Map<Turn, Double> turns(String reply) {
        Map<Turn, Double> found = new EnumMap<>(Turn.class);
        if (reply == null) return found;
        String spaced = " " + words(reply) + " ";
        List<String> tokens = List.of(spaced.trim().split(" "));
        for (Cue cue : CUES) {
            boolean hit = cue.emoji() ? reply.contains(cue.key())
                    : spaced.contains(" " + cue.key() + " ") || cue.key().indexOf(' ') > 0 && tokens.contains(cue.key().replace(" ", ""));
            if (hit) found.merge(cue.turn(), cue.weight(), Math::max);
        }
        return found;
    }

    /** The words of a text, normalised as the class says, separated by single spaces. */
    static String words(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("https?://\\S+", " ")
                .replaceAll("(^|\\s)@\\w+", " ");
        List<String> out = new ArrayList<>();
        for (String raw : plain.split("[\\s'’`\\-_/.,?;:()\"“”*#]+")) {
            raw = raw.replaceAll("!+$", "");
            if (raw.isEmpty()) continue;
            String w = raw.chars().anyMatch(Character::isLetter) ? unleet(raw) : raw;
            w = w.replaceAll("[^\\p{L}\\p{N}]", "").replaceAll("(\\p{L})\\1{2,}", "$1");
            if (!w.isEmpty()) out.add(w);
        }
        return String.join(" ", out);
    }

    private static String unleet(String word) {
        StringBuilder b = new StringBuilder(word.length());
        for (char c : word.toCharArray()) {
            b.append(switch (c) {
                case '0' -> 'o';
                case '1', '!' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> c;
            });
        }
        return b.toString();
    }
}
