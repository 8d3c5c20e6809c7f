package com.mispost.inmemory;

import com.mispost.notify.Notice;
import com.mispost.notify.StaffNotifier;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@link StaffNotifier} that keeps what it was given, and can refuse as SNS does: for now (it is
 * unavailable) or for good (the notice itself is refused, as a message over SNS's size limit is).
 */
public final class RecordingStaffNotifier implements StaffNotifier {
    private final List<Notice> published = new ArrayList<>();
    private volatile boolean refusing;
    private volatile Predicate<Notice> refusedForGood = n -> false;

    public void refuse(boolean refuse) {
        refusing = refuse;
    }

    /** Refuses the notices that match, permanently, as SNS refuses a message it will never take. */
    public void refuseForGood(Predicate<Notice> which) {
        refusedForGood = which;
    }

    @Override
    public synchronized void publish(Notice notice) throws NotDeliveredException {
        if (refusedForGood.test(notice)) throw new NotDeliveredException("Invalid parameter: Message too long (test)", true, null);
        if (refusing) throw new NotDeliveredException("SNS refused (test)", null);
        published.add(notice);
    }

    public synchronized List<Notice> published() {
        return List.copyOf(published);
    }
}
