package com.mispost.store;

import com.mispost.account.Account;
import com.mispost.detection.DeploymentPrior;
import com.mispost.detection.PublicVoice;
import com.mispost.detection.VoiceProfile;
import com.mispost.post.AccountKey;
import com.mispost.post.Post;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which accounts are watched, and what is known of each one's voice. Data, not code. */
public interface AccountRegistry {
    Optional<Account> find(AccountKey key);

    /**
     * The watched accounts among {@code keys}, by key; an account nobody watches is absent. One
     * read per hundred accounts: a delivery that names thousands of accounts asks for them together.
     */
    Map<AccountKey, Account> findAll(Collection<AccountKey> keys);

    void save(Account account);

    /** Stops watching the account. Returns false if it was not watched. */
    boolean remove(AccountKey key);

    List<Account> list();

    VoiceProfile voice(AccountKey key);

    /**
     * Stores the account's voice if nobody else updated it since {@code learnedFrom} was read
     * (optimistic: the learned-post count is the version). Returns false on a conflict; the
     * caller reads again and retries.
     */
    boolean saveVoice(AccountKey key, VoiceProfile learnedFrom, VoiceProfile voice);

    /** The public's voice learned from the sample of replies kept for the account. */
    PublicVoice publicVoice(AccountKey key);

    /**
     * Keeps what people replied to accounts in each account's bounded sample
     * ({@link PublicVoice#SAMPLE_SIZE} replies): each reply takes the sample slot its id falls in, so
     * the sample stays bounded and keeps renewing itself without a read. Written 25 to a request; of
     * two replies for one slot, the later in the list is kept.
     */
    void keepReplies(List<KeptReply> replies);

    /** {@link #keepReplies} for one reply. */
    default void keepReply(AccountKey key, String replyId, String text) {
        keepReplies(List.of(new KeptReply(key, replyId, text)));
    }

    /** What someone replied to the account, by the reply's id. */
    record KeptReply(AccountKey account, String replyId, String text) {
    }

    /**
     * Records that this post of the account was learned from an imported history; false if it
     * already was, so that importing the same history again learns each post once.
     */
    boolean markImported(AccountKey key, String postId);

    /**
     * What the deployment's accounts learned together, which accounts with little history start
     * from: its counts, and a bounded sample ({@link PublicVoice#SAMPLE_SIZE}) of their own posts.
     */
    DeploymentPrior deploymentPrior();

    /** Keeps a learned post in the deployment's sample: it takes the slot its id falls in, as a kept reply does. */
    void keepDeploymentPost(Post post);

    /** Adds one learned post's contribution to the deployment's prior (an atomic count, no read). */
    void countInPrior(DeploymentPrior.Contribution contribution);

    /**
     * Teaches the account's voice one post it accepted as its own, with the score it got before
     * (which calibrates the account's threshold, and the deployment's prior), retrying when another
     * writer got there first. Returns false if it stayed contended (a busy account learns from the
     * next post).
     */
    default boolean learn(AccountKey key, Post post, double scoreBeforeLearning) {
        VoiceProfile seen = voice(key);
        for (int attempt = 0; attempt < 5; attempt++) {
            if (saveVoice(key, seen, seen.learn(post, scoreBeforeLearning))) {
                countInPrior(DeploymentPrior.contribution(post, seen, scoreBeforeLearning));
                keepDeploymentPost(post);
                return true;
            }
            seen = voice(key);
        }
        return false;
    }
}
