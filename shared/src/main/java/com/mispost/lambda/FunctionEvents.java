package com.mispost.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mispost.usecase.apology.ApologyDrafter;
import com.mispost.usecase.detect.PostScreener;
import com.mispost.usecase.closure.IncidentSweep;
import com.mispost.usecase.closure.IncidentPages;
import com.mispost.usecase.intake.WebhookIntake;
import com.mispost.intake.WebhookRequest;
import com.mispost.intake.WebhookResponse;
import com.mispost.post.PostKey;
import com.mispost.store.dynamodb.IncidentItems;
import com.mispost.store.dynamodb.PostItems;
import com.mispost.store.dynamodb.ReactionItems;
import com.mispost.store.StreamedReaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each function does with its event, in one place: the Micronaut handlers and the
 * cold-start bench's plain-Java twins both call these, so the two run the same body.
 */
public final class FunctionEvents {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionEvents.class);
    private static final ObjectMapper EVENTS = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private FunctionEvents() {
    }

    /** Intake: {@code GET|POST /webhooks/{platform}}. */
    public static APIGatewayV2HTTPResponse intake(WebhookIntake intake, APIGatewayV2HTTPEvent event) {
        WebhookResponse r = intake.handle(new WebhookRequest(HttpEvents.method(event),
                HttpEvents.pathParameter(event, "platform"), HttpEvents.query(event), HttpEvents.headers(event),
                HttpEvents.body(event)));
        return HttpEvents.response(r.status(), r.contentType(), r.body());
    }

    /**
     * Detect: new posts, edits and replies from the table's stream, and the markers of reactions,
     * which are counted first, together (one write per counter and batch). The crowd is read once
     * per post and batch, at the post's last reply in it: if the batch fails before that record,
     * Lambda retries from the failure, so the replies passed over are read with the retried one.
     * When counting fails, the batch fails at its first marker, so that every marker after it comes
     * again (counting them again adds nothing twice).
     */
    public static StreamsEventResponse detect(PostScreener screener, DynamodbEvent event) {
        Map<PostKey, DynamodbEvent.DynamodbStreamRecord> lastReply = new HashMap<>();
        List<StreamedReaction> reactions = new ArrayList<>();
        DynamodbEvent.DynamodbStreamRecord firstMarker = null;
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            var image = StreamImages.newImage(record);
            PostItems.replyTarget(image).ifPresent(post -> lastReply.put(post, record));
            Optional<StreamedReaction> marker = ReactionItems.streamed(image,
                    record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber());
            if (marker.isPresent()) {
                if (firstMarker == null) firstMarker = record;
                reactions.add(marker.get());
            }
        }
        RuntimeException countingFailed = null;
        try {
            if (!reactions.isEmpty()) screener.count(reactions);
        } catch (RuntimeException e) {
            countingFailed = e;
        }
        DynamodbEvent.DynamodbStreamRecord failAt = countingFailed == null ? null : firstMarker;
        RuntimeException failure = countingFailed;
        return StreamImages.process(event, record -> {
                    if (record == failAt) throw failure;
                    var image = StreamImages.newImage(record);
                    if (ReactionItems.isMarker(image)) {
                        return; // counted above
                    } else if (PostItems.isReply(image)) {
                        PostItems.replyTarget(image).filter(post -> lastReply.get(post) == record).ifPresent(screener::screenCrowd);
                    } else if (PostItems.isEdit(image)) {
                        screener.screenEdit(PostItems.fromItem(image), Instant.parse(image.get("editedAt").s()));
                    } else {
                        screener.screen(PostItems.fromItem(image));
                    }
                },
                e -> LOG.error("screening or counting failed; the batch is retried from this record: {}", e.toString()));
    }

    /** Apology: newly opened incidents from the table's stream. */
    public static StreamsEventResponse apology(ApologyDrafter drafter, DynamodbEvent event) {
        return StreamImages.process(event,
                record -> drafter.draftFor(IncidentItems.fromItem(StreamImages.newImage(record))),
                e -> LOG.error("drafting failed; the batch is retried from this record: {}", e.toString()));
    }

    /**
     * Closure: staff actions from signed links ({@code /incidents/...}) and the scheduled sweep.
     * One function serves both, so the event comes as JSON and is told apart by shape.
     */
    public static Map<String, Object> closure(IncidentPages pages, IncidentSweep sweep, Map<String, Object> event) {
        if (event.containsKey("requestContext")) return page(pages, EVENTS.convertValue(event, APIGatewayV2HTTPEvent.class));
        if ("Scheduled Event".equals(event.get("detail-type"))) {
            IncidentSweep.Report r = sweep.run();
            if (r.total() > 0) {
                LOG.info("sweep: {} pending notices resent, {} escalations, {} authors asked, {} spikes, {} closed; "
                                + "watchdog: {} accounts silent, {} silence and {} recovery notices", r.resent(), r.escalations(),
                        r.authorQuestions(), r.spikes(), r.closed(), r.watch().silent(), r.watch().silentNotices(),
                        r.watch().heardNotices());
            }
            return Map.of("resent", r.resent(), "escalations", r.escalations(), "authorQuestions", r.authorQuestions(),
                    "spikes", r.spikes(), "closed", r.closed(), "silentAccounts", r.watch().silent());
        }
        throw new IllegalArgumentException("closure takes HTTP API requests and scheduled events; got neither");
    }

    /** Who sent a page request, as API Gateway saw it (not the headers, which the sender writes). */
    private static IncidentPages.Requester requester(APIGatewayV2HTTPEvent e) {
        APIGatewayV2HTTPEvent.RequestContext context = e.getRequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = context == null ? null : context.getHttp();
        return http == null ? IncidentPages.Requester.UNKNOWN : new IncidentPages.Requester(http.getSourceIp(), http.getUserAgent());
    }

    private static Map<String, Object> page(IncidentPages pages, APIGatewayV2HTTPEvent e) {
        String method = HttpEvents.method(e);
        Map<String, String> form = "POST".equalsIgnoreCase(method)
                ? HttpEvents.formOrQuery(new String(HttpEvents.body(e), StandardCharsets.UTF_8)) : Map.of();
        IncidentPages.Page page;
        try {
            page = pages.handle(method, HttpEvents.pathParameter(e, "id"), HttpEvents.pathParameter(e, "action"),
                    e.getRawQueryString(), form, requester(e));
        } catch (SdkClientException | AwsServiceException unreachable) {
            // Only what a retry can mend (no connection, AWS failing or throttling) is "try again"; anything else is a fault.
            if (unreachable instanceof AwsServiceException refused && refused.statusCode() < 500 && !refused.isThrottlingException()) {
                throw refused;
            }
            LOG.warn("incident page: AWS cannot be reached ({}); answering 503", unreachable.getClass().getSimpleName());
            page = IncidentPages.unavailable();
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", page.status());
        // The pages carry no script at all, so none is allowed; styles are one inline block.
        response.put("headers", Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store",
                "X-Frame-Options", "DENY", "X-Content-Type-Options", "nosniff", "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; script-src 'none'; form-action 'self';"
                        + " base-uri 'none'; frame-ancestors 'none'"));
        response.put("body", page.html());
        response.put("isBase64Encoded", false);
        return response;
    }
}
