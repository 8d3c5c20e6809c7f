package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mispost.local.lambda.FunctionConfig;
import com.mispost.local.lambda.LambdaFunction;
import com.mispost.local.lambda.RuntimeLayer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The suite on one machine: a local AWS (moto_server, or {@code MISPOST_AWS_ENDPOINT}), the
 * table, topic and queues from template.yaml, the HTTP API routes, the stream event source
 * mappings, the schedule, and staff's inbox. Everything it starts, it stops on close.
 */
public final class LocalRuntime implements AutoCloseable {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<StreamPoller> pollers = new ArrayList<>();
    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private final List<LambdaFunction> scheduled = new ArrayList<>();
    private ScheduledExecutorService scheduler;
    private LocalAws aws;
    private MotoServer moto;
    private HttpApiServer api;
    private StaffInbox inbox;

    /**
     * @param template      template.yaml
     * @param port          the HTTP API's port (0: any free port)
     * @param scheduleEvery how often to fire scheduled functions; null: the template's rate
     * @param log           where the runtime's own lines go
     * @param functionLog   where the functions' own output goes (their stdout and stderr, line by line)
     * @param environment   variables given to every function on top of the template's (as
     *                      {@code sam local --env-vars} does), e.g. the lifecycle's times for a demo
     * @param concurrency   how many execution environments each function may have at once; 0:
     *                      {@code MISPOST_LOCAL_CONCURRENCY}, else {@value #DEFAULT_CONCURRENCY}
     */
    public record Options(Path template, int port, Duration scheduleEvery, Consumer<String> log,
                          Consumer<String> functionLog, Map<String, String> environment, int concurrency) {
        public Options(Path template, int port, Duration scheduleEvery, Consumer<String> log) {
            this(template, port, scheduleEvery, log, log, Map.of(), 0);
        }

        public Options withEnvironment(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>(environment);
            all.putAll(more);
            return new Options(template, port, scheduleEvery, log, functionLog, all, concurrency);
        }

        public Options withFunctionLog(Consumer<String> to) {
            return new Options(template, port, scheduleEvery, log, to, environment, concurrency);
        }

        /** As a load test needs: each function may run this many events at once, as Lambda scales out. */
        public Options withConcurrency(int environments) {
            return new Options(template, port, scheduleEvery, log, functionLog, environment, environments);
        }
    }

    /** How many execution environments each function may have at once (its concurrency), locally. */
    static final int DEFAULT_CONCURRENCY = 2;

    public static LocalRuntime start(Options o) {
        LocalRuntime rt = new LocalRuntime();
        try {
            rt.boot(o);
            return rt;
        } catch (RuntimeException | IOException e) {
            rt.close();
            if (e instanceof IOException io) throw new UncheckedIOException(io);
            throw (RuntimeException) e;
        }
    }

