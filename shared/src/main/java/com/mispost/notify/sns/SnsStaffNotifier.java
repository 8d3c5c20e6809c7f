package com.mispost.notify.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.notify.ChatForm;
import com.mispost.notify.Notice;
import com.mispost.notify.StaffNotifier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes notices to the staff topic: one message with a text per protocol (email gets the
 * full body, SMS the short form) and attributes that subscriptions filter on.
 */
public final class SnsStaffNotifier implements StaffNotifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** SNS subjects: ASCII-printable, at most 100 characters. */
    private static final int SUBJECT_MAX = 100;

    private final SnsClient sns;
    private final String topicArn;

    public SnsStaffNotifier(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(Notice notice) throws NotDeliveredException {
        publish(sns, topicArn, notice.subject(), message(notice), attributes(notice), "notice " + notice.id());
    }

    /** One message with a text per protocol ({@code perProtocol} JSON); the staff and ops notifiers both send this way. */
    static void publish(SnsClient sns, String topicArn, String subject, String perProtocol,
                        Map<String, MessageAttributeValue> attributes, String what) throws NotDeliveredException {
        try {
            sns.publish(p -> p.topicArn(topicArn)
                    .subject(subject(subject))
                    .messageStructure("json")
                    .message(perProtocol)
                    .messageAttributes(attributes));
        } catch (SdkException e) {
            throw new NotDeliveredException("SNS did not accept " + what + ": " + e.getMessage(), permanent(e), e);
        }
    }

    /**
     * Whether SNS refused the message itself, so that sending it again cannot help: a client error
     * about the request (InvalidParameter, "Message too long", a malformed protocol text). Throttling,
     * server errors and the network pass; so do a topic that is missing and a policy or KMS key that
     * does not allow the publish: those are the deployment's, ops fix them, and the notice then goes
     * out as it is.
     */
    static boolean permanent(SdkException e) {
        if (!(e instanceof AwsServiceException service)) return false;
        int status = service.statusCode();
        String code = service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null ? ""
                : service.awsErrorDetails().errorCode();
        if (service.isThrottlingException() || status == 429 || status >= 500) return false;
        if (status == 403 || status == 404 || code.equals("NotFound") || code.equals("AuthorizationError")
                || code.startsWith("KMS") || code.equals("InvalidSecurity")) {
            return false;
        }
        return status >= 400 && status < 500;
    }

    /**
     * The size of the publish as SNS counts it against its limit: the message (the whole JSON document
     * of per-protocol texts) and each attribute's name, type and value, in UTF-8 bytes, with the subject.
     */
    static int publishedBytes(String subject, String message, Map<String, MessageAttributeValue> attributes) {
        int bytes = utf8(subject(subject)) + utf8(message);
        for (Map.Entry<String, MessageAttributeValue> a : attributes.entrySet()) {
            bytes += utf8(a.getKey()) + utf8(a.getValue().dataType()) + utf8(a.getValue().stringValue());
        }
        return bytes;
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    static String message(Notice n) {
        ChatForm chat = n.chat() != null ? n.chat() : ChatForm.of(n, n.body(), "", List.of());
        Map<String, Object> perProtocol = new LinkedHashMap<>();
        perProtocol.put("default", n.subject() + "\n\n" + n.body());
        perProtocol.put("email", n.body());
        perProtocol.put("sms", n.sms());
        try {
            // Amazon Q Developer in chat applications subscribes over HTTPS and reads its custom notification format.
            perProtocol.put("https", JSON.writeValueAsString(chatMessage(chat, n.id())));
            // Queues (the local staff inbox, other machines) get the notice as JSON, the chat form in it.
            Map<String, Object> forMachines = new LinkedHashMap<>();
            forMachines.put("id", n.id());
            forMachines.put("incidentId", n.incidentId());
            forMachines.put("kind", n.kind().id());
            forMachines.put("severity", n.severity().id());
            forMachines.put("account", n.account());
            forMachines.put("platform", n.platform());
            forMachines.put("subject", n.subject());
            forMachines.put("body", n.body());
            forMachines.put("createdAt", n.createdAt().toString());
            if (n.author() != null) forMachines.put("author", n.author());
            forMachines.put("chat", chatMessage(chat, n.id()));
            perProtocol.put("sqs", JSON.writeValueAsString(forMachines));
            return JSON.writeValueAsString(perProtocol);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always encode", e);
        }
    }

    /** A chat form in the custom notification format of Amazon Q Developer in chat applications (version 1.0). */
    static Map<String, Object> chatMessage(ChatForm chat, String id) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("textType", "client-markdown");
        content.put("title", chat.title());
        content.put("description", chat.description());
        if (!chat.nextSteps().isEmpty()) content.put("nextSteps", chat.nextSteps());
        content.put("keywords", chat.keywords());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("threadId", chat.threadId());
        metadata.put("summary", chat.summary());
        metadata.put("eventType", chat.eventType());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("version", "1.0");
        message.put("source", "custom");
        message.put("id", id);
        message.put("content", content);
        message.put("metadata", metadata);
        return message;
    }

    static Map<String, MessageAttributeValue> attributes(Notice n) {
        Map<String, MessageAttributeValue> a = new LinkedHashMap<>();
        a.put("severity", text(n.severity().id()));
        a.put("kind", text(n.kind().id()));
        a.put("incident", text(n.incidentId()));
        if (n.account() != null) a.put("account", text(n.account()));
        if (n.platform() != null) a.put("platform", text(n.platform()));
        // A question for the post's author: a subscription for that person filters on it.
        if (n.author() != null) a.put("author", text(n.author()));
        return a;
    }

    static MessageAttributeValue text(String v) {
        return MessageAttributeValue.builder().dataType("String").stringValue(v).build();
    }

    static String subject(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) b.append(c);
            else if (Character.isWhitespace(c)) b.append(' ');
        }
        String out = b.toString().trim();
        return out.length() <= SUBJECT_MAX ? out : out.substring(0, SUBJECT_MAX - 3) + "...";
    }
}
