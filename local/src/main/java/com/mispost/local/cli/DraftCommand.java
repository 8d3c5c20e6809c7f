package com.mispost.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mispost.apology.ApologyDesk;
import com.mispost.apology.ApologyDraft;
import com.mispost.apology.Cause;
import com.mispost.apology.DraftKind;
import com.mispost.apology.DraftRequest;
import com.mispost.apology.Fact;
import com.mispost.apology.LintFinding;
import com.mispost.apology.StaffInstructions;
import com.mispost.apology.Tone;
import com.mispost.detection.Severity;
import com.mispost.post.Platform;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code ./mispost draft}: apology drafts for a mispost or a backlash, with what the honesty linter found. */
public final class DraftCommand {

    static final String USAGE = """
            usage: ./mispost draft --platform P --severity S --text T [options]
              --platform P            x, meta, linkedin, mastodon or generic
              --severity S            none, low, medium, high or critical
              --text T                the post the incident is about
              --account A             the account's name as the public knows it
              --language L            the account's language (en, de; others fall back to English)
              --confirmed-compromise  staff have confirmed the account was compromised
              --cause C               mispost (default: sent here by mistake) or backlash (posted as
                                      intended, and the replies turned against it)
              --tone T                only this tone (plain, warm, formal); repeatable
              --include F             a fact to add, in your own words; repeatable
              --leave-out F           leave out removed, personal-account or change; repeatable
              --json                  print {"drafts":[{"tone","kind","language","text","length","limit","lint","notes"}]}
            """;

    private DraftCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Platform platform = null;
        Severity severity = null;
        String text = null;
        String account = null;
        String language = null;
        boolean compromise = false;
        Cause cause = Cause.MISPOST;
        boolean json = false;
        Set<Tone> tones = EnumSet.noneOf(Tone.class);
        List<String> include = new ArrayList<>();
        Set<Fact> leaveOut = EnumSet.noneOf(Fact.class);
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "--json" -> json = true;
                case "--confirmed-compromise" -> compromise = true;
                case "--platform", "--severity", "--text", "--account", "--language", "--tone", "--include", "--leave-out", "--cause" -> {
                    if (i + 1 >= args.size()) return usage(err, option + " needs a value");
                    String value = args.get(++i);
                    switch (option) {
                        case "--platform" -> {
                            Optional<Platform> p = Platform.fromId(value);
                            if (p.isEmpty()) return usage(err, "unknown platform '" + value + "'");
                            platform = p.get();
                        }
                        case "--severity" -> {
                            Optional<Severity> s = Severity.fromId(value);
                            if (s.isEmpty()) return usage(err, "unknown severity '" + value + "'");
                            severity = s.get();
                        }
                        case "--text" -> text = value;
                        case "--account" -> account = value;
                        case "--language" -> language = value;
                        case "--tone" -> {
                            Optional<Tone> t = Tone.fromId(value);
                            if (t.isEmpty()) return usage(err, "unknown tone '" + value + "'");
                            tones.add(t.get());
                        }
                        case "--include" -> include.add(value);
                        case "--cause" -> {
                            Optional<Cause> c = Cause.fromId(value);
                            if (c.isEmpty()) return usage(err, "unknown cause '" + value + "' (mispost, backlash)");
                            cause = c.get();
                        }
                        default -> {
                            Optional<Fact> f = Fact.fromId(value);
                            if (f.isEmpty()) return usage(err, "unknown fact '" + value + "' (removed, personal-account, change)");
                            leaveOut.add(f.get());
                        }
                    }
                }
                default -> {
                    return usage(err, "unknown option '" + option + "'");
                }
            }
        }
        if (platform == null) return usage(err, "--platform is required");
        if (severity == null) return usage(err, "--severity is required");
        if (text == null || text.isBlank()) return usage(err, "--text is required");

        DraftRequest request = new DraftRequest(platform, severity, account, language, text, compromise,
                new StaffInstructions(tones, include, leaveOut), cause);
        List<ApologyDraft> drafts = new ApologyDesk().draft(request);
        if (json) {
            out.println(json(drafts));
        } else {
            print(request, drafts, out);
        }
        return 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("mispost draft: " + problem);
        err.print(USAGE);
        return 2;
    }

    private static String json(List<ApologyDraft> drafts) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("drafts");
        for (ApologyDraft d : drafts) {
            ObjectNode n = list.addObject();
            n.put("tone", d.tone().id());
            n.put("kind", d.kind().id());
            n.put("language", d.language());
            n.put("text", d.text());
            n.put("length", d.length());
            if (d.limit() == ApologyDraft.NO_LIMIT) n.putNull("limit");
            else n.put("limit", d.limit());
            ArrayNode lint = n.putArray("lint");
            for (LintFinding f : d.lint()) {
                lint.addObject()
                        .put("rule", f.rule().id())
                        .put("message", f.message())
                        .put("excerpt", f.excerpt())
                        .put("start", f.start())
                        .put("end", f.end());
            }
            ArrayNode notes = n.putArray("notes");
            d.notes().forEach(notes::add);
        }
        return root.toString();
    }

    private static void print(DraftRequest request, List<ApologyDraft> drafts, PrintStream out) {
        out.println("Apology drafts for " + request.platform().id() + ", severity " + request.severity().id()
                + (request.brand().isEmpty() ? "" : ", account " + request.brand()));
        List<String> shownNotes = new ArrayList<>();
        for (ApologyDraft d : drafts) {
            String size = d.kind() == DraftKind.STATEMENT ? d.length() + " characters" : d.length() + "/" + d.limit();
            out.println();
            out.println("[" + d.tone().id() + (d.kind() == DraftKind.STATEMENT ? " statement for the website or press" : "")
                    + "] " + size + "  " + (d.passes() ? "passes the linter" : d.lint().size() + " finding(s)"));
            for (String line : d.text().split("\n", -1)) out.println("  " + line);
            for (LintFinding f : d.lint()) out.println("  ! " + f.line());
            for (String note : d.notes()) {
                if (!shownNotes.contains(note)) out.println("  note: " + note);
                shownNotes.add(note);
            }
        }
    }
}
