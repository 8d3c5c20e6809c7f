package com.mispost.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/** What intake answers: a status, a content type and a short body a person can read. */
public record WebhookResponse(int status, String contentType, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON object, written by Jackson from the map (in its order). */
    public static WebhookResponse json(int status, Map<String, ?> body) {
        try {
            return new WebhookResponse(status, "application/json", JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an answer of strings, numbers, booleans and lists of them always writes", e);
        }
    }

    /** A JSON error body: {"error": message}. The message is for people; never a stack trace. */
    public static WebhookResponse error(int status, String message) {
        return json(status, Map.of("error", message));
    }
}
