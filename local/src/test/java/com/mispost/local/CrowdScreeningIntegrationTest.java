package com.mispost.local;

import com.mispost.account.Account;
import com.mispost.crowd.CrowdReading;
import com.mispost.detection.MispostDetector;
import com.mispost.detection.Severity;
import com.mispost.incident.Incident;
import com.mispost.incident.TimelineEvent;
import com.mispost.links.ActionLinks;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.NoticeComposer;
import com.mispost.notify.sns.SnsStaffNotifier;
import com.mispost.post.AccountKey;
import com.mispost.post.AuthorStanding;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.store.dynamodb.DynamoDbIncidentStore;
import com.mispost.store.dynamodb.DynamoDbPostStore;
import com.mispost.time.SettableClock;
import com.mispost.usecase.Outbox;
import com.mispost.usecase.detect.PostScreener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crowd's screening on the DynamoDB adapters over moto's wire protocol: what the platform said
 * of each replying account survives the store and decides whether a backlash is HIGH, and an
 * account's crowd alerts within the hour are bounded, the rest grouped on the latest's timeline.
 * The reading's rules themselves are tested on in-memory ports in shared (CrowdReadingTest,
 * CrowdScreeningTest). Each test has a fresh table, because the bound reads every active incident.
 */
class CrowdScreeningIntegrationTest {
    private static final AccountKey BRAND = new AccountKey(Platform.X, "brand-crowd");
    private static final Instant T0 = Instant.parse("2026-11-20T15:00:00Z");
    private static final List<String> HACK = List.of("were you hacked?", "got hacked??", "account hacked", "hacked?!",
            "was this hacked", "hacked or what");

    private LocalAws aws;
    private SettableClock clock;
    private DynamoDbPostStore posts;
    private DynamoDbIncidentStore incidents;
    private PostScreener screener;
    private int replies;

    @BeforeEach
    void wire() {
        aws = Moto.provisioned();
        clock = new SettableClock(T0);
        posts = new DynamoDbPostStore(aws.dynamo, aws.tableName, clock);
        incidents = new DynamoDbIncidentStore(aws.dynamo, aws.tableName);
        var accounts = new DynamoDbAccountRegistry(aws.dynamo, aws.tableName);
        accounts.save(Account.watched(BRAND, "Harbour Lane Bakery"));
        NoticeComposer notices = new NoticeComposer(new ActionLinks(name -> Optional.of("crowd-test-link-key-0123"), Duration.ofDays(1)));
        screener = new PostScreener(new MispostDetector(), accounts, posts, incidents, notices,
                new Outbox(incidents, new SnsStaffNotifier(aws.sns, aws.topicArn), notices, MetricsRecorder.NONE, clock), "http://local", MetricsRecorder.NONE, clock);
    }

    @AfterEach
    void close() {
        aws.close();
    }

    private Post posted(String id) {
        Post post = new Post(Platform.X, BRAND.accountId(), id, "team", "Fresh rye loaves are out of the oven at 9.",
                clock.instant(), null, null, null, List.of(), "en", null);
        posts.savePost(post, "{}");
        return post;
    }

    private void reply(Post post, String text, String author, AuthorStanding standing) {
        replies++;
        posts.recordReactions(List.of(new Reaction(post.key(), ReactionKind.REPLY, "r" + replies,
                clock.instant().plusSeconds(replies), text, author, standing)));
    }

    @Test
    void accountsThePlatformCallsNewAskingAboutAHackMakeNoHighAlert() {
        AuthorStanding minted = new AuthorStanding(T0.minus(Duration.ofDays(1)), 2L, false);
        AuthorStanding established = new AuthorStanding(T0.minus(Duration.ofDays(800)), 340L, false);
        Post byMinted = posted("700");
        Post byEstablished = posted("701");
        for (int i = 0; i < HACK.size(); i++) {
            reply(byMinted, HACK.get(i), "m" + i, minted);
            reply(byEstablished, HACK.get(i), "e" + i, established);
        }
        assertThat(screener.screenCrowd(byMinted.key()).orElseThrow().assessment().severity()).isEqualTo(Severity.MEDIUM);
        assertThat(screener.screenCrowd(byEstablished.key()).orElseThrow().assessment().severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void anAccountsCrowdAlertsWithinAnHourAreBoundedAndTheRestGrouped() {
        List<Post> driven = new ArrayList<>();
        for (int p = 0; p < CrowdReading.ALERTS_PER_WINDOW + 2; p++) {
            Post post = posted("80" + p);
            driven.add(post);
            for (int i = 0; i < 4; i++) reply(post, "who approved this " + i, "t" + i, null);
        }
        List<Incident> opened = new ArrayList<>();
        for (Post post : driven) {
            clock.advance(Duration.ofMinutes(2));
            screener.screenCrowd(post.key()).ifPresent(opened::add);
        }
        assertThat(opened).hasSize(CrowdReading.ALERTS_PER_WINDOW);
        Incident latest = opened.get(opened.size() - 1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(screener.screenCrowd(driven.get(driven.size() - 1).key())).as("screened again within the hour").isEmpty();
        assertThat(incidents.timeline(latest.id())).filteredOn(e -> e.event() == TimelineEvent.CROWD_GROUPED).hasSize(2)
                .allSatisfy(e -> assertThat(e.actor()).isEqualTo("crowd"));
        assertThat(incidents.active()).as("no incident, so no alert, for the grouped ones").hasSize(CrowdReading.ALERTS_PER_WINDOW);
    }
}
