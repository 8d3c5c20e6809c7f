package com.mispost.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads API Gateway HTTP API (payload 2.0) events and writes their responses. */
public final class HttpEvents {
    private HttpEvents() {
    }

    /** The body exactly as the client sent it (API Gateway base64-encodes binary and some text bodies). */
    public static byte[] body(APIGatewayV2HTTPEvent e) {
        if (e.getBody() == null) return new byte[0];
        return e.getIsBase64Encoded() ? Base64.getMimeDecoder().decode(e.getBody())
                : e.getBody().getBytes(StandardCharsets.UTF_8);
    }

    public static String method(APIGatewayV2HTTPEvent e) {
        return e.getRequestContext() != null && e.getRequestContext().getHttp() != null
                ? e.getRequestContext().getHttp().getMethod() : "GET";
    }

    public static String pathParameter(APIGatewayV2HTTPEvent e, String name) {
        return e.getPathParameters() == null ? null : e.getPathParameters().get(name);
    }

    /**
     * Query parameters from {@code rawQueryString}, decoded, first value of each: the parsed
     * {@code queryStringParameters} joins repeated values with commas, which would corrupt signatures.
     */
    public static Map<String, String> query(APIGatewayV2HTTPEvent e) {
        return formOrQuery(e.getRawQueryString());
    }

    /** Decodes {@code a=1&b=2} (a query string or an HTML form body); first value of each name wins. */
    public static Map<String, String> formOrQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    public static Map<String, String> headers(APIGatewayV2HTTPEvent e) {
        return e.getHeaders() == null ? Map.of() : e.getHeaders();
    }

    public static APIGatewayV2HTTPResponse response(int status, String contentType, String body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", contentType, "Cache-Control", "no-store",
                        "X-Content-Type-Options", "nosniff"))
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
