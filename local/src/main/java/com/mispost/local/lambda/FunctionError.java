package com.mispost.local.lambda;

/**
 * A failed invocation as Lambda reports it to the caller: an error type ({@code Runtime.ExitError},
 * {@code Sandbox.Timedout}, or what the runtime client posted, e.g. {@code java.lang.IllegalStateException})
 * and a message. Event sources act on it as Lambda's do (API Gateway answers 500, a stream
 * source retries or bisects the batch).
 */
public final class FunctionError extends RuntimeException {
    private final String errorType;

    public FunctionError(String functionName, String errorType, String errorMessage) {
        super(functionName + " failed (" + errorType + "): " + errorMessage, null, false, false);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
