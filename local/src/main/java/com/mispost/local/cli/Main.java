package com.mispost.local.cli;

import com.mispost.local.FunctionLogLines;
import com.mispost.local.LocalRuntime;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** The {@code ./mispost} command line. */
public final class Main {
    private Main() {
    }

    static final String USAGE = """
            usage: ./mispost <command> [options]
              demo [scenario.json]       replay a scenario end to end on the local runtime (default: events/scenarios/larkspur-coffee.json)
              local [--port N]           run the local runtime until stopped (Ctrl-C)
              accounts list|add|remove   the registry of watched accounts (see ./mispost accounts --help)
              failures list|redrive      stream batches a function gave up on, in words, and redriving them
              eval --history H.jsonl --posts P.jsonl [--by-account-folds K] [--json]
                                         measure the detector on labelled posts
              train --history H.jsonl --replies R.jsonl [--account NAME] [--json]
                                         learn from files what a deployment learns at run time, to inspect it
              draft --platform P --severity S --text T [--account A] [--json]
                                         print apology drafts with their lint findings
              bench coldstart [--runs 10 --warm 200]
                                         each function's cold start in a fresh JVM beside a plain-Java twin
              bench alert-latency [--count 200]
                                         time webhook POST -> alert in the staff inbox, p50/p99, on the local runtime
              bench idle [--seconds 30]  what an idle local runtime costs, in shares of a core
              bench storm [--reactions 5000 --connections 8]
                                         a viral mispost: reactions over many connections, answer times, exact counts
              bench viral-model --rate R [--minutes 60]
                                         the capacity model on AWS: write units, 503s, cost, from measured writes
              bench soak [--minutes 30 --rate 10]
                                         a steady load for long: alert latency and moto's memory, minute by minute
              bench intake-worst [--events 5000]
                                         the costliest deliveries within intake's limits, first try and retry, timed
              bench jmh [JMH options]    the JMH benchmarks (intake parsing, detection scoring)
              test                       run the test suite (what CI runs)
              build                      build the function artifacts
            Every command answers --help.
            """;

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "demo" -> Demo.run(rest, out, err);
            case "local" -> local(rest, out, err);
            case "accounts" -> AccountsCommand.run(rest, out, err);
            case "failures" -> FailuresCommand.run(rest, out, err);
            case "draft" -> DraftCommand.run(rest, out, err);
            case "eval" -> EvalCommand.run(rest, out, err);
            case "train" -> TrainCommand.run(rest, out, err);
            case "bench" -> bench(rest, out, err);
            default -> {
                err.println("unknown command '" + args.get(0) + "'");
                err.print(USAGE);
                yield 2;
            }
        };
    }

    /** Whether the arguments ask for a command's usage rather than to run it. */
    static boolean asksForHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h") || (!args.isEmpty() && args.get(0).equals("help"));
    }

    /**
     * For a command that needs a subcommand: its usage on stdout when asked for (exit 0), on stderr when
     * none was given (exit 2); null when there is something to run.
     */
    static Integer usage(List<String> args, String usage, PrintStream out, PrintStream err) {
        if (asksForHelp(args)) {
            out.print(usage);
            return 0;
        }
        if (args.isEmpty()) {
            err.print(usage);
            return 2;
        }
        return null;
    }

    private static final String BENCH_USAGE = """
            usage: ./mispost bench coldstart [--runs 10 --warm 200] [--only FUNCTION]
                   ./mispost bench alert-latency [--count 200]
                   ./mispost bench idle [--settle 15 --seconds 30]
                   ./mispost bench storm [--reactions 5000] [--connections 8] [--replies-every 5] [--redeliver-every 10] [--retry-batch-every 5]
                   ./mispost bench viral-model --rate R [--minutes 60] [--replies-every 5] [--redeliver-every 10]
                   ./mispost bench soak [--minutes 30] [--rate 10] [--mispost-every 10]
                   ./mispost bench intake-worst [--events 5000] [--accounts 1000]
                   ./mispost bench jmh [JMH options]
            """;

    private static int bench(List<String> args, PrintStream out, PrintStream err) {
        Integer usage = usage(args, BENCH_USAGE, out, err);
        if (usage != null) return usage;
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "alert-latency" -> com.mispost.local.bench.AlertLatency.run(rest, out, err);
            case "coldstart" -> com.mispost.local.bench.ColdStart.run(rest, out, err);
            case "idle" -> com.mispost.local.bench.IdleCost.run(rest, out, err);
            case "storm" -> com.mispost.local.bench.Storm.run(rest, out, err);
            case "viral-model" -> com.mispost.local.bench.ViralModel.run(rest, out, err);
            case "soak" -> com.mispost.local.bench.Soak.run(rest, out, err);
            case "intake-worst" -> com.mispost.local.bench.IntakeWorst.run(rest, out, err);
            default -> {
                err.println("unknown benchmark '" + args.get(0) + "' (coldstart, alert-latency, idle, storm, viral-model, soak, intake-worst, jmh)");
                yield 2;
            }
        };
    }

    /** Lets ./mispost accounts and failures (in another terminal) find this runtime. */
    private static void writeLocalState(LocalRuntime rt) {
        try {
            new Target(rt.aws().endpoint(), rt.aws().tableName, rt.aws().queueUrls.values().stream().findFirst().orElse(null),
                    rt.apiUrl()).writeLocalState();
        } catch (java.io.IOException e) {
            System.err.println("could not write " + Target.LOCAL_STATE + ": " + e.getMessage());
        }
    }

    private static final String LOCAL_USAGE = """
            usage: ./mispost local [--port 3000]
            Runs the suite on a local AWS until Ctrl-C: webhooks at /webhooks/{platform}, the staff and ops inbox
            at /local/inbox; ./mispost accounts and ./mispost failures work on it from another terminal.
            """;

    private static int local(List<String> args, PrintStream out, PrintStream err) {
        if (asksForHelp(args)) {
            out.print(LOCAL_USAGE);
            return 0;
        }
        int port = 3000;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--port") && i + 1 < args.size()) {
                try {
                    port = Integer.parseInt(args.get(++i));
                } catch (NumberFormatException e) {
                    err.println("--port takes a number, not " + args.get(i));
                    return 2;
                }
            } else {
                err.println("unknown option " + args.get(i));
                err.print(LOCAL_USAGE);
                return 2;
            }
        }
        LocalRuntime rt = LocalRuntime.start(new LocalRuntime.Options(Path.of("template.yaml"), port, null,
                line -> err.println("[runtime] " + line)).withFunctionLog(line -> err.println(FunctionLogLines.readable(line))));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            rt.close();
            stopped.countDown();
        }));
        writeLocalState(rt);
        out.println("Mispost local runtime");
        out.println("  HTTP API:     " + rt.apiUrl() + "  (webhooks at /webhooks/{platform}; staff inbox at /local/inbox)");
        out.println("  AWS endpoint: " + rt.aws().endpoint());
        out.println("  table:        " + rt.aws().tableName);
        rt.aws().topicArns.forEach((id, arn) -> out.println("  topic:        " + arn + "  (" + id + ")"));
        out.println("Press Ctrl-C to stop.");
        rt.inbox().onReceive(r -> out.println((r.ops() ? "ops <- SNS    [" : "staff <- SNS  [") + r.kind() + "] "
                + r.subject() + "\n" + r.body()));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
