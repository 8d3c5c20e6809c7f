package com.mispost.local.bench;

import com.mispost.local.LocalAws;
import com.mispost.local.LocalRuntime;
import com.mispost.local.MotoServer;
import com.mispost.local.SampleEvents;
import com.mispost.local.TemplateModel;
import com.mispost.local.bench.twins.ApologyTwin;
import com.mispost.local.bench.twins.ClosureTwin;
import com.mispost.local.bench.twins.DetectTwin;
import com.mispost.local.bench.twins.IntakeTwin;
import com.mispost.local.lambda.ExecutionEnvironment;
import com.mispost.local.lambda.FunctionConfig;
import com.mispost.local.lambda.RuntimeLayer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code ./mispost bench coldstart}: for each function, starts fresh execution environments as
 * Lambda does (a JVM running AWS's runtime interface client with the template's handler string,
 * the function's jar laid out as its task root, the template's memory and environment) and times
 * the runtime client's init (process start to its first request for an event: Lambda's "Init
 * Duration") and the first invocation, with its real round trips to a local AWS (moto). Beside
 * each function, in the same run and interleaved with it, the same is measured for its plain-Java
 * twin (no Micronaut, same SDK clients and domain objects), started the same way from a task root
 * of its own (the twin's classes, the function's jar in lib/), so that the ratio holds on a noisy
 * machine. Then one environment per variant measures warm invocations, and one more per variant
 * runs the SnapStart path (before-checkpoint hooks, restore, first event).
 */
public final class ColdStart {
    static final String USAGE = """
            usage: ./mispost bench coldstart [--runs N] [--warm N] [--only intake,detect,...]
              --runs N     cold starts per function and per twin (default 10)
              --warm N     warm invocations per variant, after the first (default 200; 0: skip)
            Child JVMs are started as the Lambda java21 runtime starts them, sized from the template's MemorySize.
            """;

    /** One function with its sample event, its twin, what a good answer contains, and an event that needs no network (or null). */
    record Case(String name, String logicalId, String twin, String event, String expect, Path offline) {
    }

    /** One cold start: init (process start to first /next), first invocation, CPU time and peak RSS of the process. */
    record Sample(double initMs, double firstMs, double cpuMs, double rssMb) {
        double totalMs() {
            return initMs + firstMs;
        }
    }

    /** One warm environment: SnapStart-style init, first event, then warm invocations. */
    record Warm(double initMs, double firstMs, double[] netMs, double[] offlineMs) {
    }

