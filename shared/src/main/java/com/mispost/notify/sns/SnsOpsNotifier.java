package com.mispost.notify.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.notify.ChatForm;
import com.mispost.notify.OpsNotice;
import com.mispost.notify.OpsNotifier;
import com.mispost.notify.StaffNotifier;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes notices about the system to the ops topic, in the staff topic's shape (a text per
 * protocol, JSON for queues) with {@code audience=ops}, so a chat bridge on both topics can tell them apart.
 */
public final class SnsOpsNotifier implements OpsNotifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SnsClient sns;
    private final String topicArn;

    public SnsOpsNotifier(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(OpsNotice notice) throws StaffNotifier.NotDeliveredException {
        SnsStaffNotifier.publish(sns, topicArn, notice.subject(), message(notice),
                Map.of("audience", SnsStaffNotifier.text("ops"), "kind", SnsStaffNotifier.text(notice.kind().id()),
                        "platform", SnsStaffNotifier.text(notice.platform())), "the ops notice");
    }

    static String message(OpsNotice n) {
        Map<String, Object> chat = SnsStaffNotifier.chatMessage(ChatForm.ops(n), n.kind().id() + "-" + n.createdAt().toEpochMilli());
        Map<String, Object> forMachines = new LinkedHashMap<>();
        forMachines.put("audience", "ops");
        forMachines.put("kind", n.kind().id());
        forMachines.put("account", n.account());
        forMachines.put("platform", n.platform());
        forMachines.put("subject", n.subject());
        forMachines.put("body", n.body());
        forMachines.put("createdAt", n.createdAt().toString());
        forMachines.put("chat", chat);
        try {
            Map<String, String> perProtocol = new LinkedHashMap<>();
            perProtocol.put("default", n.subject() + "\n\n" + n.body());
            perProtocol.put("email", n.body());
            perProtocol.put("sms", n.subject());
            perProtocol.put("https", JSON.writeValueAsString(chat));
            perProtocol.put("sqs", JSON.writeValueAsString(forMachines));
            return JSON.writeValueAsString(perProtocol);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always encodes", e);
        }
    }
}
