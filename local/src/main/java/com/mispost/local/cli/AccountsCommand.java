package com.mispost.local.cli;

import com.mispost.account.Account;
import com.mispost.account.AccountPolicy;
import com.mispost.detection.MispostDetector;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./mispost accounts list|add|remove|import}: the registry of watched accounts, and the import
 * of an account's exported history into what it has learned ({@link HistoryImport}). Works on the
 * table named by MISPOST_TABLE at MISPOST_AWS_ENDPOINT (or AWS itself), or else on the table of
 * a running {@code ./mispost local}.
 */
public final class AccountsCommand {
    private static final String USAGE = """
            usage: ./mispost accounts list
                   ./mispost accounts add --platform P --id ID --name NAME [--tz ZONE] [--hours 08:00-20:00]
                                          [--clients A,B] [--seats A,B] [--threshold 0.5] [--spike-per-minute 20]
                   ./mispost accounts remove --platform P --id ID
                   ./mispost accounts import --platform P --id ID --history FILE [--replies FILE]
            P is one of x, meta, linkedin, mastodon. The table: MISPOST_TABLE and MISPOST_AWS_ENDPOINT,
            or a running ./mispost local. import learns a watched account's past posts (X's archive
            data/tweets.js, or JSON lines {"id","text","created_at"}) and the replies it received (JSON
            lines) as if they had arrived through intake; importing the same files again changes nothing.
            """;

    private AccountsCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Integer usage = Main.usage(args, USAGE, out, err);
        if (usage != null) return usage;
        Map<String, String> opts;
        try {
            opts = options(args.subList(1, args.size()));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Target target = Target.findOrSay(err);
        if (target == null) return 2;
        return run(args, opts, target, out, err);
    }

    static int run(List<String> args, Map<String, String> opts, Target target, PrintStream out, PrintStream err) {
        try (DynamoDbClient dynamo = target.client(DynamoDbClient.builder())) {
            DynamoDbAccountRegistry registry = new DynamoDbAccountRegistry(dynamo, target.table());
            switch (args.get(0)) {
                case "list" -> {
                    List<Account> all = registry.list();
                    if (all.isEmpty()) out.println("no watched accounts");
                    for (Account a : all) {
                        out.printf(Locale.ROOT, "%-9s %-22s %-28s %s %s-%s clients=%s seats=%s threshold=%.2f%n",
                                a.key().platform().id(), a.key().accountId(), a.displayName(), a.timeZone(), a.opensAt(),
                                a.closesAt(), a.usualClients(), a.teamSeats(), a.policy().alertThreshold());
                    }
                    return 0;
                }
                case "add" -> {
                    Account a = account(opts);
                    registry.save(a);
                    out.println("watching " + a.displayName() + " (" + a.key() + ")");
                    return 0;
                }
                case "import" -> {
                    return importHistory(registry, opts, out, err);
                }
                case "remove" -> {
                    AccountKey key = key(opts);
                    out.println(registry.remove(key) ? "no longer watching " + key : key + " was not watched");
                    return 0;
                }
                default -> {
                    err.println("unknown accounts command '" + args.get(0) + "'");
                    err.print(USAGE);
                    return 2;
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static int importHistory(DynamoDbAccountRegistry registry, Map<String, String> opts, PrintStream out, PrintStream err) {
        AccountKey key = key(opts);
        Path history = Path.of(require(opts, "history"));
        String repliesFile = opts.get("replies");
        Optional<Account> account = registry.find(key);
        if (account.isEmpty()) {
            err.println(key + " is not watched: add it first with ./mispost accounts add --platform " + key.platform().id()
                    + " --id " + key.accountId() + " --name NAME");
            return 2;
        }
        try {
            List<Post> posts = HistoryFiles.posts(history, key);
            List<HistoryFiles.Text> replies = repliesFile == null ? List.of() : HistoryFiles.replies(Path.of(repliesFile), key);
            HistoryImport.Outcome done = new HistoryImport(new MispostDetector(), registry).run(account.get(), posts, replies);
            out.printf(Locale.ROOT, "%s: learned %d posts (%d already learned%s), kept %d replies; it has learned %d posts%n", key,
                    done.learned(), done.alreadyLearned(), done.notLearned() == 0 ? "" : ", " + done.notLearned() + " not learned: busy, run again",
                    done.replies(), registry.voice(key).posts());
            return 0;
        } catch (java.io.IOException e) {
            err.println("cannot read " + e.getMessage());
            return 1;
        }
    }

    static Map<String, String> options(List<String> args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || i + 1 >= args.size()) throw new IllegalArgumentException("expected --option value, got " + a);
            out.put(a.substring(2), args.get(++i));
        }
        return out;
    }

    static AccountKey key(Map<String, String> o) {
        String p = require(o, "platform");
        Platform platform = Platform.fromId(p).filter(x -> x != Platform.GENERIC)
                .orElseThrow(() -> new IllegalArgumentException("--platform must be x, meta, linkedin or mastodon, not " + p));
        return new AccountKey(platform, require(o, "id"));
    }

    static Account account(Map<String, String> o) {
        String[] hours = o.getOrDefault("hours", "08:00-20:00").split("-");
        if (hours.length != 2) throw new IllegalArgumentException("--hours looks like 08:00-20:00");
        AccountPolicy policy;
        try {
            policy = new AccountPolicy(Double.parseDouble(o.getOrDefault("threshold", Double.toString(AccountPolicy.DEFAULT_THRESHOLD))),
                    AccountPolicy.DEFAULT.ruledOutTopics(), Set.of(),
                    Integer.parseInt(o.getOrDefault("spike-per-minute", Integer.toString(AccountPolicy.DEFAULT.spikePerMinute()))));
            return new Account(key(o), require(o, "name"), ZoneId.of(o.getOrDefault("tz", "UTC")),
                    LocalTime.parse(hours[0]), LocalTime.parse(hours[1]), list(o.get("clients")), list(o.get("seats")), policy);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException("bad value: " + e.getMessage());
        }
    }

    private static Set<String> list(String csv) {
        return csv == null || csv.isBlank() ? Set.of() : new HashSet<>(Arrays.stream(csv.split(",")).map(String::trim).toList());
    }

    private static String require(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("--" + name + " is required");
        return v;
    }
}
