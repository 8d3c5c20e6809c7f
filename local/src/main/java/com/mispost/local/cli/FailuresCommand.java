package com.mispost.local.cli;

import com.mispost.local.StreamFailures;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code ./mispost failures list|redrive}: the stream batches a function gave up on, in words, and
 * handing them to it again once whatever made it fail is fixed.
 */
public final class FailuresCommand {
    static final String USAGE = """
            usage: ./mispost failures list      what is on the stream failure queue: which function gave up on which
                                                records of the table's stream, and why
                   ./mispost failures redrive   hand those records to the same function again (read back from the
                                                stream, which keeps them 24 hours on AWS); a batch the function takes
                                                is deleted from the queue, one it fails on again stays
            On a running ./mispost local, or on AWS with MISPOST_TABLE and MISPOST_FAILURE_QUEUE_URL (the stack's
            StreamFailureQueueUrl output) set.
            """;

    private FailuresCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Integer usage = Main.usage(args, USAGE, out, err);
        if (usage != null) return usage;
        if (!args.get(0).equals("list") && !args.get(0).equals("redrive")) {
            err.println("unknown failures command '" + args.get(0) + "'");
            err.print(USAGE);
            return 2;
        }
        Target target = Target.findOrSay(err);
        if (target == null) return 2;
        if (target.failureQueueUrl() == null) {
            err.println("the stream failure queue is not known: set MISPOST_FAILURE_QUEUE_URL (the stack's StreamFailureQueueUrl output)");
            return 2;
        }
        return run(args.get(0), target, out, err);
    }

    static int run(String command, Target target, PrintStream out, PrintStream err) {
        try (SqsClient sqs = target.client(SqsClient.builder());
             DynamoDbStreamsClient streams = target.client(DynamoDbStreamsClient.builder())) {
            StreamFailures failures = new StreamFailures(sqs, streams, target.failureQueueUrl(),
                    System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
            if (command.equals("list")) {
                List<StreamFailures.FailedBatch> all = failures.list();
                if (all.isEmpty()) out.println("no failed batches");
                for (StreamFailures.FailedBatch b : all) out.print(StreamFailures.describe(b));
                return 0;
            }
            try (LambdaClient lambda = target.functionsClient(LambdaClient.builder())) {
                List<StreamFailures.Redrive> done = failures.redrive(lambda);
                if (done.isEmpty()) out.println("no failed batches");
                int failed = 0;
                for (StreamFailures.Redrive r : done) {
                    out.println((r.done() ? "redriven: " : "still failing: ") + r.detail() + "  [" + r.batch().messageId() + "]");
                    if (!r.done()) failed++;
                }
                return failed == 0 ? 0 : 1;
            }
        } catch (SdkException e) {
            err.println("could not reach the queue, the stream or the function: " + e.getMessage());
            return 1;
        }
    }
}
