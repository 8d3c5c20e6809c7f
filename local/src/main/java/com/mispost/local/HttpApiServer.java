package com.mispost.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mispost.local.lambda.FunctionError;
import com.mispost.local.lambda.LambdaFunction;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
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
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Plays the HTTP API: the template's routes on localhost, each request turned into an API
 * Gateway payload 2.0 event for the same handler class that runs in Lambda.
 */
public final class HttpApiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** API Gateway's own limit on a request payload. */
    private static final int MAX_PAYLOAD = 10 * 1024 * 1024;

    static {
        // The JDK's server writes headers and body separately; with Nagle's algorithm and the peer's
        // delayed ACK each answer then waits ~40 ms (measured: 90 ms an invocation, 3-5 ms without).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Supplier<String>> localJson = new LinkedHashMap<>();
    private final Map<String, LambdaFunction> invocable = new LinkedHashMap<>();
    private final Consumer<String> log;

    record Route(String method, String[] segments, String routeKey, LambdaFunction function) {
    }

    public HttpApiServer(int port, Consumer<String> log) throws IOException {
        this.log = log;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::serve);
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
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void serve(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getRawPath();
            String method = x.getRequestMethod().toUpperCase();
            if (method.equals("GET") && localJson.containsKey(path)) {
                send(x, 200, Map.of("Content-Type", "application/json"), localJson.get(path).get().getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body = readBody(x.getRequestBody());
            if (body == null) {
                send(x, 413, Map.of("Content-Type", "application/json"), "{\"message\":\"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (method.equals("POST") && path.startsWith(INVOKE_PREFIX) && path.endsWith("/invocations")) {
                invoke(x, path.substring(INVOKE_PREFIX.length(), path.length() - "/invocations".length()), body);
                return;
            }
            for (Route r : routes) {
                Map<String, String> params = match(r, method, path);
                if (params == null) continue;
                String answer;
                try {
                    answer = r.function().invoke(event(x, r, params, body).toString());
                } catch (RuntimeException e) {
                    // As API Gateway does when the function fails: no detail reaches the caller.
                    log.accept(r.function().functionName() + " failed: " + e);
                    send(x, 500, Map.of("Content-Type", "application/json"), "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                respond(x, JSON.readTree(answer));
                return;
            }
            send(x, 404, Map.of("Content-Type", "application/json"), "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final String INVOKE_PREFIX = "/2015-03-31/functions/";

    /** Lambda's Invoke (RequestResponse): the answer, or the error with X-Amz-Function-Error as Lambda sets it. */
    private void invoke(HttpExchange x, String nameOrArn, byte[] event) throws IOException {
        String decoded = java.net.URLDecoder.decode(nameOrArn, StandardCharsets.UTF_8);
        LambdaFunction fn = invocable.get(decoded.substring(decoded.lastIndexOf(':') + 1));
        if (fn == null) {
            send(x, 404, Map.of("Content-Type", "application/json", "X-Amzn-ErrorType", "ResourceNotFoundException"),
                    ("{\"Type\":\"User\",\"message\":\"Function not found: " + decoded + "\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            send(x, 200, Map.of("Content-Type", "application/json"), fn.invoke(new String(event, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
        } catch (FunctionError e) {
            ObjectNode error = JSON.createObjectNode().put("errorType", e.errorType()).put("errorMessage", e.getMessage());
            send(x, 200, Map.of("Content-Type", "application/json", "X-Amz-Function-Error", "Unhandled"),
                    error.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] data = in.readNBytes(MAX_PAYLOAD + 1);
        return data.length > MAX_PAYLOAD ? null : data;
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

    private ObjectNode event(HttpExchange x, Route r, Map<String, String> params, byte[] body) {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "2.0");
        e.put("routeKey", r.routeKey());
        e.put("rawPath", x.getRequestURI().getRawPath());
        String rawQuery = x.getRequestURI().getRawQuery();
        e.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        ObjectNode headers = e.putObject("headers");
        x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
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
        http.put("method", x.getRequestMethod().toUpperCase());
        http.put("path", x.getRequestURI().getRawPath());
        http.put("protocol", x.getProtocol());
        http.put("sourceIp", x.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", x.getRequestHeaders().getFirst("User-Agent") == null ? "" : x.getRequestHeaders().getFirst("User-Agent"));
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

    private static void respond(HttpExchange x, JsonNode answer) throws IOException {
        int status = answer.path("statusCode").asInt(200);
        Map<String, String> headers = new LinkedHashMap<>();
        answer.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        String body = answer.path("body").isMissingNode() || answer.path("body").isNull() ? "" : answer.path("body").asText();
        byte[] bytes = answer.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        send(x, status, headers, bytes);
    }

    private static void send(HttpExchange x, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> x.getResponseHeaders().add(k, v));
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
