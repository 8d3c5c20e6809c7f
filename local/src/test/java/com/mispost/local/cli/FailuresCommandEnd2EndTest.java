package com.mispost.local.cli;

import com.mispost.account.Account;
import com.mispost.incident.IncidentIds;
import com.mispost.local.LocalRuntime;
import com.mispost.local.Moto;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.store.dynamodb.DynamoDbPostStore;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./mispost failures} against a running local runtime: a post detect cannot screen (its
 * account's settings are broken) is retried, given up on and described on the failure queue;
 * {@code list} says which function, which batch, which record and why; once the account is fixed,
 * {@code redrive} hands the record to detect again, the alert reaches staff, and the queue is empty.
 */
class FailuresCommandEnd2EndTest {
    private static final AccountKey BRAND = new AccountKey(Platform.X, "4700000000000000001");

    @Test
    void aBatchDetectGaveUpOnIsListedInWordsAndRedrivenOnceTheCauseIsFixed() throws Exception {
        Moto.endpoint();
        try (LocalRuntime rt = LocalRuntime.start(new LocalRuntime.Options(Moto.template(), 0, Duration.ofHours(1),
                line -> { }))) {
            Target target = new Target(rt.aws().endpoint(), rt.aws().tableName,
                    rt.aws().queueUrls.get("StreamFailureQueue"), rt.apiUrl());
            assertThat(run("list", target)).isEqualTo("no failed batches\n");
            assertThat(run("redrive", target)).isEqualTo("no failed batches\n");

            var accounts = new DynamoDbAccountRegistry(rt.aws().dynamo, rt.aws().tableName);
            Account good = Account.watched(BRAND, "Millbrook Cycles");
            accounts.save(good);
            // A broken setting: every read of this account fails, so detect cannot screen its posts.
            rt.aws().dynamo.updateItem(u -> u.tableName(rt.aws().tableName)
                    .key(Map.of("PK", AttributeValue.fromS("ACCOUNT#" + BRAND), "SK", AttributeValue.fromS("PROFILE")))
                    .updateExpression("SET #tz = :tz").expressionAttributeNames(Map.of("#tz", "timeZone")).expressionAttributeValues(Map.of(":tz", AttributeValue.fromS("Mars/Olympus_Mons"))));
            Post post = new Post(Platform.X, BRAND.accountId(), "9920000000000000001", null,
                    "fuck this job, drinks at mine tonight", Instant.now(), "Twitter for Android", null, null, List.of(), "en", null);
            new DynamoDbPostStore(rt.aws().dynamo, rt.aws().tableName, Clock.systemUTC()).savePost(post, "{}");

            String listed = "";
            for (int i = 0; i < 60 && !listed.contains("DetectFunction"); i++) {
                Thread.sleep(500);
                listed = run("list", target);
            }
            assertThat(listed).contains("DetectFunction gave up on a batch of 1 record(s) after 6 attempt(s)")
                    .contains("kept failing on these records until its retries ran out")
                    .contains("sequence numbers")
                    .contains("record:  INSERT post POST#x/4700000000000000001/9920000000000000001 POST")
                    .doesNotContain("drinks at mine");

            assertThat(runExpecting(1, "redrive", target)).as("still broken: the batch stays")
                    .contains("still failing: DetectFunction");
            assertThat(run("list", target)).contains("DetectFunction gave up");

            accounts.save(good);
            assertThat(run("redrive", target)).startsWith("redriven: DetectFunction took all 1 record(s); message deleted");
            String incident = IncidentIds.forPost(post.key());
            rt.inbox().await(n -> n.kind().equals("alert") && n.incidentId().equals(incident), Duration.ofSeconds(20));
            assertThat(run("list", target)).isEqualTo("no failed batches\n");
        }
    }

    private static String run(String command, Target target) {
        return runExpecting(0, command, target);
    }

    private static String runExpecting(int code, String command, Target target) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int rc = FailuresCommand.run(command, target, new PrintStream(out), new PrintStream(err));
        assertThat(rc).as("exit code; stderr: " + err).isEqualTo(code);
        return out.toString();
    }
}
