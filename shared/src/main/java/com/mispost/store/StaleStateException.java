package com.mispost.store;

import com.mispost.incident.IncidentState;

/** The incident was not in a state the action may start from (someone else acted first). */
public class StaleStateException extends Exception {
    private final IncidentState actual;

    public StaleStateException(String message, IncidentState actual) {
        super(message);
        this.actual = actual;
    }

    /** The state the incident is really in, or null if it does not exist. */
    public IncidentState actual() {
        return actual;
    }
}
