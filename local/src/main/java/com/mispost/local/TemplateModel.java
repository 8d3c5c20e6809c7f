package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of template.yaml the local runtime plays: the table, topic and queues it creates,
 * and each function's handler, environment and event sources. Read from the template itself so
 * that the local runtime and the deployed suite cannot drift apart.
 */
public final class TemplateModel {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|second|seconds|day|days)\\)");

    private final JsonNode root;

    private TemplateModel(JsonNode root) {
        this.root = root;
    }

    public static TemplateModel read(Path file) {
        try {
            return new TemplateModel(YAML.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public JsonNode resources() {
        return root.path("Resources");
    }

    /** The logical ids of resources of one type, in template order. */
    public List<String> resourcesOfType(String type) {
        List<String> out = new ArrayList<>();
        resources().fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().path("Type").asText())) out.add(e.getKey());
        });
        return out;
    }

    public JsonNode properties(String logicalId) {
        return resources().path(logicalId).path("Properties");
    }

    public Optional<String> parameterDefault(String name) {
        JsonNode d = root.path("Parameters").path(name).path("Default");
        return d.isMissingNode() ? Optional.empty() : Optional.of(d.asText());
    }

    public List<FunctionSpec> functions() {
        List<FunctionSpec> out = new ArrayList<>();
        for (String id : resourcesOfType("AWS::Serverless::Function")) {
            JsonNode p = properties(id);
            Map<String, JsonNode> env = new LinkedHashMap<>();
            root.path("Globals").path("Function").path("Environment").path("Variables").fields()
                    .forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
            p.path("Environment").path("Variables").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue()));
            List<HttpRoute> routes = new ArrayList<>();
            List<StreamSource> streams = new ArrayList<>();
            List<Schedule> schedules = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> events = p.path("Events").fields();
            while (events.hasNext()) {
                Map.Entry<String, JsonNode> e = events.next();
                JsonNode ep = e.getValue().path("Properties");
                switch (e.getValue().path("Type").asText()) {
                    case "HttpApi" -> routes.add(new HttpRoute(ep.path("Method").asText().toUpperCase(), ep.path("Path").asText()));
                    case "DynamoDB" -> {
                        List<String> patterns = new ArrayList<>();
                        ep.path("FilterCriteria").path("Filters").forEach(f -> patterns.add(f.path("Pattern").asText()));
                        boolean partial = false;
                        for (JsonNode t : ep.path("FunctionResponseTypes")) partial |= "ReportBatchItemFailures".equals(t.asText());
                        streams.add(new StreamSource(e.getKey(), patterns, ep.path("BatchSize").asInt(100),
                                ep.path("MaximumRetryAttempts").asInt(-1), partial,
                                ep.path("BisectBatchOnFunctionError").asBoolean(false),
                                logicalIdOf(ep.path("DestinationConfig").path("OnFailure").path("Destination"))));
                    }
                    case "Schedule", "ScheduleV2" -> schedules.add(new Schedule(e.getKey(),
                            rate(ep.path("ScheduleExpression").asText(ep.path("Schedule").asText()))));
                    default -> { }
                }
            }
            JsonNode globals = root.path("Globals").path("Function");
            int memory = p.path("MemorySize").asInt(globals.path("MemorySize").asInt(128));
            int timeout = p.path("Timeout").asInt(globals.path("Timeout").asInt(3));
            String snapStart = p.path("SnapStart").path("ApplyOn").asText(globals.path("SnapStart").path("ApplyOn").asText("None"));
            out.add(new FunctionSpec(id, p.path("Handler").asText(), p.path("CodeUri").asText(), memory, Duration.ofSeconds(timeout),
                    "PublishedVersions".equals(snapStart), env, routes, streams, schedules));
        }
        return out;
    }

    /** The logical id a {@code Ref} or {@code Fn::GetAtt} points at, or null. */
    static String logicalIdOf(JsonNode node) {
        if (node.has("Ref")) return node.get("Ref").asText();
        if (node.has("Fn::GetAtt")) return node.get("Fn::GetAtt").get(0).asText();
        return null;
    }

    static Duration rate(String expression) {
        Matcher m = RATE.matcher(expression.trim());
        if (!m.matches()) throw new IllegalArgumentException("the local runtime plays rate(...) schedules only, not " + expression);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "second", "seconds" -> Duration.ofSeconds(n);
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /**
     * One function as the template declares it, Globals applied (Lambda's defaults where neither
     * says: 128 MB, 3 s).
     *
     * @param snapStart SnapStart on published versions (what its alias invokes)
     */
    public record FunctionSpec(String logicalId, String handler, String codeUri, int memorySize, Duration timeout,
                               boolean snapStart, Map<String, JsonNode> environment,
                               List<HttpRoute> routes, List<StreamSource> streams, List<Schedule> schedules) {
        /** The handler's class name (the part before {@code ::}). */
        public String handlerClass() {
            int i = handler.indexOf("::");
            return i < 0 ? handler : handler.substring(0, i);
        }
    }

    public record HttpRoute(String method, String path) {
    }

    public record StreamSource(String name, List<String> filterPatterns, int batchSize, int maximumRetryAttempts,
                               boolean reportBatchItemFailures, boolean bisectOnError, String onFailureQueue) {
    }

    public record Schedule(String name, Duration rate) {
    }
}
