package com.mispost.notify;

/** Sends a notice to the ops topic. Throws when it was not accepted, so the sender can try again. */
public interface OpsNotifier {
    void publish(OpsNotice notice) throws StaffNotifier.NotDeliveredException;
}
