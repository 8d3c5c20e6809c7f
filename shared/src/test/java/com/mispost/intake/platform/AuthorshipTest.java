package com.mispost.intake.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mispost.intake.InboundEvent;
import com.mispost.intake.MalformedDeliveryException;
import com.mispost.intake.ParsedDelivery;
import com.mispost.intake.PlatformWebhook;
import com.mispost.post.Platform;
import com.mispost.post.PostKey;
import com.mispost.post.Reaction;
import com.mispost.post.ReactionKind;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who wrote an item comes from what the platform says of its author, never from an id's shape:
 * no event whose author is not proven to be the account becomes one of the account's posts
 * (published, edited or deleted), in any dialect.
 */
class AuthorshipTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-05T00:00:00Z"), ZoneOffset.UTC);
    private static final String PAGE = "510000000000001";
    private static final String X_ACCOUNT = "4400000000000000001";
    private static final String ORG = "urn:li:organization:8080";
    private static final String BRAND = "112000000000000042";

    private final MetaWebhook meta = new MetaWebhook(CLOCK);
    private final XWebhook x = new XWebhook(CLOCK);
    private final LinkedInWebhook linkedIn = new LinkedInWebhook(CLOCK);
    private final MastodonWebhook mastodon = new MastodonWebhook();

    // ---- the examples: each was the account's post before the fix ----

    @Example
    void aCommentThatNamesNoOneOnAPagePostIsTheirReactionNotThePagesPost() throws Exception {
        String postId = PAGE + "_9001";
        ParsedDelivery d = meta.parse(json(pageFeed(PAGE, value("comment", "add", postId)
                .put("comment_id", "9001_77").put("parent_id", postId).put("message", "you people are a disgrace"))));
        assertThat(d.events()).singleElement().isEqualTo(new InboundEvent.ReactionReceived(new Reaction(
                new PostKey(Platform.META, PAGE, postId), ReactionKind.COMMENT, "9001_77", Instant.ofEpochSecond(1772600000),
                "you people are a disgrace", null), "meta/" + PAGE + "/comment/9001_77/add/1772600000"));
    }

    @Example
    void aStatusOrAnEditThatNamesNoOneIsNeverThePages() throws Exception {
        for (String verb : List.of("add", "edited", "remove")) {
            ParsedDelivery d = meta.parse(json(pageFeed(PAGE, value("status", verb, PAGE + "_9002").put("message", "hello"))));
            assertThat(d.events()).as(verb).isEmpty();
            assertThat(d.ignored()).as(verb).singleElement().asString().contains("does not name its author");
        }
        ParsedDelivery edited = meta.parse(json(pageFeed(PAGE, value("comment", "edited", PAGE + "_9002")
                .put("comment_id", "9002_1").put("message", "edited by a stranger"))));
        assertThat(edited.events()).isEmpty();
    }

    @Example
    void aLikeThatNamesNoOneIsAcknowledgedButNotCountedOrRejected() throws Exception {
        ParsedDelivery d = meta.parse(json(pageFeed(PAGE, value("like", "add", PAGE + "_9003"))));
        assertThat(d.events()).isEmpty();
        assertThat(d.rejected()).isEmpty();
        assertThat(d.ignored()).singleElement().asString().contains("names no one");
    }

    @Example
    void thePagesOwnCommentIsStillItsPostWhenMetaNamesThePage() throws Exception {
        ObjectNode v = value("comment", "add", PAGE + "_9004").put("comment_id", "9004_1").put("message", "Thank you!");
        v.putObject("from").put("id", PAGE);
        assertThat(Fixtures.only(meta.parse(json(pageFeed(PAGE, v))).events(), InboundEvent.PostPublished.class).post().postId())
                .isEqualTo("9004_1");
        // The older envelope names the author in sender_id.
        ObjectNode old = value("comment", "add", PAGE + "_9004").put("comment_id", "9004_2").put("sender_id", Long.parseLong(PAGE));
        assertThat(Fixtures.only(meta.parse(json(pageFeed(PAGE, old))).events(), InboundEvent.PostPublished.class).post().postId())
                .isEqualTo("9004_2");
    }

    @Example
    void anInstagramCommentThatNamesNoOneIsAReaction() throws Exception {
        ObjectNode root = MAPPER.createObjectNode().put("object", "instagram");
        ObjectNode entry = root.putArray("entry").addObject().put("id", "17841400000000009").put("time", 1772600000);
        ObjectNode v = entry.putArray("changes").addObject().put("field", "comments").putObject("value");
        v.put("id", "18100000000000099").put("text", "lol");
        v.putObject("media").put("id", "18000000000000009");
        InboundEvent.ReactionReceived r = Fixtures.only(meta.parse(json(root)).events(), InboundEvent.ReactionReceived.class);
        assertThat(r.reaction().author()).isNull();
        assertThat(r.reaction().target().postId()).isEqualTo("18000000000000009");
    }

    @Example
    void theAccountsRetweetIsNotItsPostInEitherEnvelope() throws Exception {
        ObjectNode root = MAPPER.createObjectNode().put("for_user_id", X_ACCOUNT);
        ObjectNode t = root.putArray("tweet_create_events").addObject().put("id_str", "4500000000000000001")
                .put("created_at", "Wed Mar 04 09:00:00 +0000 2026").put("text", "RT @someone: a stranger's words");
        t.putObject("user").put("id_str", X_ACCOUNT).put("screen_name", "Brand");
        ObjectNode rt = t.putObject("retweeted_status").put("id_str", "4500000000000000000").put("text", "a stranger's words");
        rt.putObject("user").put("id_str", "4400000000000000099").put("screen_name", "someone");
        ParsedDelivery d = x.parse(json(root));
        assertThat(d.events()).isEmpty();
        assertThat(d.ignored()).singleElement().asString().contains("retweet");

        ObjectNode v2 = MAPPER.createObjectNode();
        ObjectNode e = v2.putObject("data").put("event_type", "post.create");
        e.putObject("filter").put("user_id", X_ACCOUNT);
        ObjectNode p = e.putObject("payload").put("id", "4500000000000000002").put("author_id", X_ACCOUNT)
                .put("created_at", "2026-03-04T09:00:00Z").put("text", "RT @someone: a stranger's words");
        p.putArray("referenced_tweets").addObject().put("type", "retweeted").put("id", "4500000000000000000");
        assertThat(x.parse(json(v2)).events()).isEmpty();
    }

    @Example
    void theAccountsQuoteIsItsPostWithItsOwnWords() throws Exception {
        ObjectNode root = MAPPER.createObjectNode().put("for_user_id", X_ACCOUNT);
        ObjectNode t = root.putArray("tweet_create_events").addObject().put("id_str", "4500000000000000003")
                .put("created_at", "Wed Mar 04 09:00:00 +0000 2026").put("text", "We agree!")
                .put("quoted_status_id_str", "4500000000000000000");
        t.putObject("user").put("id_str", X_ACCOUNT);
        ObjectNode q = t.putObject("quoted_status").put("id_str", "4500000000000000000").put("text", "a stranger's words");
        q.putObject("user").put("id_str", "4400000000000000099");
        var post = Fixtures.only(x.parse(json(root)).events(), InboundEvent.PostPublished.class).post();
        assertThat(post.text()).isEqualTo("We agree!");
        assertThat(post.quoteOf()).isEqualTo("4500000000000000000");
    }

    @Example
    void anAdminCommentAsAMemberOrWithNoOwnerIsAReaction() throws Exception {
        for (String owner : new String[]{"urn:li:person:Adm1n", null}) {
            ObjectNode n = MAPPER.createObjectNode().put("notificationId", 77).put("action", "ADMIN_COMMENT")
                    .put("organizationalEntity", ORG).put("sourcePost", "urn:li:activity:1").put("lastModifiedAt", 1772601300000L);
            ObjectNode c = n.putObject("decoratedGeneratedActivity").putObject("comment")
                    .put("text", "my own opinion").put("entity", "urn:li:comment:(urn:li:activity:1,2)");
            if (owner != null) c.put("owner", owner);
            InboundEvent.ReactionReceived r = Fixtures.only(linkedIn.parse(json(n)).events(), InboundEvent.ReactionReceived.class);
            assertThat(r.reaction().kind()).isEqualTo(ReactionKind.COMMENT);
            assertThat(r.reaction().author()).isEqualTo(owner);
        }
    }

    @Example
    void aBoostIsAShareOfTheBoostedStatusAndNoOnesPost() throws Exception {
        ObjectNode s = status("113000000000000500", BRAND, "");
        s.set("reblog", status("113000000000000400", "109000000000000666", "<p>a stranger's words</p>"));
        ParsedDelivery d = mastodon.parse(json(MAPPER.createObjectNode().put("event", "status.created").set("object", s)));
        InboundEvent.ReactionReceived share = Fixtures.only(d.events(), InboundEvent.ReactionReceived.class);
        assertThat(share.reaction().target()).isEqualTo(new PostKey(Platform.MASTODON, "109000000000000666", "113000000000000400"));
        assertThat(d.events()).hasSize(1);
        // A boost of the account's own status is no one's post either.
        s.set("reblog", status("113000000000000401", BRAND, "<p>our words</p>"));
        ParsedDelivery self = mastodon.parse(json(MAPPER.createObjectNode().put("event", "status.created").set("object", s)));
        assertThat(self.events()).isEmpty();
        assertThat(self.ignored()).singleElement().asString().contains("boost");
    }

    // ---- the properties: random authors that are not the account, random item shapes ----

    @Property(tries = 400)
    void noMetaChangeByAnyoneButThePageIsThePages(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        String item = pick(r, "status", "post", "photo", "video", "share", "album", "event", "comment", "like", "reaction");
        String verb = pick(r, "add", "edited", "edit", "remove", "hide", "unhide", "delete");
        // The trap: every id here starts with the page's id, as visitors' posts and comments on page posts do.
        String postId = PAGE + "_" + r.nextInt(1_000_000);
        ObjectNode v = value(item, verb, postId).put("message", "words").put("comment_id", postId + "_" + r.nextInt(1000));
        if (r.nextBoolean()) v.put("parent_id", postId);
        stranger(r, v, PAGE);
        assertNoneIsTheAccounts(meta, pageFeed(PAGE, v), PAGE);
    }

    @Property(tries = 200)
    void noInstagramCommentByAnyoneButTheAccountIsItsPost(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        String account = "17841400000000001";
        ObjectNode root = MAPPER.createObjectNode().put("object", "instagram");
        ObjectNode entry = root.putArray("entry").addObject().put("id", account).put("time", 1772600000);
        ObjectNode v = entry.putArray("changes").addObject().put("field", "comments").putObject("value");
        v.put("id", account + r.nextInt(1000)).put("text", "words");
        v.putObject("media").put("id", account + "_" + r.nextInt(1000));
        if (r.nextBoolean()) v.put("parent_id", account + r.nextInt(1000));
        stranger(r, v, account);
        assertNoneIsTheAccounts(meta, root, account);
    }

    @Property(tries = 300)
    void noTweetByAnotherAccountIsTheAccounts(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        ObjectNode root = MAPPER.createObjectNode().put("for_user_id", X_ACCOUNT);
        ObjectNode t = root.putArray("tweet_create_events").addObject().put("id_str", X_ACCOUNT + r.nextInt(1000))
                .put("created_at", "Wed Mar 04 09:00:00 +0000 2026").put("text", "words");
        boolean ownRetweet = r.nextInt(4) == 0;
        t.putObject("user").put("id_str", ownRetweet ? X_ACCOUNT : otherId(r, X_ACCOUNT));
        if (r.nextBoolean()) {
            t.put("in_reply_to_user_id_str", pick(r, X_ACCOUNT, otherId(r, X_ACCOUNT))).put("in_reply_to_status_id_str", "45" + r.nextInt(1000));
        }
        if (ownRetweet || r.nextBoolean()) {
            ObjectNode rt = t.putObject("retweeted_status").put("id_str", "46" + r.nextInt(1000)).put("text", "theirs");
            rt.putObject("user").put("id_str", pick(r, X_ACCOUNT, otherId(r, X_ACCOUNT)));
        }
        if (r.nextBoolean()) {
            ObjectNode q = t.putObject("quoted_status").put("id_str", "47" + r.nextInt(1000)).put("text", "theirs");
            q.putObject("user").put("id_str", pick(r, X_ACCOUNT, otherId(r, X_ACCOUNT)));
        }
        if (r.nextBoolean()) t.putObject("edit_history").put("initial_tweet_id", "48" + r.nextInt(1000));
        assertNoneIsTheAccounts(x, root, X_ACCOUNT);

        ObjectNode v2 = MAPPER.createObjectNode();
        ObjectNode e = v2.putObject("data").put("event_type", pick(r, "post.create", "post.reply.create", "post.quote.create",
                "post.repost.create", "post.delete"));
        e.putObject("filter").put("user_id", X_ACCOUNT);
        ObjectNode p = e.putObject("payload").put("id", "49" + r.nextInt(1000))
                .put("author_id", ownRetweet ? X_ACCOUNT : otherId(r, X_ACCOUNT)).put("created_at", "2026-03-04T09:00:00Z").put("text", "words");
        ArrayNode refs = p.putArray("referenced_tweets");
        if (ownRetweet || r.nextBoolean()) refs.addObject().put("type", "retweeted").put("id", "46" + r.nextInt(1000));
        if (r.nextBoolean()) refs.addObject().put("type", pick(r, "replied_to", "quoted")).put("id", "47" + r.nextInt(1000));
        if (ownRetweet && e.path("event_type").asText().equals("post.delete")) return; // the account deleting its own retweet
        assertNoneIsTheAccounts(x, v2, X_ACCOUNT);
    }

    @Property(tries = 300)
    void noLinkedInActivityNotOwnedByTheOrganizationIsItsPost(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        String action = pick(r, "COMMENT", "ADMIN_COMMENT", "SHARE", "LIKE", "COMMENT_EDIT", "SHARE_MENTION");
        ObjectNode n = MAPPER.createObjectNode().put("notificationId", r.nextInt(1_000_000)).put("action", action)
                .put("organizationalEntity", ORG).put("sourcePost", "urn:li:activity:" + r.nextInt(1000))
                .put("lastModifiedAt", 1772601300000L);
        if (r.nextBoolean()) n.put("generatedActivity", "urn:li:activity:" + r.nextInt(1000));
        ObjectNode activity = n.putObject("decoratedGeneratedActivity").putObject(pick(r, "comment", "share"));
        activity.put("text", "words").put("entity", "urn:li:comment:" + r.nextInt(1000));
        switch (r.nextInt(3)) {
            case 0 -> activity.put("owner", "urn:li:person:" + Integer.toString(r.nextInt(1 << 20), 36));
            case 1 -> activity.put("owner", "urn:li:organization:" + (9000 + r.nextInt(1000)));
            default -> { } // names no owner
        }
        assertNoneIsTheAccounts(linkedIn, n, ORG);
    }

    @Property(tries = 300)
    void aMastodonStatusIsOnlyItsAuthorsPostAndABoostIsNoOnes(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        String author = otherId(r, BRAND);
        ObjectNode s = status("113" + r.nextInt(1_000_000), author, "<p>the author's words</p>");
        boolean boost = r.nextBoolean();
        if (boost) s.set("reblog", status("114" + r.nextInt(1000), pick(r, BRAND, author, otherId(r, BRAND)), "<p>boosted words</p>"));
        if (r.nextBoolean()) s.put("in_reply_to_id", "115" + r.nextInt(1000)).put("in_reply_to_account_id", pick(r, BRAND, author));
        if (r.nextBoolean()) s.putObject("quote").set("quoted_status", status("116" + r.nextInt(1000), BRAND, "<p>ours</p>"));
        ObjectNode root = MAPPER.createObjectNode().put("event", pick(r, "status.created", "status.updated"));
        root.set("object", s);
        // The watched account did not write this status: nothing in it is the brand's post.
        assertNoneIsTheAccounts(mastodon, root, BRAND);
        for (InboundEvent e : parse(mastodon, root).events()) {
            if (e instanceof InboundEvent.PostPublished || e instanceof InboundEvent.PostEdited) {
                assertThat(boost).as("a boost is no one's post: %s", e).isFalse();
                assertThat(postKey(e).accountId()).isEqualTo(author);
            }
        }
    }

    private static void assertNoneIsTheAccounts(PlatformWebhook dialect, ObjectNode body, String account) throws Exception {
        ParsedDelivery d = parse(dialect, body);
        for (InboundEvent e : d.events()) {
            PostKey post = postKey(e);
            assertThat(post == null || !post.accountId().equals(account))
                    .as("%s made the account's post from %s", e, body).isTrue();
        }
    }

    private static ParsedDelivery parse(PlatformWebhook dialect, ObjectNode body) {
        try {
            return dialect.parse(json(body));
        } catch (MalformedDeliveryException refused) {
            return new ParsedDelivery(List.of(), List.of(refused.getMessage()));
        }
    }

    /** The post an event makes or changes as the account's own; null for a reaction. */
    private static PostKey postKey(InboundEvent e) {
        if (e instanceof InboundEvent.PostPublished p) return p.post().key();
        if (e instanceof InboundEvent.PostEdited p) return p.post().key();
        if (e instanceof InboundEvent.PostDeleted p) return p.post();
        return null;
    }

    /** Names an author who is not the account, or no one (Meta's 'from' left out), in one of the envelopes Meta uses. */
    private static void stranger(Random r, ObjectNode v, String account) {
        switch (r.nextInt(4)) {
            case 0 -> v.putObject("from").put("id", otherId(r, account)).put("name", "Someone");
            case 1 -> v.put("sender_id", otherId(r, account));
            case 2 -> v.putObject("from").put("name", "No id given");
            default -> { } // no author at all
        }
    }

    private static String otherId(Random r, String account) {
        // Often the account's id with something after it, as a prefix check would wrongly accept.
        return r.nextBoolean() ? account + r.nextInt(10) : String.valueOf(100_000 + r.nextInt(1_000_000));
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    private static ObjectNode pageFeed(String page, ObjectNode value) {
        ObjectNode root = MAPPER.createObjectNode().put("object", "page");
        ObjectNode entry = root.putArray("entry").addObject().put("id", page).put("time", 1772600000);
        entry.putArray("changes").addObject().put("field", "feed").set("value", value);
        return root;
    }

    private static ObjectNode value(String item, String verb, String postId) {
        return MAPPER.createObjectNode().put("item", item).put("verb", verb).put("post_id", postId)
                .put("created_time", 1772600000);
    }

    private static ObjectNode status(String id, String account, String content) {
        ObjectNode s = MAPPER.createObjectNode().put("id", id).put("created_at", "2026-03-04T09:20:00.000Z").put("content", content);
        s.putObject("account").put("id", account);
        return s;
    }

    private static byte[] json(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
