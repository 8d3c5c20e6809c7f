package com.mispost.store.dynamodb;

import com.mispost.detection.Assessment;
import com.mispost.incident.Incident;
import com.mispost.incident.IncidentState;
import com.mispost.post.Post;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

import static com.mispost.store.dynamodb.Items.*;

/** How an incident is laid out in the table; also reads the incident images that DynamoDB Streams deliver. */
public final class IncidentItems {
    public static final String TYPE_INCIDENT = "INCIDENT";
    static final String SK_INCIDENT = "INCIDENT";
    /** Sparse index partition of incidents not yet closed or dismissed, for the scheduled sweep. */
    static final String ACTIVE = "ACTIVE";

    private IncidentItems() {
    }

    static String pk(String incidentId) {
        return "INCIDENT#" + incidentId;
    }

    static Map<String, AttributeValue> key(String incidentId, String sk) {
        return Map.of(PK, s(pk(incidentId)), SK, s(sk));
    }

    static Map<String, AttributeValue> item(Incident incident, String linkBase) {
        Map<String, AttributeValue> item = new HashMap<>(key(incident.id(), SK_INCIDENT));
        item.put(TYPE, s(TYPE_INCIDENT));
        item.put("incidentId", s(incident.id()));
        item.put("state", s(incident.state().name()));
        item.put("severity", s(incident.assessment().severity().id()));
        item.put("score", n(incident.assessment().score()));
        item.put("platform", s(incident.post().platform().id()));
        item.put("accountId", s(incident.post().accountId()));
        item.put("postKey", s(incident.post().key().toString()));
        item.put("post", s(toJson(incident.post())));
        item.put("assessment", s(toJson(incident.assessment())));
        item.put("openedAt", s(incident.openedAt().toString()));
        item.put("updatedAt", s(incident.updatedAt().toString()));
        item.put("linkBase", s(linkBase));
        if (!incident.state().isEnded()) {
            item.put(GSI1PK, s(ACTIVE));
            item.put(GSI1SK, s(incident.openedAt() + "#" + incident.id()));
        }
        return item;
    }

    /** Reads an incident item (from GetItem or a stream's NewImage). */
    public static Incident fromItem(Map<String, AttributeValue> item) {
        return new Incident(
                str(item, "incidentId"),
                fromJson(str(item, "post"), Post.class),
                fromJson(str(item, "assessment"), Assessment.class),
                IncidentState.valueOf(str(item, "state")),
                instant(item, "openedAt"),
                instant(item, "updatedAt"),
                str(item, "approvedDraft"));
    }
}
