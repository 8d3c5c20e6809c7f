package com.mispost.local.cli;

import com.mispost.account.Account;
import com.mispost.detection.MispostDetector;
import com.mispost.post.Post;
import com.mispost.store.AccountRegistry;

import java.util.List;

/**
 * Learns an account's exported history into the deployment as the detect function learns posts as
 * they arrive: the replies it received into its sample of the public's voice first (so the learned
 * contrast reads its posts as it will read new ones), then each of its posts, oldest first, scored
 * against the voice learned so far and learned with that score (which calibrates its threshold and
 * counts in the deployment's prior). Each post is learned once however often the same history is
 * imported; a reply takes the same sample slot each time.
 */
final class HistoryImport {

    /** What one import did. */
    record Outcome(int learned, int alreadyLearned, int notLearned, int replies) {
    }

    private final MispostDetector detector;
    private final AccountRegistry accounts;

    HistoryImport(MispostDetector detector, AccountRegistry accounts) {
        this.detector = detector;
        this.accounts = accounts;
    }

    Outcome run(Account account, List<Post> history, List<HistoryFiles.Text> replies) {
        // Together, as intake keeps a delivery's replies: 25 to a request rather than one request each.
        accounts.keepReplies(replies.stream()
                .map(reply -> new AccountRegistry.KeptReply(account.key(), reply.id(), reply.text())).toList());
        int learned = 0;
        int already = 0;
        int contended = 0;
        for (Post post : history) {
            if (!accounts.markImported(account.key(), post.postId())) {
                already++;
                continue;
            }
            double score = detector.assess(post, account, accounts.voice(account.key()), accounts.publicVoice(account.key()),
                    accounts.deploymentPrior()).score();
            if (accounts.learn(account.key(), post, score)) learned++;
            else contended++;
        }
        return new Outcome(learned, already, contended, replies.size());
    }
}
