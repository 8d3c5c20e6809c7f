package com.mispost.intake;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request to a webhook route, free of any AWS event type.
 *
 * @param method   GET or POST
 * @param platform the {platform} path segment, as given
 * @param query    decoded query parameters (first value of each)
 * @param headers  headers, looked up case-insensitively
 * @param body     the raw body bytes exactly as delivered (signatures are over these)
 */
public record WebhookRequest(String method, String platform, Map<String, String> query,
                             Map<String, String> headers, byte[] body) {

    public WebhookRequest {
        query = query == null ? Map.of() : Map.copyOf(query);
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) h.putAll(headers);
        headers = h;
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }

    public boolean isGet() {
        return "GET".equals(method.toUpperCase(Locale.ROOT));
    }
}
