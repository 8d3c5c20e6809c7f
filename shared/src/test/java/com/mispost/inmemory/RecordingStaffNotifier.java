package com.mispost.inmemory;

import com.mispost.notify.Notice;
import com.mispost.notify.StaffNotifier;

import java.util.ArrayList;
import java.util.List;

/** A {@link StaffNotifier} that keeps what it was given, and can refuse as SNS does when it is unavailable. */
public final class RecordingStaffNotifier implements StaffNotifier {
    private final List<Notice> published = new ArrayList<>();
    private volatile boolean refusing;

    public void refuse(boolean refuse) {
        refusing = refuse;
    }

    @Override
    public synchronized void publish(Notice notice) throws NotDeliveredException {
        if (refusing) throw new NotDeliveredException("SNS refused (test)", null);
        published.add(notice);
    }

    public synchronized List<Notice> published() {
        return List.copyOf(published);
    }
}
