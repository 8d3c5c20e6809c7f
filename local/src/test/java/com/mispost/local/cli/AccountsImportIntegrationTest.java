package com.mispost.local.cli;

import com.mispost.account.Account;
import com.mispost.local.LocalAws;
import com.mispost.local.Moto;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code accounts import} against moto over the wire, with an X archive and replies written for this test. */
class AccountsImportIntegrationTest {
    private static LocalAws aws;
    private static Target target;
    private static DynamoDbAccountRegistry accounts;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void provision() {
        aws = Moto.provisioned();
        target = new Target(aws.endpoint(), aws.tableName, null, null);
        accounts = new DynamoDbAccountRegistry(aws.dynamo, aws.tableName);
    }

    @AfterAll
    static void close() {
        aws.close();
    }

    private static Path fixture(String name) {
        for (Path p : new Path[]{Path.of("src/test/resources/import", name), Path.of("local/src/test/resources/import", name)}) {
            if (Files.exists(p)) return p;
        }
        throw new IllegalStateException(name + " not found");
    }

    private int run(String... args) {
        List<String> all = List.of(args);
        Map<String, String> opts = AccountsCommand.options(all.subList(1, all.size()));
        return AccountsCommand.run(all, opts, target, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void anXArchiveIsLearnedOnceHoweverOftenItIsImported() {
        AccountKey key = new AccountKey(Platform.X, "BlueHeronHelp");
        accounts.save(Account.watched(key, "Blue Heron Help"));

        assertThat(run("import", "--platform", "x", "--id", "BlueHeronHelp", "--history", fixture("tweets.js").toString(),
                "--replies", fixture("replies.jsonl").toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("learned 7 posts (0 already learned), kept 4 replies");
        // Seven of its own (the retweet is someone else's words), with the client the archive names.
        assertThat(accounts.voice(key).posts()).isEqualTo(7);
        assertThat(accounts.voice(key).postsFrom("Sprinklr")).isEqualTo(7);
        assertThat(accounts.publicVoice(key).texts()).isEqualTo(4);

        out.reset();
        assertThat(run("import", "--platform", "x", "--id", "BlueHeronHelp", "--history", fixture("tweets.js").toString(),
                "--replies", fixture("replies.jsonl").toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("learned 0 posts (7 already learned)");
        assertThat(accounts.voice(key).posts()).isEqualTo(7);
        assertThat(accounts.publicVoice(key).texts()).isEqualTo(4);
    }

    @Test
    void jsonLinesOfAnotherAccountAreLeftOutAndLaterPostsAddToWhatWasLearned() throws Exception {
        AccountKey key = new AccountKey(Platform.MASTODON, "fernhill@social.example");
        accounts.save(Account.watched(key, "Fernhill"));
        Path first = Files.writeString(dir.resolve("first.jsonl"), """
                {"id":"1","text":"Our spring menu is here: wild garlic, asparagus and rhubarb.","created_at":"2026-03-01T10:00:00Z"}
                {"id":"2","account":"someone@else.example","text":"not ours","created_at":"2026-03-01T11:00:00Z"}
                """);
        Path more = Files.writeString(dir.resolve("more.jsonl"), """
                {"id":"1","text":"Our spring menu is here: wild garlic, asparagus and rhubarb.","created_at":"2026-03-01T10:00:00Z"}
                {"id":"3","text":"We are open for lunch on Easter Monday from 12:00.","created_at":"2026-03-20T09:00:00Z"}
                """);

        assertThat(run("import", "--platform", "mastodon", "--id", "fernhill@social.example", "--history", first.toString())).isZero();
        assertThat(run("import", "--platform", "mastodon", "--id", "fernhill@social.example", "--history", more.toString())).isZero();

        assertThat(accounts.voice(key).posts()).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("learned 1 posts (1 already learned)");
    }

    @Test
    void saysWhatIsWrongWithoutLearningAnything() throws Exception {
        assertThat(run("import", "--platform", "x", "--id", "NobodyWatched", "--history", fixture("tweets.js").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("x/NobodyWatched is not watched", "accounts add");

        AccountKey key = new AccountKey(Platform.X, "BrokenFile");
        accounts.save(Account.watched(key, "Broken File"));
        Path broken = Files.writeString(dir.resolve("broken.jsonl"), "{\"id\":\"1\",\"text\":\"fine\"}\nnot json\n");
        assertThat(run("import", "--platform", "x", "--id", "BrokenFile", "--history", broken.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 2 is not JSON");
        assertThat(accounts.voice(key).posts()).as("nothing learned from a file that does not read").isZero();

        assertThat(run("import", "--platform", "x", "--id", "BrokenFile", "--history", dir.resolve("missing.js").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read");
    }
}
