package com.mispost.notify;

/** Sends a notice to the staff topic. Throws when the notice was not accepted, saying whether trying again can help. */
public interface StaffNotifier {
    void publish(Notice notice) throws NotDeliveredException;

    /**
     * The notice was not accepted. A transient refusal (throttling, the service or the network
     * failing, the topic missing or not allowed: things that get fixed) leaves it in the outbox for
     * the next sweep; a permanent one means this notice, as it is, will never be taken.
     */
    class NotDeliveredException extends Exception {
        private final boolean permanent;

        /** A refusal that may pass: try again later. */
        public NotDeliveredException(String message, Throwable cause) {
            this(message, false, cause);
        }

        public NotDeliveredException(String message, boolean permanent, Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }

        /** Whether the notice itself was refused (too large, malformed), so that sending it again cannot help. */
        public boolean permanent() {
            return permanent;
        }
    }
}
