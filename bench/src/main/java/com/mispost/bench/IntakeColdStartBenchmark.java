package com.mispost.bench;

import com.mispost.intake.MalformedDeliveryException;
import com.mispost.intake.ParsedDelivery;
import com.mispost.intake.WebhookRequest;
import com.mispost.intake.WebhookResponse;
import com.mispost.intake.platform.XWebhook;
import com.mispost.secrets.SecretSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The first call in a fresh JVM, as after a Lambda cold start (class loading, no JIT): X's CRC
 * answer, which must come within X's 3 s, and a first X delivery (which also loads Jackson).
 * Each fork measures one call; the JVM's own start-up and Lambda's init are not included.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
public class IntakeColdStartBenchmark {
    private static final SecretSource SECRETS = name -> Optional.of("bench-x-secret");

    @Benchmark
    public WebhookResponse firstXCrcAnswer() {
        return new XWebhook().handshake(new WebhookRequest("GET", "x", Map.of("crc_token", "cold-token"), Map.of(), null), SECRETS);
    }

    @Benchmark
    public ParsedDelivery firstXDeliveryParse() throws MalformedDeliveryException {
        return new XWebhook().parse(IntakeBenchmark.X_BODY.getBytes(StandardCharsets.UTF_8));
    }
}
