package com.mispost.local.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code --name value} and {@code --flag} arguments of a command, read once against what it accepts. */
final class CommandOptions {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private CommandOptions() {
    }

    /**
     * Reads the arguments; {@code -h} or {@code --help} and anything unknown or missing its value
     * end in {@link Usage}, which says what to print and the exit code.
     */
    static CommandOptions parse(List<String> args, Set<String> valued, Set<String> flagNames) throws Usage {
        CommandOptions options = new CommandOptions();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help")) throw new Usage(null);
            if (flagNames.contains(arg)) {
                options.flags.add(arg);
            } else if (valued.contains(arg) && i + 1 < args.size()) {
                options.values.put(arg, args.get(++i));
            } else {
                throw new Usage(valued.contains(arg) ? arg + " needs a value" : "unknown argument: " + arg);
            }
        }
        return options;
    }

    /** The value given, or null. */
    String value(String name) {
        return values.get(name);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    /** Help was asked for (no problem), or the arguments have a problem. */
    static final class Usage extends Exception {
        private final String problem;

        Usage(String problem) {
            super(problem, null, false, false);
            this.problem = problem;
        }

        /** Prints the usage (after the problem, on err, if there is one) and gives the exit code. */
        int answer(String usage, PrintStream out, PrintStream err) {
            if (problem == null) {
                out.println(usage);
                return 0;
            }
            err.println(problem);
            err.println(usage);
            return 2;
        }
    }
}
