package com.mispost.intake;

/** What intake answers: a status, a content type and a short body a person can read. */
public record WebhookResponse(int status, String contentType, String body) {

    public static WebhookResponse json(int status, String json) {
        return new WebhookResponse(status, "application/json", json);
    }

    /** A JSON error body: {"error": message}. The message is for people; never a stack trace. */
    public static WebhookResponse error(int status, String message) {
        return json(status, "{\"error\":" + JsonText.quote(message) + "}");
    }
}
