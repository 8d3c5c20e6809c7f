package com.mispost.apology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sentences the composer builds drafts from, in one language. Each method gives the
 * alternatives for one part of a draft, longest first, so that the composer can shorten a draft
 * to fit a platform; "{brand}" stands for the account's name. An empty list means the part has
 * no words in that register and tone.
 */
interface Phrasebook {

    Language language();

    List<String> opener(Register register, Tone tone);

    /** What happened, when a member of the team posted by mistake. */
    List<String> happened(Register register, Tone tone, boolean personalAccount);

    /** What happened, when staff have recorded a confirmed compromise. */
    List<String> compromised(Tone tone);

    /** The apology itself; after a compromise it owns the account's security, not the words. */
    List<String> apology(Register register, Tone tone, boolean compromise);

    List<String> removed(Register register, Tone tone);

    List<String> change(Register register, Tone tone, boolean compromise);

    List<String> closing(Register register, Tone tone);

    /** The longer statement for the website or press (critical incidents). */
    String statement(String brand, boolean personalAccount, boolean compromise, boolean removed,
                     boolean change, List<String> include);

    // A backlash: the post went out as intended and missed the mark. These words own that
    // judgement and never speak of a mistaken or personal post, which would be untrue.

    /** What happened, when the post was ours, meant for this account, and the replies turned against it. */
    List<String> misjudged(Register register, Tone tone);

    /** The apology for a misjudged post: for what it said, never for a "mix-up". */
    List<String> misjudgedApology(Register register, Tone tone);

    /** What will change after a misjudged post: how posts are planned and approved. */
    List<String> misjudgedChange(Register register, Tone tone);

    /** The longer statement for the website or press after a backlash (critical incidents). */
    String misjudgedStatement(String brand, boolean removed, boolean change, List<String> include);

    static Phrasebook of(Language language) {
        return switch (language) {
            case ENGLISH -> new EnglishPhrasebook();
            case GERMAN -> new GermanPhrasebook();
        };
    }

    Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'’-]*");

    /**
     * Every word this book can write, lower-case. Words the composer itself uses are apology
     * language, not quotations of the mispost, so the linter does not count them as repetition.
     */
    default Set<String> vocabulary() {
        List<String> texts = new ArrayList<>();
        for (Register r : Register.values()) {
            for (Tone t : Tone.values()) {
                texts.addAll(opener(r, t));
                texts.addAll(happened(r, t, true));
                texts.addAll(happened(r, t, false));
                texts.addAll(apology(r, t, false));
                texts.addAll(apology(r, t, true));
                texts.addAll(removed(r, t));
                texts.addAll(change(r, t, true));
                texts.addAll(change(r, t, false));
                texts.addAll(closing(r, t));
                texts.addAll(misjudged(r, t));
                texts.addAll(misjudgedApology(r, t));
                texts.addAll(misjudgedChange(r, t));
            }
        }
        for (Tone t : Tone.values()) texts.addAll(compromised(t));
        texts.add(statement("", true, true, true, true, List.of()));
        texts.add(statement("", false, false, true, true, List.of()));
        texts.add(misjudgedStatement("", true, true, List.of()));
        Set<String> words = new TreeSet<>();
        for (String text : texts) {
            Matcher m = WORD.matcher(text);
            while (m.find()) words.add(m.group().toLowerCase(Locale.ROOT).replace('’', '\''));
        }
        return words;
    }
}
