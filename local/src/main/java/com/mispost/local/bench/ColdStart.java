package com.mispost.local.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mispost.account.Account;
import com.mispost.account.AccountPolicy;
import com.mispost.lambda.StreamImages;
import com.mispost.local.LocalAws;
import com.mispost.local.LocalRuntime;
import com.mispost.local.MotoServer;
import com.mispost.local.TemplateModel;
import com.mispost.local.bench.twins.ApologyTwin;
import com.mispost.local.bench.twins.ClosureTwin;
import com.mispost.local.bench.twins.DetectTwin;
import com.mispost.local.bench.twins.IntakeTwin;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./mispost bench coldstart}: for each function, starts fresh JVMs with the function's
 * artifact alone (plus {@link FunctionLauncher} and the Lambda runtime's serialization library)
 * on the class path, hands each its sample event from events/ and times the whole process, fork
 * to exit, including the first real round trips to a local AWS (moto). Beside each function, in
 * the same run and interleaved with it, the same is measured for its plain-Java twin (no
 * Micronaut, same SDK clients and domain objects), so that the ratio holds on a noisy machine.
 * Then one more JVM per variant measures warm invocations: with the network (moto over
 * loopback), and on a path without any network call.
 */
public final class ColdStart {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");
    static final String USAGE = """
            usage: ./mispost bench coldstart [--runs N] [--warm N] [--only intake,detect,...] [--java PATH] [--jvm "OPTIONS"]
              --runs N     cold starts per function and per twin (default 10)
              --warm N     warm invocations per variant, after the first (default 200; 0: skip)
              --java PATH  the java launcher for the child JVMs (default: the one running this)
              --jvm "..."  the child JVMs' options (default: as the Lambda java21 runtime: %s)
            """;
    /** What the Lambda Java runtime starts its JVM with, give or take (tiered C1, serial GC, CDS). */
    static final String LAMBDA_LIKE_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -XX:MaxRAM=1024m";

    /** One function with its sample event, its twin, what a good answer contains, and its network-free path. */
    record Case(String name, String logicalId, String twin, String event, String expect, String offline) {
    }

    record Sample(double wallMs, double initMs, double firstMs, long rssKb, Map<String, String> fields, String output) {
    }

    private ColdStart() {
    }

    /** Until the command line wires {@code bench coldstart}: {@code java -cp ... com.mispost.local.bench.ColdStart [options]}. */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        int runs = 10;
        int warm = 200;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jvm = LAMBDA_LIKE_OPTIONS;
        List<String> only = List.of();
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--runs" -> runs = Integer.parseInt(args.get(++i));
                    case "--warm" -> warm = Integer.parseInt(args.get(++i));
                    case "--java" -> java = args.get(++i);
                    case "--jvm" -> jvm = args.get(++i);
                    case "--only" -> only = List.of(args.get(++i).split(","));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
        } catch (RuntimeException e) {
            err.println(e instanceof IndexOutOfBoundsException ? "an option is missing its value" : e.getMessage());
            err.printf(USAGE, LAMBDA_LIKE_OPTIONS);
            return 2;
        }
        try {
            return new ColdStart().measure(runs, warm, java, List.of(jvm.trim().split("\\s+")), only, out, err);
        } catch (IOException | RuntimeException e) {
            err.println("bench coldstart failed: " + e.getMessage());
            return 1;
        }
    }

    private int measure(int runs, int warm, String java, List<String> jvm, List<String> only, PrintStream out,
                        PrintStream err) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        TemplateModel template = TemplateModel.read(root.resolve("template.yaml"));
        Map<String, TemplateModel.FunctionSpec> specs = new LinkedHashMap<>();
        template.functions().forEach(f -> specs.put(f.logicalId(), f));
        Path work = Files.createTempDirectory("mispost-coldstart-");
        List<Case> cases = new ArrayList<>(List.of(
                new Case("intake", "IntakeFunction", IntakeTwin.class.getName(), "events/intake-generic-post.json",
                        "\"statusCode\":200", xCrcHandshake(root, work).toString()),
                new Case("detect", "DetectFunction", DetectTwin.class.getName(), "events/detect-new-post.json",
                        "\"batchItemFailures\":[]", "domain:detect"),
                new Case("apology", "ApologyFunction", ApologyTwin.class.getName(), "events/apology-new-incident.json",
                        "\"batchItemFailures\":[]", "domain:apology"),
                new Case("closure", "ClosureFunction", ClosureTwin.class.getName(), "events/closure-sweep.json",
                        "\"resent\"", root.resolve("events/closure-action-link.json").toString())));
        if (!only.isEmpty()) cases.removeIf(c -> !only.contains(c.name()));
        for (Case c : cases) {
            Path jar = root.resolve(specs.get(c.logicalId()).codeUri());
            if (!Files.exists(jar)) {
                err.println(jar + " is not built: run ./mispost build first");
                return 1;
            }
        }
        String launcher = codeSource(ColdStart.class);
        String serialization = codeSource(LambdaEventSerializers.class);

        String external = System.getenv("MISPOST_AWS_ENDPOINT");
        boolean local = external == null || external.isBlank();
        MotoServer moto = local ? MotoServer.start() : null;
        try (LocalAws aws = new LocalAws(local ? moto.endpoint() : external, local)) {
            aws.provision(template, "mispost-bench");
            seed(aws, root);
            out.printf(Locale.ROOT, "Mispost cold-start bench: %d cold starts per variant, %d warm invocations; java %s%n",
                    runs, warm, java);
            out.println("  child JVM options: " + String.join(" ", jvm));
            out.println("  class path of each child: <function artifact>:" + launcher + ":" + serialization);
            out.println("  local AWS at " + aws.endpoint());

            Map<String, Map<String, String>> envs = new LinkedHashMap<>();
            for (Case c : cases) {
                Map<String, String> env = new LinkedHashMap<>(LocalRuntime.environment(template, specs.get(c.logicalId()),
                        aws, "http://127.0.0.1:3000"));
                env.put("MISPOST_AWS_ENDPOINT", aws.endpoint());
                env.put("AWS_REGION", LocalAws.REGION);
                env.put("AWS_ACCESS_KEY_ID", LocalAws.LOCAL_ACCESS_KEY);
                env.put("AWS_SECRET_ACCESS_KEY", LocalAws.LOCAL_ACCESS_KEY);
                env.put("AWS_LAMBDA_FUNCTION_NAME", c.logicalId());
                env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
                env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
                envs.put(c.name(), env);
            }
            // One discarded start of each variant, in pipeline order: it stores the post that detect
            // screens and opens the incident that apology drafts for, so later runs redo the same work.
            for (Case c : cases) {
                for (String handler : List.of(specs.get(c.logicalId()).handlerClass(), c.twin())) {
                    Sample s = launch(java, jvm, classPath(root, specs.get(c.logicalId()), launcher, serialization),
                            envs.get(c.name()), List.of(handler, root.resolve(c.event()).toString()), work);
                    String answer = s.fields().getOrDefault("answer", "");
                    if (!s.fields().containsKey("answer") || !answer.contains(c.expect())) {
                        err.println(c.name() + " (" + handler + ") did not answer as expected:\n" + s.output());
                        return 1;
                    }
                }
            }
            Map<String, List<Sample>> framework = new LinkedHashMap<>();
            Map<String, List<Sample>> twins = new LinkedHashMap<>();
            for (int r = 0; r < runs; r++) {
                for (Case c : cases) {
                    String cp = classPath(root, specs.get(c.logicalId()), launcher, serialization);
                    List<String> event = List.of(root.resolve(c.event()).toString());
                    // Alternate which goes first, so that neither always follows the other's disk and cache effects.
                    boolean twinFirst = r % 2 == 1;
                    for (int k = 0; k < 2; k++) {
                        boolean twin = twinFirst == (k == 0);
                        String handler = twin ? c.twin() : specs.get(c.logicalId()).handlerClass();
                        Sample s = launch(java, jvm, cp, envs.get(c.name()), concat(handler, event), work);
                        (twin ? twins : framework).computeIfAbsent(c.name(), n -> new ArrayList<>()).add(s);
                    }
                }
                out.print(".");
                out.flush();
            }
            out.println();
            Map<String, Sample> warmFramework = new LinkedHashMap<>();
            Map<String, Sample> warmTwin = new LinkedHashMap<>();
            if (warm > 0) {
                for (Case c : cases) {
                    String cp = classPath(root, specs.get(c.logicalId()), launcher, serialization);
                    List<String> rest = List.of(root.resolve(c.event()).toString(), Integer.toString(warm), c.offline());
                    warmFramework.put(c.name(), launch(java, jvm, cp, envs.get(c.name()),
                            concat(specs.get(c.logicalId()).handlerClass(), rest), work));
                    warmTwin.put(c.name(), launch(java, jvm, cp, envs.get(c.name()), concat(c.twin(), rest), work));
                }
            }
            print(out, cases, specs, root, framework, twins, warmFramework, warmTwin);
            return 0;
        } finally {
            if (moto != null) moto.close();
        }
    }

    private static void print(PrintStream out, List<Case> cases, Map<String, TemplateModel.FunctionSpec> specs, Path root,
                              Map<String, List<Sample>> framework, Map<String, List<Sample>> twins,
                              Map<String, Sample> warmFramework, Map<String, Sample> warmTwin) throws IOException {
        out.println();
        out.println("| function | cold, Micronaut: median [p10-p90] | cold, plain-Java twin | ratio | init + first event | CPU time (Micronaut / twin) | classes loaded | SnapStart stand-in: priming + first event (Micronaut / twin) | warm p50 / p99 with moto (Micronaut / twin) | warm p99 without network (Micronaut / twin) | artifact | peak RSS (Micronaut / twin) |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Case c : cases) {
            List<Sample> f = framework.get(c.name());
            List<Sample> t = twins.get(c.name());
            double fm = median(f, Sample::wallMs);
            double tm = median(t, Sample::wallMs);
            Sample wf = warmFramework.get(c.name());
            Sample wt = warmTwin.get(c.name());
            long size = Files.size(root.resolve(specs.get(c.logicalId()).codeUri()));
            String offline = c.offline().startsWith("domain:") ? "domain path " : "handler ";
            out.printf(Locale.ROOT, "| %s | %.0f ms [%.0f-%.0f] | %.0f ms [%.0f-%.0f] | %.2f | %.0f + %.0f ms | %.0f / %.0f ms | %.0f / %.0f | %s | %s | %s | %.1f MiB | %.0f / %.0f MiB |%n",
                    c.name(), fm, pct(f, 10), pct(f, 90), tm, pct(t, 10), pct(t, 90), fm / tm,
                    median(f, Sample::initMs), median(f, Sample::firstMs),
                    median(f, s -> num(s, "cpu_ms")), median(t, s -> num(s, "cpu_ms")),
                    median(f, s -> num(s, "classes")), median(t, s -> num(s, "classes")),
                    wf == null ? "-" : wf.fields().get("prime_ms") + " + " + wf.fields().get("first_ms") + " ms; "
                            + wt.fields().get("prime_ms") + " + " + wt.fields().get("first_ms") + " ms",
                    wf == null ? "-" : wf.fields().get("net_p50_ms") + " / " + wf.fields().get("net_p99_ms") + " ms; "
                            + wt.fields().get("net_p50_ms") + " / " + wt.fields().get("net_p99_ms") + " ms",
                    wf == null ? "-" : offline + wf.fields().get("offline_p99_ms") + " / " + wt.fields().get("offline_p99_ms") + " ms",
                    size / 1048576.0, median(f, s -> s.rssKb() / 1024.0), median(t, s -> s.rssKb() / 1024.0));
        }
        out.println();
        out.println("cold: fork to exit of a fresh JVM that constructs the handler, decodes the sample event and answers it,");
        out.println("with its AWS calls to moto on this machine. Twin: the same work wired by hand, without Micronaut.");
        out.println("ratio: Micronaut median / twin median. CPU time and classes loaded: medians, whole process (JIT, GC included).");
        out.println("SnapStart stand-in: in the warm JVM, the handler's CRaC beforeCheckpoint (priming) runs after init, then the");
        out.println("first event is timed: roughly what the first event after a snapshot restore costs (restore itself not included).");
        out.println("warm without network: intake = an X CRC handshake through the handler; closure = an expired action link");
        out.println("through the handler; detect, apology = the domain path (stream decode, item read, assess/compose, notice).");
    }

    /**
     * The seed the sample events need: the watched X account (publishing through Hootsuite as a
     * rule) and the incident the apology sample announces, stored as its stream image shows it.
     */
    private static void seed(LocalAws aws, Path root) throws IOException {
        new DynamoDbAccountRegistry(aws.dynamo, aws.tableName).save(new Account(
                new AccountKey(Platform.X, "1460000000000000001"), "Larkspur Coffee", ZoneId.of("America/Chicago"),
                LocalTime.of(7, 0), LocalTime.of(19, 0), Set.of("Hootsuite"), Set.of("larkspur.social"),
                AccountPolicy.DEFAULT));
        DynamodbEvent incident = LambdaEventSerializers.serializerFor(DynamodbEvent.class, ColdStart.class.getClassLoader())
                .fromJson(Files.readString(root.resolve("events/apology-new-incident.json")));
        aws.dynamo.putItem(p -> p.tableName(aws.tableName).item(StreamImages.newImage(incident.getRecords().get(0))));
    }

    /** An X CRC check (GET ?crc_token=) for the intake function: answered from the cached secret, no network. */
    private static Path xCrcHandshake(Path root, Path work) throws IOException {
        ObjectNode e = (ObjectNode) JSON.readTree(root.resolve("events/intake-generic-post.json").toFile());
        e.put("routeKey", "GET /webhooks/{platform}");
        e.put("rawPath", "/webhooks/x");
        e.put("rawQueryString", "crc_token=bench-challenge");
        e.remove("body");
        e.putObject("pathParameters").put("platform", "x");
        ObjectNode http = (ObjectNode) e.path("requestContext").path("http");
        http.put("method", "GET");
        http.put("path", "/webhooks/x");
        Path file = work.resolve("intake-x-crc.json");
        Files.writeString(file, e.toString());
        return file;
    }

    private static Sample launch(String java, List<String> jvm, String classPath, Map<String, String> env,
                                 List<String> launcherArgs, Path work) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvm);
        command.addAll(List.of("-cp", classPath, FunctionLauncher.class.getName()));
        command.addAll(launcherArgs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("MISPOST_") || k.startsWith("AWS_")
                || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS") || k.equals("CLASSPATH"));
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("a child JVM did not finish in 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted", e);
        }
        double wall = (System.nanoTime() - start) / 1e6;
        String text = new String(output, StandardCharsets.UTF_8);
        String line = text.lines().filter(l -> l.startsWith("init_ms=")).findFirst().orElse(null);
        if (line == null || p.exitValue() != 0) {
            throw new IllegalStateException(launcherArgs.get(0) + " failed (exit " + p.exitValue() + "):\n" + text);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        int answerAt = line.indexOf(" answer=");
        Matcher m = FIELD.matcher(answerAt < 0 ? line : line.substring(0, answerAt));
        while (m.find()) fields.put(m.group(1), m.group(2));
        if (answerAt >= 0) fields.put("answer", line.substring(answerAt + " answer=".length()));
        return new Sample(wall, Double.parseDouble(fields.get("init_ms")), Double.parseDouble(fields.get("first_ms")),
                Long.parseLong(fields.get("rss_kb")), fields, text);
    }

    private static String classPath(Path root, TemplateModel.FunctionSpec f, String launcher, String serialization) {
        return String.join(File.pathSeparator, root.resolve(f.codeUri()).toString(), launcher, serialization);
    }

    private static String codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + c.getName(), e);
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
        return percentile(samples.stream().mapToDouble(f).sorted().toArray(), 50);
    }

    private static double num(Sample s, String field) {
        return Double.parseDouble(s.fields().get(field));
    }

    private static double pct(List<Sample> samples, int p) {
        return percentile(samples.stream().mapToDouble(Sample::wallMs).sorted().toArray(), p);
    }

    /** Nearest-rank percentile of sorted values; the median of an even count is the mean of the middle two. */
    static double percentile(double[] sorted, int p) {
        if (p == 50 && sorted.length % 2 == 0) return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