    private ColdStart() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        int runs = 10;
        int warm = 200;
        List<String> only = List.of();
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--runs" -> runs = Integer.parseInt(args.get(++i));
                    case "--warm" -> warm = Integer.parseInt(args.get(++i));
                    case "--only" -> only = List.of(args.get(++i).split(","));
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
        } catch (RuntimeException e) {
            err.println(e instanceof IndexOutOfBoundsException ? "an option is missing its value" : e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            return new ColdStart().measure(runs, warm, only, out, err);
        } catch (IOException | RuntimeException e) {
            err.println("bench coldstart failed: " + e.getMessage());
            return 1;
        }
    }

    private int measure(int runs, int warm, List<String> only, PrintStream out, PrintStream err) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        TemplateModel template = TemplateModel.read(root.resolve("template.yaml"));
        Map<String, TemplateModel.FunctionSpec> specs = new LinkedHashMap<>();
        template.functions().forEach(f -> specs.put(f.logicalId(), f));
        Path work = Files.createTempDirectory("mispost-coldstart-");
        List<Case> cases = new ArrayList<>(List.of(
                new Case("intake", "IntakeFunction", IntakeTwin.class.getName(), "events/intake-generic-post.json",
                        "\"statusCode\":200", root.resolve("events/intake-x-crc.json")),
                new Case("detect", "DetectFunction", DetectTwin.class.getName(), "events/detect-new-post.json",
                        "\"batchItemFailures\":[]", null),
                new Case("apology", "ApologyFunction", ApologyTwin.class.getName(), "events/apology-new-incident.json",
                        "\"batchItemFailures\":[]", null),
                new Case("closure", "ClosureFunction", ClosureTwin.class.getName(), "events/closure-sweep.json",
                        "\"resent\"", root.resolve("events/closure-action-link.json"))));
        if (!only.isEmpty()) cases.removeIf(c -> !only.contains(c.name()));
        for (Case c : cases) {
            Path jar = root.resolve(specs.get(c.logicalId()).codeUri());
            if (!Files.exists(jar)) {
                err.println(jar + " is not built: run ./mispost build first");
                return 1;
            }
        }
        RuntimeLayer layer = RuntimeLayer.of(root);
        String external = System.getenv("MISPOST_AWS_ENDPOINT");
        boolean local = external == null || external.isBlank();
        MotoServer moto = local ? MotoServer.start() : null;
        try (LocalAws aws = new LocalAws(local ? moto.endpoint() : external, local)) {
            aws.provision(template, "mispost-bench");
            SampleEvents.seed(aws, root.resolve("events"));
            out.printf(Locale.ROOT, "Mispost cold-start bench: %d cold starts per variant, %d warm invocations; %s%n",
                    runs, warm, layer.java());
            out.println("  each variant: its own JVM under AWS's runtime interface client, " + String.join(" ",
                    ExecutionEnvironment.jvmOptions(specs.values().iterator().next().memorySize())));
            out.println("  local AWS at " + aws.endpoint());
            Map<String, FunctionConfig[]> configs = new LinkedHashMap<>();
            for (Case c : cases) {
                TemplateModel.FunctionSpec f = specs.get(c.logicalId());
                Map<String, String> env = new LinkedHashMap<>(LocalRuntime.environment(template, f, aws, "http://127.0.0.1:3000"));
                env.put("MISPOST_AWS_ENDPOINT", aws.endpoint());
                Path jar = root.resolve(f.codeUri());
                FunctionConfig framework = config(f, f.handler(), jar, env, false);
                FunctionConfig twin = config(f, c.twin(), twinCode(jar, c.name(), work), env, false);
                configs.put(c.name(), new FunctionConfig[]{framework, twin});
            }
            // One discarded start of each variant, in pipeline order: it stores the post that detect
            // screens and opens the incident that apology drafts for, so later runs redo the same work.
            for (Case c : cases) {
                for (FunctionConfig fc : configs.get(c.name())) {
                    try (ExecutionEnvironment env = ExecutionEnvironment.start(fc, layer, line -> { })) {
                        String answer = env.invoke(Files.readString(root.resolve(c.event())));
                        if (!answer.contains(c.expect())) {
                            err.println(c.name() + " (" + fc.handler() + ") did not answer as expected: " + answer);
                            return 1;
                        }
                    }
                }
            }
            Map<String, List<Sample>> framework = new LinkedHashMap<>();
            Map<String, List<Sample>> twins = new LinkedHashMap<>();
            for (int r = 0; r < runs; r++) {
                for (Case c : cases) {
                    String event = Files.readString(root.resolve(c.event()));
                    // Alternate which goes first, so that neither always follows the other's disk and cache effects.
                    boolean twinFirst = r % 2 == 1;
                    for (int k = 0; k < 2; k++) {
                        boolean twin = twinFirst == (k == 0);
                        Sample s = cold(configs.get(c.name())[twin ? 1 : 0], layer, event);
                        (twin ? twins : framework).computeIfAbsent(c.name(), n -> new ArrayList<>()).add(s);
                    }
                }
                out.print(".");
                out.flush();
            }
            out.println();
            Map<String, Warm[]> warmRuns = new LinkedHashMap<>();
            if (warm > 0) {
                for (Case c : cases) {
                    FunctionConfig[] fc = configs.get(c.name());
                    warmRuns.put(c.name(), new Warm[]{warm(snapStart(fc[0]), layer, root, c, warm), warm(snapStart(fc[1]), layer, root, c, warm)});
                }
            }
            print(out, cases, specs, root, framework, twins, warmRuns);
            return 0;
        } finally {
            if (moto != null) moto.close();
        }
    }

    private static FunctionConfig config(TemplateModel.FunctionSpec f, String handler, Path code, Map<String, String> env,
                                         boolean snapStart) {
        return new FunctionConfig(f.logicalId(), handler, code, f.memorySize(), f.timeout(), env, snapStart, LocalAws.REGION,
                List.of(LocalAws.LOCAL_ACCESS_KEY, LocalAws.LOCAL_ACCESS_KEY), 1);
    }

    private static FunctionConfig snapStart(FunctionConfig c) {
        return new FunctionConfig(c.name(), c.handler(), c.codeJar(), c.memoryMb(), c.timeout(), c.environment(), true,
                c.region(), c.credentials(), 1);
    }

    private static Sample cold(FunctionConfig config, RuntimeLayer layer, String event) {
        try (ExecutionEnvironment env = ExecutionEnvironment.start(config, layer, line -> { })) {
            long t = System.nanoTime();
            env.invoke(event);
            double first = (System.nanoTime() - t) / 1e6;
            return new Sample(env.initDuration().toNanos() / 1e6, first, cpuMs(env.pid()), peakRssKb(env.pid()) / 1024.0);
        }
    }

    private static Warm warm(FunctionConfig config, RuntimeLayer layer, Path root, Case c, int count) {
        try (ExecutionEnvironment env = ExecutionEnvironment.start(config, layer, line -> { })) {
            String event = Files.readString(root.resolve(c.event()));
            long t = System.nanoTime();
            env.invoke(event);
            double first = (System.nanoTime() - t) / 1e6;
            double[] net = time(count, () -> env.invoke(event));
            double[] offline = null;
            if (c.offline() != null) {
                String other = Files.readString(c.offline());
                time(count, () -> env.invoke(other));      // its own warm-up
                offline = time(count, () -> env.invoke(other));
            }
            return new Warm(env.initDuration().toNanos() / 1e6, first, net, offline);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double[] time(int n, Supplier<?> call) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            call.get();
            t[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(t);
        return t;
    }

    /**
     * A task root for a twin: its classes at the top, the function's jar in lib/ (the managed
     * runtime puts both on the function's class path), so that it is started exactly as the function is.
     */
    private static Path twinCode(Path functionJar, String name, Path work) throws IOException {
        Path dir = work.resolve("twin-" + name);
        Path classes = codeSource(IntakeTwin.class);
        Path twins = classes.resolve(IntakeTwin.class.getPackageName().replace('.', '/'));
        Files.createDirectories(dir.resolve("lib"));
        Files.copy(functionJar, dir.resolve("lib").resolve(functionJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> files = Files.list(twins)) {
            for (Path f : files.toList()) {
                Path target = dir.resolve(classes.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // A task root is a jar's contents; ExecutionEnvironment lays out jars, so hand it one.
        Path jar = work.resolve("twin-" + name + ".jar");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar)); Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(dir.relativize(f).toString()));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static void print(PrintStream out, List<Case> cases, Map<String, TemplateModel.FunctionSpec> specs, Path root,
                              Map<String, List<Sample>> framework, Map<String, List<Sample>> twins,
                              Map<String, Warm[]> warmRuns) throws IOException {
        out.println();
        out.println("| function | init, Micronaut: median [p10-p90] | init, plain-Java twin | init ratio | first invocation (Micronaut / twin) | init + first, ratio | CPU time (Micronaut / twin) | SnapStart: init with priming + first event after restore (Micronaut / twin) | warm p50 / p99 with moto (Micronaut / twin) | warm p99 without network (Micronaut / twin) | artifact | peak RSS (Micronaut / twin) |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Case c : cases) {
            List<Sample> f = framework.get(c.name());
            List<Sample> t = twins.get(c.name());
            double fi = median(f, Sample::initMs);
            double ti = median(t, Sample::initMs);
            Warm[] w = warmRuns.get(c.name());
            long size = Files.size(root.resolve(specs.get(c.logicalId()).codeUri()));
            out.printf(Locale.ROOT, "| %s | %.0f ms [%.0f-%.0f] | %.0f ms [%.0f-%.0f] | %.2f | %.0f / %.0f ms | %.2f | %.0f / %.0f ms | %s | %s | %s | %.1f MiB | %.0f / %.0f MiB |%n",
                    c.name(), fi, pct(f, Sample::initMs, 10), pct(f, Sample::initMs, 90), ti, pct(t, Sample::initMs, 10),
                    pct(t, Sample::initMs, 90), fi / ti, median(f, Sample::firstMs), median(t, Sample::firstMs),
                    median(f, Sample::totalMs) / median(t, Sample::totalMs),
                    median(f, Sample::cpuMs), median(t, Sample::cpuMs),
                    w == null ? "-" : String.format(Locale.ROOT, "%.0f + %.0f ms; %.0f + %.0f ms", w[0].initMs(), w[0].firstMs(),
                            w[1].initMs(), w[1].firstMs()),
                    w == null ? "-" : String.format(Locale.ROOT, "%.2f / %.2f ms; %.2f / %.2f ms", Percentile.of(w[0].netMs(), 50),
                            Percentile.of(w[0].netMs(), 99), Percentile.of(w[1].netMs(), 50), Percentile.of(w[1].netMs(), 99)),
                    w == null || w[0].offlineMs() == null ? "-" : String.format(Locale.ROOT, "%.2f / %.2f ms",
                            Percentile.of(w[0].offlineMs(), 99), Percentile.of(w[1].offlineMs(), 99)),
                    size / 1048576.0, median(f, Sample::rssMb), median(t, Sample::rssMb));
        }
        out.println();
        out.println("init: process start to the runtime interface client's first request for an event (Lambda's Init Duration),");
        out.println("on demand (no SnapStart). first invocation: the event handed out to the answer posted back, with its AWS calls");
        out.println("to moto on this machine. Twin: the same work wired by hand, without Micronaut, started the same way.");
        out.println("SnapStart: AWS_LAMBDA_INITIALIZATION_TYPE=snap-start, so the client runs the CRaC before-checkpoint hooks");
        out.println("(priming), the restore handshake and the after-restore hooks before the first event (no real snapshot here).");
        out.println("warm without network: intake = an X CRC handshake; closure = an expired action link; both through the handler.");
    }

    private static double pct(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f, int p) {
        return Percentile.of(samples.stream().mapToDouble(f).sorted().toArray(), p);
    }

    /** CPU time of a process so far (user + system), from /proc in clock ticks of 10 ms; -1 where there is none. */
    private static double cpuMs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A process's peak resident set (VmHWM); -1 where there is no /proc. */
    private static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static Path codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + c.getName(), e);
        }
    }

    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
        return Percentile.of(samples.stream().mapToDouble(f).sorted().toArray(), 50);
    }
}
