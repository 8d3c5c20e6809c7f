package com.mispost.usecase.detect;

import com.mispost.detection.MispostDetector;
import com.mispost.inmemory.InMemoryAccountRegistry;
import com.mispost.inmemory.InMemoryIncidentStore;
import com.mispost.inmemory.InMemoryPostStore;
import com.mispost.inmemory.RecordingStaffNotifier;
import com.mispost.links.ActionLinks;
import com.mispost.metrics.MetricsRecorder;
import com.mispost.notify.NoticeComposer;
import com.mispost.usecase.Outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The detect function's use case on in-memory ports, as its tests set it up. */
public final class ScreeningOnMemory {
    public final InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
    public final InMemoryPostStore posts;
    public final InMemoryIncidentStore incidents = new InMemoryIncidentStore();
    public final RecordingStaffNotifier sns = new RecordingStaffNotifier();
    public final PostScreener screener;

    public ScreeningOnMemory(Clock clock) {
        posts = new InMemoryPostStore(clock);
        NoticeComposer notices = new NoticeComposer(new ActionLinks(name -> Optional.of("screening-test-link-key-0123"), Duration.ofDays(1)));
        screener = new PostScreener(new MispostDetector(), accounts, posts, incidents, notices,
                new Outbox(incidents, sns, notices, MetricsRecorder.NONE, clock), "http://local", MetricsRecorder.NONE, clock);
    }
}
