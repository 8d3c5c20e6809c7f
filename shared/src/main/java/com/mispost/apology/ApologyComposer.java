package com.mispost.apology;

import com.mispost.apology.length.PostLength;
import com.mispost.post.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes apology drafts in proportion to the severity: light for a harmless personal post,
 * sincere (what happened, what will change) for an offensive one, a formal statement plus a
 * longer website/press version for a critical one. Honest by construction: for a mispost it says
 * a member of the team posted it by mistake; for a backlash (a post that went out as intended and
 * that the replies turned against) it says the post missed the mark and was ours, and never that
 * it was a mistake; it speaks of unauthorised access only when staff have recorded a confirmed
 * compromise. Each draft is fitted to the platform's limit by dropping optional
 * sentences and then using shorter wordings, and carries the linter's findings.
 */
public final class ApologyComposer implements Drafter {

    /** The note every draft of a critical incident carries, whichever drafter wrote it. */
    public static final String LEADERSHIP_NOTE =
            "Critical incident: leadership should see and approve these words before anything is posted.";

    private final HonestyLinter linter;

    public ApologyComposer() {
        this(new HonestyLinter());
    }

    public ApologyComposer(HonestyLinter linter) {
        this.linter = linter;
    }

    @Override
    public String name() {
        return "built-in";
    }

    /** Three post drafts (fewer if staff asked for particular tones), plus a statement when critical. */
    @Override
    public List<ApologyDraft> compose(DraftRequest request) {
        Optional<Language> asked = Language.of(request.language());
        Language language = asked.orElse(Language.ENGLISH);
        List<String> notes = new ArrayList<>();
        if (asked.isEmpty()) {
            notes.add("No built-in wording for language \"" + request.language()
                    + "\"; drafted in English. Have a fluent speaker translate it before posting.");
        }
        Register register = Register.of(request.severity(), request.confirmedCompromise());
        if (register == Register.GRAVE) notes.add(LEADERSHIP_NOTE);
        if (request.confirmedCompromise()) {
            notes.add("Written for a confirmed compromise, as recorded by staff.");
        }
        Phrasebook book = Phrasebook.of(language);
        List<ApologyDraft> drafts = new ArrayList<>();
        for (Tone tone : Tone.values()) {
            if (!request.instructions().wants(tone)) continue;
            String text = fit(parts(book, register, tone, request), request.platform());
            drafts.add(ApologyDraft.judged(request, tone, DraftKind.POST, language.tag(), text, notes, linter));
        }
        if (register == Register.GRAVE) {
            StaffInstructions in = request.instructions();
            String statement = misjudged(request)
                    ? book.misjudgedStatement(request.brand(), in.states(Fact.REMOVED), in.states(Fact.CHANGE), sentences(in.include()))
                    : book.statement(request.brand(), in.states(Fact.PERSONAL_ACCOUNT), request.confirmedCompromise(),
                            in.states(Fact.REMOVED), in.states(Fact.CHANGE), sentences(in.include()));
            drafts.add(ApologyDraft.judged(request, Tone.FORMAL, DraftKind.STATEMENT, language.tag(), statement, notes, linter));
        }
        return List.copyOf(drafts);
    }

    /** A backlash is told as a misjudged post, unless staff confirmed that someone else posted it. */
    private static boolean misjudged(DraftRequest request) {
        return request.cause() == Cause.BACKLASH && !request.confirmedCompromise();
    }

    /** One sentence slot of a draft: its wordings, longest first, with the brand filled in. */
    private record Part(List<String> wordings, boolean optional) {
    }

    private static List<Part> parts(Phrasebook book, Register register, Tone tone, DraftRequest request) {
        StaffInstructions in = request.instructions();
        boolean compromise = request.confirmedCompromise();
        String brand = request.brand();
        boolean misjudged = misjudged(request);
        Part happened = required(brand, compromise ? book.compromised(tone)
                : misjudged ? book.misjudged(register, tone)
                : book.happened(register, tone, in.states(Fact.PERSONAL_ACCOUNT)));
        Part apology = required(brand, misjudged ? book.misjudgedApology(register, tone) : book.apology(register, tone, compromise));
        Part removed = in.states(Fact.REMOVED) ? required(brand, book.removed(register, tone)) : null;
        List<String> changeWords = !in.states(Fact.CHANGE) ? List.of()
                : misjudged ? book.misjudgedChange(register, tone) : book.change(register, tone, compromise);
        // After a backlash, how posts are approved is the point of the reply, even a light one.
        Part change = register == Register.LIGHT && !compromise && !misjudged ? optional(brand, changeWords) : required(brand, changeWords);
        // "Back to our regular posts" would wave a backlash away.
        Part closing = optional(brand, misjudged && register == Register.LIGHT ? List.of() : book.closing(register, tone));
        List<Part> parts = new ArrayList<>();
        if (register == Register.LIGHT) {
            add(parts, happened, removed, change);
            for (String fact : sentences(in.include())) parts.add(required(brand, List.of(fact)));
            add(parts, apology, closing);
        } else {
            add(parts, optional(brand, book.opener(register, tone)), happened, apology, removed, change);
            for (String fact : sentences(in.include())) parts.add(required(brand, List.of(fact)));
            add(parts, closing);
        }
        return parts;
    }

    private static void add(List<Part> parts, Part... more) {
        for (Part p : more) {
            if (p != null && !p.wordings.isEmpty()) parts.add(p);
        }
    }

    private static Part required(String brand, List<String> wordings) {
        return new Part(withBrand(brand, wordings), false);
    }

    private static Part optional(String brand, List<String> wordings) {
        return new Part(withBrand(brand, wordings), true);
    }

    // Without a brand name, wordings that need one are left out rather than written awkwardly.
    private static List<String> withBrand(String brand, List<String> wordings) {
        return wordings.stream()
                .filter(w -> !brand.isEmpty() || !w.contains("{brand}"))
                .map(w -> w.replace("{brand}", brand))
                .toList();
    }

    /** Staff's facts as sentences: trimmed, and ended with a full stop if they had no ending. */
    private static List<String> sentences(List<String> facts) {
        return facts.stream()
                .map(String::strip)
                .map(f -> f.matches(".*[.!?…:)\"»“”]$") ? f : f + ".")
                .toList();
    }

    /**
     * Joins the parts, fitting the platform: first drop optional sentences from the end (a
     * closing line, a light draft's extra line, an opener), then take shorter wordings, longest
     * sentence first. What still does not fit goes out as it is, and the linter reports it.
     */
    private static String fit(List<Part> parts, Platform platform) {
        int n = parts.size();
        boolean[] dropped = new boolean[n];
        int[] choice = new int[n];
        while (true) {
            String text = join(parts, dropped, choice);
            if (PostLength.fits(platform, text)) return text;
            int drop = -1;
            for (int i = n - 1; i >= 0 && drop < 0; i--) {
                if (parts.get(i).optional && !dropped[i]) drop = i;
            }
            if (drop >= 0) {
                dropped[drop] = true;
                continue;
            }
            int longest = -1;
            for (int i = 0; i < n; i++) {
                List<String> w = parts.get(i).wordings;
                if (dropped[i] || choice[i] + 1 >= w.size()) continue;
                if (longest < 0 || w.get(choice[i]).length() > parts.get(longest).wordings.get(choice[longest]).length()) {
                    longest = i;
                }
            }
            if (longest < 0) return text;
            choice[longest]++;
        }
    }

    private static String join(List<Part> parts, boolean[] dropped, int[] choice) {
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (!dropped[i]) sentences.add(parts.get(i).wordings.get(choice[i]));
        }
        return String.join(" ", sentences);
    }
}
