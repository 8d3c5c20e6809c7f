package com.mispost.local.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.mispost.account.Account;
import com.mispost.apology.ApologyDesk;
import com.mispost.apology.ApologyDrafter;
import com.mispost.apology.ApologyDraft;
import com.mispost.detection.Assessment;
import com.mispost.detection.MispostDetector;
import com.mispost.detection.VoiceProfile;
import com.mispost.incident.Incident;
import com.mispost.lambda.StreamImages;
import com.mispost.links.ActionLinks;
import com.mispost.notify.NoticeComposer;
import com.mispost.post.Post;
import com.mispost.store.dynamodb.IncidentItems;
import com.mispost.store.dynamodb.PostItems;

import java.time.Instant;
import java.util.List;

/**
 * The per-event work of the stream functions without their AWS round trips: the stream batch
 * decoded from JSON, the item read, and what the function computes from it (detect: the
 * assessment and the alert; apology: the drafts and their notice). Every read and write of the
 * table is left out, so this is the floor a warm detect or apology invocation sits on.
 */
final class DomainPaths {
    private static final String LINK_BASE = "https://bench.invalid";

    private DomainPaths() {
    }

    static Runnable forFunction(String function, String eventJson) {
        PojoSerializer<DynamodbEvent> serializer =
                LambdaEventSerializers.serializerFor(DynamodbEvent.class, DomainPaths.class.getClassLoader());
        NoticeComposer notices = new NoticeComposer(new ActionLinks(name -> java.util.Optional.of("bench-link-signing-key-0123456789"), ActionLinks.DEFAULT_TTL));
        return switch (function) {
            case "detect" -> {
                MispostDetector detector = new MispostDetector();
                yield () -> {
                    DynamodbEvent e = serializer.fromJson(eventJson);
                    Post post = PostItems.fromItem(StreamImages.newImage(e.getRecords().get(0)));
                    Account account = Account.watched(post.key().account(), "Bench");
                    Assessment a = detector.assess(post, account, VoiceProfile.empty());
                    Instant now = Instant.now();
                    notices.alert(Incident.open(post, a, now), account, LINK_BASE, now);
                };
            }
            case "apology" -> {
                ApologyDesk desk = new ApologyDesk();
                yield () -> {
                    DynamodbEvent e = serializer.fromJson(eventJson);
                    Incident incident = IncidentItems.fromItem(StreamImages.newImage(e.getRecords().get(0)));
                    List<ApologyDraft> drafts = desk.draft(ApologyDrafter.requestFor(incident, "Bench"));
                    notices.draftsReady(incident, "Bench", drafts, LINK_BASE, Instant.now());
                };
            }
            default -> throw new IllegalArgumentException("no domain path for " + function);
        };
    }
}
