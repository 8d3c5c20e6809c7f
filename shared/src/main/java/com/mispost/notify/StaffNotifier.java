package com.mispost.notify;

/** Sends a notice to the staff topic. Throws when the notice was not accepted, so it stays pending. */
public interface StaffNotifier {
    void publish(Notice notice) throws NotDeliveredException;

    /** The notice was not accepted; it stays in the outbox for the next sweep. */
    class NotDeliveredException extends Exception {
        public NotDeliveredException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
