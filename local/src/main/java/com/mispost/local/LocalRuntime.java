package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
    private final Map<String, LambdaInvoker> functions = new LinkedHashMap<>();
    private final List<LambdaInvoker> scheduled = new ArrayList<>();
    private ScheduledExecutorService scheduler;
    private LocalAws aws;
    private HttpApiServer api;
    private StaffInbox inbox;

    /**
     * @param template      template.yaml
     * @param port          the HTTP API's port (0: any free port)
     * @param scheduleEvery how often to fire scheduled functions; null: the template's rate
     * @param log           where the runtime's own lines go
     */
    public record Options(Path template, int port, Duration scheduleEvery, Consumer<String> log) {
    }

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
            MotoServer moto = MotoServer.start();
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

        Map<String, String> config = new LinkedHashMap<>();
        config.put("mispost.aws.endpoint", endpoint);
        config.put("aws.region", LocalAws.REGION);
        if (local) {
            config.put("aws.accessKeyId", LocalAws.LOCAL_ACCESS_KEY);
            config.put("aws.secretAccessKey", LocalAws.LOCAL_ACCESS_KEY);
        }
        for (TemplateModel.FunctionSpec f : template.functions()) {
            environment(template, f, aws, api.url()).forEach((name, value) ->
                    config.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value));
        }
        // Functions in one JVM share system properties: that is how they get their environment here.
        config.forEach(System::setProperty);

        for (TemplateModel.FunctionSpec f : template.functions()) {
            LambdaInvoker fn = new LambdaInvoker(f.logicalId(), f.handlerClass());
            functions.put(f.logicalId(), fn);
            f.routes().forEach(r -> api.route(r.method(), r.path(), fn));
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
                case "AWS::SNS::Topic" -> aws.topicArn;
                case "AWS::SQS::Queue" -> aws.queueUrls.get(ref);
                default -> template.parameterDefault(ref).orElse(null);
            };
        }
        return null;
    }

    /** Invokes the scheduled functions now with a ScheduledEvent, as EventBridge would. */
    public void fireSchedule() {
        for (LambdaInvoker fn : scheduled) {
            ObjectNode e = StreamRecordsJson.JSON.createObjectNode();
            e.put("version", "0");
            e.put("id", UUID.randomUUID().toString());
            e.put("detail-type", "Scheduled Event");
            e.put("source", "aws.events");
            e.put("account", "000000000000");
            e.put("time", Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"));
            e.put("region", LocalAws.REGION);
            e.putArray("resources").add("arn:aws:scheduler:" + LocalAws.REGION + ":000000000000:schedule/default/" + fn.functionName());
            e.putObject("detail");
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

    public LocalAws aws() {
        return aws;
    }

    public StaffInbox inbox() {
        return inbox;
    }

    public LambdaInvoker function(String logicalId) {
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
