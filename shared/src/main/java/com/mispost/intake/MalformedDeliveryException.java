package com.mispost.intake;

/** A delivery that cannot be understood; the message says what is wrong, for the sender. */
public class MalformedDeliveryException extends Exception {
    public MalformedDeliveryException(String message) {
        super(message);
    }
}
