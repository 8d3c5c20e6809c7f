package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mispost.local.lambda.FunctionError;
import com.mispost.local.lambda.LambdaFunction;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Plays the HTTP API: the template's routes on localhost, each request turned into an API
 * Gateway payload 2.0 event for the same handler class that runs in Lambda. The connections are
 * {@link BoundedHttpServer}'s: slow or stalled clients time out without holding a worker.
 */
public final class HttpApiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BoundedHttpServer server;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Supplier<String>> localJson = new LinkedHashMap<>();
    private final Map<String, LambdaFunction> invocable = new LinkedHashMap<>();
    private final Consumer<String> log;

    record Route(String method, String[] segments, String routeKey, LambdaFunction function) {
    }

    public HttpApiServer(int port, Consumer<String> log) throws IOException {
        this(port, log, BoundedHttpServer.Limits.DEFAULT);
    }

    HttpApiServer(int port, Consumer<String> log, BoundedHttpServer.Limits limits) throws IOException {
        this.log = log;
        server = new BoundedHttpServer(port, limits, this::serve, log);
    }

    public void route(String method, String path, LambdaFunction function) {
        routes.add(new Route(method, path.substring(1).split("/"), method + " " + path, function));
    }

    /**
     * Makes a function callable through Lambda's own Invoke API
     * ({@code POST /2015-03-31/functions/{name}/invocations}), as {@code ./mispost failures redrive}
     * calls it on AWS; local-only, like the inbox.
     */
    public void invocable(LambdaFunction function) {
        invocable.put(function.functionName(), function);
    }

    /** A local-only JSON endpoint (not part of the deployed API), e.g. GET /local/inbox. */
    public void localEndpoint(String path, Supplier<String> json) {
        localJson.put(path, json);
    }

    public void start() {
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private BoundedHttpServer.Response serve(BoundedHttpServer.Request x) throws IOException {
        String path = x.rawPath();
        String method = x.method();
        if (method.equals("GET") && localJson.containsKey(path)) {
            return json(200, localJson.get(path).get());
        }
        if (method.equals("POST") && path.startsWith(INVOKE_PREFIX) && path.endsWith("/invocations")) {
            return invoke(path.substring(INVOKE_PREFIX.length(), path.length() - "/invocations".length()), x.body());
        }
        for (Route r : routes) {
            Map<String, String> params = match(r, method, path);
            if (params == null) continue;
            String answer;
            try {
                answer = r.function().invoke(event(x, r, params).toString());
            } catch (RuntimeException e) {
                // As API Gateway does when the function fails: no detail reaches the caller.
                log.accept(r.function().functionName() + " failed: " + e);
                return json(500, "{\"message\":\"Internal Server Error\"}");
            }
            return respond(JSON.readTree(answer));
        }
        return json(404, "{\"message\":\"Not Found\"}");
    }

    private static BoundedHttpServer.Response json(int status, String body) {
        return json(status, Map.of(), body);
    }

    private static BoundedHttpServer.Response json(int status, Map<String, String> extra, String body) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Content-Type", "application/json");
        return new BoundedHttpServer.Response(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static final String INVOKE_PREFIX = "/2015-03-31/functions/";

    /** Lambda's Invoke (RequestResponse): the answer, or the error with X-Amz-Function-Error as Lambda sets it. */
    private BoundedHttpServer.Response invoke(String nameOrArn, byte[] event) {
        String decoded = java.net.URLDecoder.decode(nameOrArn, StandardCharsets.UTF_8);
        LambdaFunction fn = invocable.get(decoded.substring(decoded.lastIndexOf(':') + 1));
        if (fn == null) {
            return json(404, Map.of("X-Amzn-ErrorType", "ResourceNotFoundException"),
                    JSON.createObjectNode().put("Type", "User").put("message", "Function not found: " + decoded).toString());
        }
        try {
            return json(200, fn.invoke(new String(event, StandardCharsets.UTF_8)));
        } catch (FunctionError e) {
            ObjectNode error = JSON.createObjectNode().put("errorType", e.errorType()).put("errorMessage", e.getMessage());
            return json(200, Map.of("X-Amz-Function-Error", "Unhandled"), error.toString());
        }
    }

    private static Map<String, String> match(Route r, String method, String rawPath) {
        if (!r.method().equals(method) && !r.method().equals("ANY")) return null;
        String[] parts = rawPath.substring(1).split("/", -1);
        if (parts.length != r.segments().length) return null;
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String seg = r.segments()[i];
            if (seg.startsWith("{") && seg.endsWith("}")) {
                if (parts[i].isEmpty()) return null;
                params.put(seg.substring(1, seg.length() - 1), java.net.URLDecoder.decode(parts[i], StandardCharsets.UTF_8));
            } else if (!seg.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private ObjectNode event(BoundedHttpServer.Request x, Route r, Map<String, String> params) {
        byte[] body = x.body();
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "2.0");
        e.put("routeKey", r.routeKey());
        e.put("rawPath", x.rawPath());
        String rawQuery = x.rawQuery();
        e.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        ObjectNode headers = e.putObject("headers");
        x.headers().forEach((k, v) -> headers.put(k, String.join(",", v)));
        if (rawQuery != null && !rawQuery.isEmpty()) {
            ObjectNode q = e.putObject("queryStringParameters");
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.put(k, q.has(k) ? q.get(k).asText() + "," + v : v);
            }
        }
        ObjectNode pp = e.putObject("pathParameters");
        params.forEach(pp::put);
        ObjectNode ctx = e.putObject("requestContext");
        ctx.put("accountId", "000000000000");
        ctx.put("apiId", "local");
        ctx.put("domainName", "127.0.0.1");
        ctx.put("domainPrefix", "local");
        ObjectNode http = ctx.putObject("http");
        http.put("method", x.method());
        http.put("path", x.rawPath());
        http.put("protocol", x.protocol());
        http.put("sourceIp", x.sourceIp());
        http.put("userAgent", x.header("User-Agent") == null ? "" : x.header("User-Agent"));
        ctx.put("requestId", UUID.randomUUID().toString());
        ctx.put("routeKey", r.routeKey());
        ctx.put("stage", "$default");
        ctx.put("timeEpoch", Instant.now().toEpochMilli());
        if (body.length > 0) {
            String text = utf8(body);
            // Like API Gateway, bodies that are not text arrive base64-encoded, so no byte is altered.
            if (text != null) {
                e.put("body", text);
                e.put("isBase64Encoded", false);
            } else {
                e.put("body", Base64.getEncoder().encodeToString(body));
                e.put("isBase64Encoded", true);
            }
        } else {
            e.put("isBase64Encoded", false);
        }
        return e;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static BoundedHttpServer.Response respond(JsonNode answer) {
        int status = answer.path("statusCode").asInt(200);
        Map<String, String> headers = new LinkedHashMap<>();
        answer.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        String body = answer.path("body").isMissingNode() || answer.path("body").isNull() ? "" : answer.path("body").asText();
        byte[] bytes = answer.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        return new BoundedHttpServer.Response(status, headers, bytes);
    }

    @Override
    public void close() {
        server.close();
    }
}
