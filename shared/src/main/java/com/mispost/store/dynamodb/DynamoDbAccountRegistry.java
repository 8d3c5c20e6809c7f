package com.mispost.store.dynamodb;

import com.mispost.account.Account;
import com.mispost.account.AccountPolicy;
import com.mispost.detection.DeploymentPrior;
import com.mispost.detection.PublicVoice;
import com.mispost.detection.VoiceProfile;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.Post;
import com.mispost.store.AccountRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.mispost.store.dynamodb.Items.*;

/**
 * The registry of watched accounts, one item per account plus one for its learned voice and one
 * small item per kept reply (at most {@link PublicVoice#SAMPLE_SIZE}), all under the account's key;
 * and, for the whole deployment, one item for its prior ({@link DeploymentPrior}), whose counts each
 * learned post adds to atomically (one attribute per bin that has counts: an item of a few kilobytes),
 * and a bounded sample of its accounts' own learned posts (one small item per slot).
 */
public final class DynamoDbAccountRegistry implements AccountRegistry {
    private static final String SK_PROFILE = "PROFILE";
    private static final String SK_VOICE = "VOICE";
    private static final String SK_REPLY = "REPLY#";
    private static final String SK_IMPORTED = "IMPORTED#";
    private static final String ALL_ACCOUNTS = "ACCOUNTS";
    private static final AttributeValue DEPLOYMENT = s("DEPLOYMENT");
    private static final Map<String, AttributeValue> PRIOR_KEY = Map.of(PK, DEPLOYMENT, SK, s("PRIOR"));
    private static final String SK_OWN_POST = "OWN#";
    /** How long a warm environment keeps the deployment's prior: a minute's posts hardly move it. */
    static final long PRIOR_FRESH_NANOS = 60_000_000_000L;

    /**
     * How long a warm environment keeps an account's sample of public voice: it is a sample of up to
     * 256 replies, which a minute's new replies hardly move, and reading it is a query of them all.
     */
    static final long PUBLIC_VOICE_FRESH_NANOS = 60_000_000_000L;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Map<AccountKey, ReadVoice> publicVoices = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile ReadPrior readPrior;

    private record ReadPrior(DeploymentPrior prior, long readAtNanos) {
    }

    private record ReadVoice(PublicVoice voice, long readAtNanos) {
    }

    public DynamoDbAccountRegistry(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(AccountKey key, String sk) {
        return Map.of(PK, s("ACCOUNT#" + key), SK, s(sk));
    }

    @Override
    public Optional<Account> find(AccountKey key) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key(key, SK_PROFILE))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Map<AccountKey, Account> findAll(Collection<AccountKey> keys) {
        List<Map<String, AttributeValue>> asked = new ArrayList<>();
        for (AccountKey k : keys) asked.add(key(k, SK_PROFILE));
        Map<AccountKey, Account> found = new HashMap<>();
        for (Map<String, AttributeValue> item : Batches.get(dynamo, table, asked, false, null)) {
            Account a = fromItem(item);
            found.put(a.key(), a);
        }
        return found;
    }

