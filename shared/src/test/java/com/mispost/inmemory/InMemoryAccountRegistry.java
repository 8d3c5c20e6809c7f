package com.mispost.inmemory;

import com.mispost.account.Account;
import com.mispost.detection.DeploymentPrior;
import com.mispost.detection.PublicVoice;
import com.mispost.detection.VoiceProfile;
import com.mispost.post.AccountKey;
import com.mispost.store.AccountRegistry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link AccountRegistry} in maps; a voice is saved only over the version it was learned from, as in the table. */
public final class InMemoryAccountRegistry implements AccountRegistry {
    private final Map<AccountKey, Account> accounts = new HashMap<>();
    private final Map<AccountKey, VoiceProfile> voices = new HashMap<>();
    private final Map<AccountKey, Map<Integer, String>> replies = new HashMap<>();
    private final Map<String, Integer> calls = new HashMap<>();
    private final java.util.Set<String> failOnce = new java.util.HashSet<>();
    private DeploymentPrior prior = DeploymentPrior.empty();
    private final java.util.Set<String> imported = new java.util.HashSet<>();
    private final Map<Integer, String> deploymentPosts = new HashMap<>();


    @Override
    public synchronized void keepDeploymentPost(com.mispost.post.Post post) {
        deploymentPosts.put(Math.floorMod((post.platform().id() + "/" + post.postId()).hashCode(), PublicVoice.SAMPLE_SIZE),
                PublicVoice.shortened(post.text()));
    }

    @Override
    public synchronized boolean markImported(AccountKey key, String postId) {
        return imported.add(key + "#" + postId);
    }

    @Override
    public synchronized DeploymentPrior deploymentPrior() {
        return prior.withOwnPosts(PublicVoice.of(deploymentPosts.values()));
    }

    @Override
    public synchronized void countInPrior(DeploymentPrior.Contribution contribution) {
        prior = prior.with(contribution);
    }

    @Override
    public synchronized Optional<Account> find(AccountKey key) {
        return Optional.ofNullable(accounts.get(key));
    }

    @Override
    public synchronized Map<AccountKey, Account> findAll(Collection<AccountKey> keys) {
        check("findAll");
        Map<AccountKey, Account> found = new HashMap<>();
        for (AccountKey k : keys) {
            if (accounts.containsKey(k)) found.put(k, accounts.get(k));
        }
        return found;
    }

    @Override
    public synchronized void save(Account account) {
        accounts.put(account.key(), account);
    }

    @Override
    public synchronized boolean remove(AccountKey key) {
        voices.remove(key);
        replies.remove(key);
        imported.removeIf(id -> id.startsWith(key + "#"));
        return accounts.remove(key) != null;
    }

    @Override
    public synchronized List<Account> list() {
        return new ArrayList<>(accounts.values());
    }

    @Override
    public synchronized VoiceProfile voice(AccountKey key) {
        return voices.getOrDefault(key, VoiceProfile.empty());
    }

    @Override
    public synchronized boolean saveVoice(AccountKey key, VoiceProfile learnedFrom, VoiceProfile voice) {
        if (voice(key).posts() != learnedFrom.posts()) return false;
        voices.put(key, voice);
        return true;
    }

    @Override
    public synchronized PublicVoice publicVoice(AccountKey key) {
        return PublicVoice.of(replies.getOrDefault(key, Map.of()).values());
    }

    /** Each reply takes the slot its id falls in, as in the table: the sample stays bounded. */
    @Override
    public synchronized void keepReplies(List<KeptReply> kept) {
        check("keepReplies");
        for (KeptReply r : kept) {
            replies.computeIfAbsent(r.account(), k -> new HashMap<>())
                    .put(PublicVoice.slot(r.replyId()), PublicVoice.shortened(r.text()));
        }
    }

    /** The accounts with a sample of replies kept. */
    public synchronized java.util.Set<AccountKey> withReplies() {
        return java.util.Set.copyOf(replies.keySet());
    }

    /** The next call of the named operation (a method's name) fails as a lost connection would; the ones after it work. */
    public synchronized void failOnce(String operation) {
        failOnce.add(operation);
    }

    /** How often the named operation was called. */
    public synchronized int calls(String operation) {
        return calls.getOrDefault(operation, 0);
    }

    private void check(String operation) {
        calls.merge(operation, 1, Integer::sum);
        if (failOnce.remove(operation)) throw new IllegalStateException(operation + " failed (test)");
    }
}
