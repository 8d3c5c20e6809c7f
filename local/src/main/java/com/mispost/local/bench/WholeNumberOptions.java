package com.mispost.local.bench;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A harness's options, each {@code --name N} with a whole number of at least a floor, over defaults. */
final class WholeNumberOptions {
    private WholeNumberOptions() {
    }

    /**
     * The options given over the defaults; null (after printing what is wrong and the usage on
     * {@code err}) when a name is unknown or a value is not a whole number of at least {@code least}.
     */
    static Map<String, Integer> read(List<String> args, Map<String, Integer> defaults, int least, String usage, PrintStream err) {
        Map<String, Integer> options = new HashMap<>(defaults);
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (!defaults.containsKey(name) || i + 1 >= args.size()) {
                err.println((defaults.containsKey(name) ? name + " needs a value" : "unknown argument: " + name) + "\n" + usage);
                return null;
            }
            String value = args.get(++i);
            try {
                int n = Integer.parseInt(value);
                if (n < least) throw new NumberFormatException();
                options.put(name, n);
            } catch (NumberFormatException e) {
                err.println(name + " takes a whole number of at least " + least + ", not " + value + "\n" + usage);
                return null;
            }
        }
        return options;
    }
}
