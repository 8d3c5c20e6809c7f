package com.mispost.config;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultDiagnosticInfoPopulator;
import io.micronaut.function.aws.DiagnosticInfoPopulator;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Puts each invocation's request id and whether it is this environment's first (cold start) into
 * the log context, so that every JSON log line carries them. MicronautRequestHandler calls it
 * before {@code execute}; it replaces Micronaut's own populator, whose field names and remaining
 * time per line we do not want.
 */
@Singleton
@Replaces(DefaultDiagnosticInfoPopulator.class)
public class LambdaLogContext implements DiagnosticInfoPopulator {
    public static final String REQUEST_ID = "requestId";
    public static final String COLD_START = "coldStart";
    private static final AtomicBoolean FIRST = new AtomicBoolean(true);

    @Override
    public void populateMappingDiagnosticContextValues(Context context) {
        // A warm invocation on the same thread must not inherit the last one's post or incident.
        MDC.clear();
        if (context.getAwsRequestId() != null) MDC.put(REQUEST_ID, context.getAwsRequestId());
        MDC.put(COLD_START, Boolean.toString(FIRST.getAndSet(false)));
    }

    @Override
    public void populateMappingDiagnosticContextWithXrayTraceId() {
        String trace = System.getProperty("com.amazonaws.xray.traceHeader");
        if (trace != null) MDC.put("traceId", trace);
    }
}
