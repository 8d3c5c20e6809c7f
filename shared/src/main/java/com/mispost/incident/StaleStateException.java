package com.mispost.incident;


/** The incident was not in a state the action may start from (someone else acted first). */
public class StaleStateException extends Exception {
    private final IncidentState actual;

    public StaleStateException(String message, IncidentState actual) {
        super(message);
        this.actual = actual;
    }

    /** Says why an action cannot start from a state, in words staff read. */
    public static String describe(IncidentState actual, com.mispost.incident.IncidentAction action) {
        String done = switch (action) {
            case ACKNOWLEDGE -> "acknowledged";
            case DISMISS -> "dismissed";
            case APPROVE -> "approved";
            case REPAIR -> "repaired";
            case CLOSE -> "closed";
            case REOPEN -> "reopened";
        };
        return "the incident is " + actual.name().toLowerCase(java.util.Locale.ROOT) + "; it cannot be " + done + " from there";
    }

    /** The state the incident is really in, or null if it does not exist. */
    public IncidentState actual() {
        return actual;
    }
}