    private void boot(Options o) throws IOException {
        TemplateModel template = TemplateModel.read(o.template());
        String external = System.getenv("MISPOST_AWS_ENDPOINT");
        String endpoint;
        boolean local = external == null || external.isBlank();
        if (local) {
            // The options' MISPOST_MOTO_* settings are moto's own (how many stream records it keeps, say).
            Map<String, String> motoSettings = new LinkedHashMap<>();
            o.environment().forEach((k, v) -> { if (k.startsWith("MISPOST_MOTO_")) motoSettings.put(k, v); });
            moto = MotoServer.start(motoSettings);
            toClose.add(moto);
            endpoint = moto.endpoint();
        } else {
            endpoint = external;
        }
        aws = new LocalAws(endpoint, local);
        toClose.add(aws);
        aws.provision(template, "mispost-local");
        api = new HttpApiServer(o.port(), o.log());
        toClose.add(api);

        RuntimeLayer layer = RuntimeLayer.of(root(o.template()));
        int concurrency = o.concurrency() > 0 ? o.concurrency()
                : Integer.parseInt(System.getenv().getOrDefault("MISPOST_LOCAL_CONCURRENCY", Integer.toString(DEFAULT_CONCURRENCY)));
        List<String> credentials = local ? List.of(LocalAws.LOCAL_ACCESS_KEY, LocalAws.LOCAL_ACCESS_KEY)
                : operatorCredentials();
        for (TemplateModel.FunctionSpec f : template.functions()) {
            Map<String, String> env = new LinkedHashMap<>(environment(template, f, aws, api.url()));
            env.putAll(passedThrough());
            env.putAll(o.environment());
            // The functions reach the local AWS through this (AwsClientFactory), not through AWS's own endpoints.
            env.put("MISPOST_AWS_ENDPOINT", endpoint);
            FunctionConfig config = new FunctionConfig(f.logicalId(), f.handler(), root(o.template()).resolve(f.codeUri()),
                    f.memorySize(), f.timeout(), env, f.snapStart(), LocalAws.REGION, credentials, concurrency);
            LambdaFunction fn = new LambdaFunction(config, layer, o.functionLog());
            toClose.add(fn);
            functions.put(f.logicalId(), fn);
        }
        warmAll();
        for (TemplateModel.FunctionSpec f : template.functions()) {
            LambdaFunction fn = functions.get(f.logicalId());
            f.routes().forEach(r -> api.route(r.method(), r.path(), fn));
            api.invocable(fn);
            for (TemplateModel.StreamSource s : f.streams()) {
                StreamPoller p = new StreamPoller(fn, s, aws.streams, aws.sqs, aws.streamArn,
                        s.onFailureQueue() == null ? null : aws.queueUrls.get(s.onFailureQueue()), LocalAws.REGION, o.log());
                pollers.add(p);
                thread(f.logicalId() + "-" + s.name(), p);
            }
            if (!f.schedules().isEmpty()) scheduled.add(fn);
        }
        inbox = new StaffInbox(aws.sqs, aws.inboxQueueUrl);
        thread("staff-inbox", inbox);
        api.localEndpoint("/local/inbox", inbox::toJson);
        api.start();
        if (!scheduled.isEmpty()) {
            Duration every = o.scheduleEvery() != null ? o.scheduleEvery()
                    : template.functions().stream().flatMap(f -> f.schedules().stream()).findFirst().orElseThrow().rate();
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "schedule");
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleAtFixedRate(() -> {
                try {
                    fireSchedule();
                } catch (RuntimeException e) {
                    o.log().accept("scheduled invocation failed: " + e);
                }
            }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The project folder: where template.yaml is. */
    private static Path root(Path template) {
        Path parent = template.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /**
     * One execution environment per function before the first event, started side by side: a
     * function that cannot start says so now, and the first webhook does not wait for four inits.
     */
    private void warmAll() {
        // Threads of their own: the common pool has one worker on a two-core machine.
        var starters = Executors.newFixedThreadPool(functions.size());
        try {
            List<CompletableFuture<Void>> inits = new ArrayList<>();
            for (LambdaFunction fn : functions.values()) inits.add(CompletableFuture.runAsync(fn::warm, starters));
            CompletableFuture.allOf(inits.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            starters.shutdown();
        }
    }

    /**
     * The operator's {@code MISPOST_*} settings that the functions read (lifecycle times, log
     * level, ...), passed to every function as a deployer would set them on it; the local-only
     * secrets and endpoint stay with the runtime.
     */
    private static Map<String, String> passedThrough() {
        Map<String, String> out = new LinkedHashMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("MISPOST_") && !k.startsWith("MISPOST_SECRET_") && !k.equals("MISPOST_META_VERIFY_TOKEN")
                    && !k.equals("MISPOST_AWS_ENDPOINT") && !k.equals("MISPOST_LOCAL_CONCURRENCY")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Against a real AWS endpoint: the operator's own keys from the environment, as the functions' role would be. */
    private static List<String> operatorCredentials() {
        String id = System.getenv("AWS_ACCESS_KEY_ID");
        String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        if (id == null || secret == null) {
            throw new IllegalStateException("MISPOST_AWS_ENDPOINT is set: give the functions credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
        return java.util.Arrays.asList(id, secret, System.getenv("AWS_SESSION_TOKEN"));
    }

    /**
     * A function's environment variables as the local runtime gives them: the template's, with
     * Refs to its own resources resolved to what was provisioned and parameters to their defaults.
     */
    public static Map<String, String> environment(TemplateModel template, TemplateModel.FunctionSpec f, LocalAws aws,
                                                  String publicUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        f.environment().forEach((name, value) -> {
            String resolved = resolve(template, aws, publicUrl, name, value);
            if (resolved != null) env.put(name, resolved);
        });
        return env;
    }

    private static String resolve(TemplateModel template, LocalAws aws, String publicUrl, String name, JsonNode value) {
        if (name.equals("MISPOST_PUBLIC_URL")) return publicUrl;
        if (value.isTextual()) return value.asText();
        if (value.has("Ref")) {
            String ref = value.get("Ref").asText();
            String type = template.resources().path(ref).path("Type").asText();
            return switch (type) {
                case "AWS::DynamoDB::Table" -> aws.tableName;
                case "AWS::SNS::Topic" -> aws.topicArns.get(ref);
                case "AWS::SQS::Queue" -> aws.queueUrls.get(ref);
                default -> template.parameterDefault(ref).orElse(null);
            };
        }
        return null;
    }

    /** Invokes the scheduled functions now with EventBridge Scheduler's event, as a ScheduleV2 target gets it. */
    public void fireSchedule() {
        for (LambdaFunction fn : scheduled) {
            ObjectNode e = StreamRecordsJson.JSON.createObjectNode();
            e.put("version", "0");
            e.put("id", UUID.randomUUID().toString());
            e.put("detail-type", "Scheduled Event");
            e.put("source", "aws.scheduler");
            e.put("account", "000000000000");
            e.put("time", Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"));
            e.put("region", LocalAws.REGION);
            e.putArray("resources").add("arn:aws:scheduler:" + LocalAws.REGION + ":000000000000:schedule/default/" + fn.functionName());
            e.put("detail", "{}");
            fn.invoke(e.toString());
        }
    }

    private void thread(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    public String apiUrl() {
        return api.url();
    }

    /** The processes this runtime runs: moto (when it started one) and every function's execution environments. */
    public List<Long> processIds() {
        List<Long> out = new ArrayList<>();
        if (moto != null) out.add(moto.pid());
        functions.values().forEach(f -> out.addAll(f.pids()));
        return out;
    }

    /** The resident memory of the moto this runtime started, in kB; -1 when it uses another endpoint. */
    public long motoResidentKb() {
        return moto == null ? -1 : moto.residentKb();
    }

    /** Every stream consumer invokes every {@code n}th batch twice, whole (see StreamPoller#retryWholeBatchesEvery). */
    public void retryWholeStreamBatchesEvery(int n) {
        pollers.forEach(p -> p.retryWholeBatchesEvery(n));
    }

    public LocalAws aws() {
        return aws;
    }

    public StaffInbox inbox() {
        return inbox;
    }

    public LambdaFunction function(String logicalId) {
        return functions.get(logicalId);
    }

    @Override
    public void close() {
        if (scheduler != null) scheduler.shutdownNow();
        pollers.forEach(StreamPoller::stop);
        if (inbox != null) inbox.stop();
        for (Thread t : threads) {
            try {
                t.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception ignored) {
                // best effort: everything else still gets closed
            }
        }
    }
}