    @Override
    public void save(Account a) {
        Map<String, AttributeValue> item = new HashMap<>(key(a.key(), SK_PROFILE));
        item.put(TYPE, s("ACCOUNT"));
        item.put(GSI1PK, s(ALL_ACCOUNTS));
        item.put(GSI1SK, s(a.key().toString()));
        item.put("platform", s(a.key().platform().id()));
        item.put("accountId", s(a.key().accountId()));
        item.put("displayName", s(a.displayName()));
        item.put("timeZone", s(a.timeZone().getId()));
        item.put("opensAt", s(a.opensAt().toString()));
        item.put("closesAt", s(a.closesAt().toString()));
        item.put("usualClients", Items.list(List.copyOf(a.usualClients())));
        item.put("teamSeats", Items.list(List.copyOf(a.teamSeats())));
        item.put("policy", s(toJson(a.policy())));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public boolean remove(AccountKey key) {
        Map<String, AttributeValue> old = dynamo.deleteItem(d -> d.tableName(table).key(key(key, SK_PROFILE))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        dynamo.deleteItem(d -> d.tableName(table).key(key(key, SK_VOICE)));
        for (String prefix : List.of(SK_REPLY, SK_IMPORTED)) {
            for (Map<String, AttributeValue> item : dynamo.queryPaginator(under(key, prefix)).items()) {
                dynamo.deleteItem(d -> d.tableName(table).key(Map.of(PK, item.get(PK), SK, item.get(SK))));
            }
        }
        publicVoices.remove(key);
        return old != null && !old.isEmpty();
    }

    @Override
    public List<Account> list() {
        QueryRequest q = QueryRequest.builder().tableName(table).indexName(GSI1)
                .keyConditionExpression("GSI1PK = :p")
                .expressionAttributeValues(Map.of(":p", s(ALL_ACCOUNTS))).build();
        List<Account> out = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(q).items()) out.add(fromItem(item));
        return out;
    }

    @Override
    public VoiceProfile voice(AccountKey key) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key(key, SK_VOICE))).item();
        return item == null || item.isEmpty() ? VoiceProfile.empty() : VoiceProfile.decode(str(item, "voice"));
    }

    @Override
    public boolean saveVoice(AccountKey key, VoiceProfile learnedFrom, VoiceProfile voice) {
        Map<String, AttributeValue> item = new HashMap<>(key(key, SK_VOICE));
        item.put(TYPE, s("VOICE"));
        item.put("voice", s(voice.encode()));
        item.put("posts", n(voice.posts()));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(PK) OR posts = :seen")
                    .expressionAttributeValues(Map.of(":seen", n(learnedFrom.posts()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public DeploymentPrior deploymentPrior() {
        long now = System.nanoTime();
        ReadPrior read = readPrior;
        if (read != null && now - read.readAtNanos() < PRIOR_FRESH_NANOS) return read.prior();
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(PRIOR_KEY)).item();
        DeploymentPrior prior = DeploymentPrior.empty();
        if (item != null && !item.isEmpty()) {
            long[] bins = new long[DeploymentPrior.BINS];
            for (int b = 0; b < bins.length; b++) {
                AttributeValue count = item.get("b" + b);
                if (count != null) bins[b] = Long.parseLong(count.n());
            }
            List<String> names = DeploymentPrior.styleNames();
            long[] styles = new long[names.size()];
            for (int i = 0; i < styles.length; i++) {
                AttributeValue count = item.get("style_" + names.get(i));
                if (count != null) styles[i] = Long.parseLong(count.n());
            }
            AttributeValue posts = item.get("posts");
            prior = DeploymentPrior.of(posts == null ? 0 : Long.parseLong(posts.n()), styles, bins, deploymentPosts());
        } else {
            prior = prior.withOwnPosts(deploymentPosts());
        }
        readPrior = new ReadPrior(prior, now);
        return prior;
    }

    private PublicVoice deploymentPosts() {
        QueryRequest q = QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", DEPLOYMENT, ":prefix", s(SK_OWN_POST))).build();
        List<String> texts = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(q).items()) texts.add(str(item, "text"));
        return PublicVoice.of(texts);
    }

    @Override
    public void keepDeploymentPost(Post post) {
        String slot = String.format("%03d", Math.floorMod((post.platform().id() + "/" + post.postId()).hashCode(), PublicVoice.SAMPLE_SIZE));
        Map<String, AttributeValue> item = new HashMap<>(Map.of(PK, DEPLOYMENT, SK, s(SK_OWN_POST + slot)));
        item.put(TYPE, s("DEPLOYMENT_POST"));
        item.put("text", s(PublicVoice.shortened(post.text())));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    @Override
    public void countInPrior(DeploymentPrior.Contribution c) {
        StringBuilder add = new StringBuilder("SET #type = :type ADD #posts :one");
        if (c.bin() >= 0) add.append(", b").append(c.bin()).append(" :one");
        List<String> names = DeploymentPrior.styleNames();
        for (int i = 0; i < names.size(); i++) {
            if ((c.styles() & (1 << i)) != 0) add.append(", style_").append(names.get(i)).append(" :one");
        }
        dynamo.updateItem(u -> u.tableName(table).key(PRIOR_KEY).updateExpression(add.toString())
                .expressionAttributeNames(Map.of("#type", TYPE, "#posts", "posts"))
                .expressionAttributeValues(Map.of(":one", n(1), ":type", s("DEPLOYMENT_PRIOR"))));
    }

    @Override
    public PublicVoice publicVoice(AccountKey key) {
        long now = System.nanoTime();
        ReadVoice read = publicVoices.get(key);
        if (read != null && now - read.readAtNanos() < PUBLIC_VOICE_FRESH_NANOS) return read.voice();
        List<String> texts = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(replies(key)).items()) texts.add(str(item, "text"));
        PublicVoice voice = PublicVoice.of(texts);
        publicVoices.put(key, new ReadVoice(voice, now));
        return voice;
    }

    @Override
    public void keepReplies(List<KeptReply> replies) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (KeptReply r : replies) {
            String slot = String.format("%03d", PublicVoice.slot(r.replyId()));
            Map<String, AttributeValue> item = new HashMap<>(key(r.account(), SK_REPLY + slot));
            // Not "REPLY": that is a reply kept with its post, which stream consumers wake for.
            item.put(TYPE, s("PUBLIC_VOICE"));
            item.put("text", s(PublicVoice.shortened(r.text())));
            items.add(item);
        }
        Batches.put(dynamo, table, items);
        for (KeptReply r : replies) publicVoices.remove(r.account());
    }

    private QueryRequest replies(AccountKey key) {
        return under(key, SK_REPLY);
    }

    private QueryRequest under(AccountKey key, String prefix) {
        return QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s("ACCOUNT#" + key), ":prefix", s(prefix))).build();
    }

    @Override
    public boolean markImported(AccountKey key, String postId) {
        Map<String, AttributeValue> item = new HashMap<>(key(key, SK_IMPORTED + postId));
        item.put(TYPE, s("IMPORTED"));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Account fromItem(Map<String, AttributeValue> item) {
        AccountKey key = new AccountKey(Platform.fromId(str(item, "platform")).orElseThrow(), str(item, "accountId"));
        String policy = str(item, "policy");
        return new Account(key, str(item, "displayName"),
                ZoneId.of(str(item, "timeZone")),
                LocalTime.parse(str(item, "opensAt")),
                LocalTime.parse(str(item, "closesAt")),
                new HashSet<>(strings(item, "usualClients")),
                new HashSet<>(strings(item, "teamSeats")),
                policy == null ? AccountPolicy.DEFAULT : fromJson(policy, AccountPolicy.class));
    }
}
