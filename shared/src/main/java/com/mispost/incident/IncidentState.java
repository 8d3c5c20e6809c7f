package com.mispost.incident;

/** Where an incident stands. Terminal states change only by a reopen with a reason. */
public enum IncidentState {
    OPEN, ACKNOWLEDGED, RESPONDING, MONITORING, CLOSED, DISMISSED;

    public boolean isEnded() {
        return this == CLOSED || this == DISMISSED;
    }
}
