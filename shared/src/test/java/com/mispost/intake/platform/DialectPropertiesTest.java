package com.mispost.intake.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mispost.intake.GenericWebhook;
import com.mispost.intake.InboundEvent;
import com.mispost.intake.MalformedDeliveryException;
import com.mispost.intake.ParsedDelivery;
import com.mispost.intake.PlatformWebhook;
import com.mispost.intake.WebhookRequest;
import com.mispost.intake.WebhookResponse;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No input makes a dialect throw anything but MalformedDeliveryException: random bytes, random
 * JSON trees built from the field names the platforms use, and valid fixtures with random
 * mutations, each fed to every dialect. verify and handshake never throw either.
 */
class DialectPropertiesTest {
    private static final List<PlatformWebhook> DIALECTS = List.of(new XWebhook(), new MetaWebhook(),
            new LinkedInWebhook(), new MastodonWebhook(), new GenericWebhook());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Field names of every dialect, so random trees reach deep into the parsers. */
    private static final String[] KEYS = {
            "for_user_id", "tweet_create_events", "favorite_events", "tweet_delete_events", "follow_events",
            "id", "id_str", "text", "full_text", "extended_tweet", "truncated", "user", "screen_name", "source",
            "in_reply_to_status_id_str", "in_reply_to_user_id_str", "quoted_status", "quoted_status_id_str",
            "retweeted_status", "favorited_status", "status", "user_id", "timestamp_ms", "created_at", "lang",
            "entities", "extended_entities", "media", "type", "data", "event_type", "filter", "payload", "author_id",
            "referenced_tweets", "in_reply_to_user_id", "note_tweet", "includes", "users", "tweets", "attachments",
            "media_keys", "media_key", "username", "object", "entry", "time", "changes", "field", "value", "item",
            "verb", "post_id", "comment_id", "parent_id", "from", "sender_id", "message", "created_time", "published",
            "photos", "post", "permalink_url", "notifications", "notificationId", "action", "organizationalEntity",
            "sourcePost", "decoratedSourcePost", "decoratedGeneratedActivity", "comment", "share", "owner", "entity",
            "generatedActivity", "lastModifiedAt", "event", "account", "content", "spoiler_text", "edited_at",
            "in_reply_to_id", "in_reply_to_account_id", "reblog", "quote", "application", "name",
            "media_attachments", "language", "url", "uri", "events", "platform", "reaction", "kind", "at"};
    private static final String[] TEXTS = {
            "", " ", "status.created", "status.updated", "report.created", "post.create", "post.reply.create",
            "post.delete", "post.quote.create", "page", "instagram", "feed", "mention", "comments", "mentions",
            "add", "edited", "remove", "hide", "unhide", "status", "photo", "comment", "like", "reaction", "share",
            "COMMENT", "LIKE", "SHARE", "ADMIN_COMMENT", "replied_to", "quoted", "retweeted", "1", "0", "-1",
            "1700000000", "1700000000000", "99999999999999999999999", "2026-03-04T09:00:00Z", "2026-03-04T09:00:00+0000",
            "not a time", "Sat Nov 28 05:30:03 +0000 2020", "Sat Nov 99 05:30:03 +0000 2020", "und",
            "<p>hi<br>there &amp; &#x1F600; &#99999999;</p>", "<a href=\"x\">Client</a>", "&", "<", "x", "reply",
            "urn:li:organization:1", "urn:li:activity:2", "\u0000", "\uD800", "\u00e9\u00e8"};

    @Property(tries = 400)
    void randomBytesNeverEscape(@ForAll @Size(max = 300) byte[] body) {
        for (PlatformWebhook d : DIALECTS) assertParsesCleanly(d, body);
    }

    @Property(tries = 200)
    void randomJsonPrefixedBytesNeverEscape(@ForAll @Size(max = 60) byte[] tail, @ForAll("prefixes") String prefix) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(tail, 0, body, head.length, tail.length);
        for (PlatformWebhook d : DIALECTS) assertParsesCleanly(d, body);
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("{", "{\"", "{\"entry\":[", "{\"for_user_id\":\"1\",\"tweet_create_events\":[{",
                "{\"event\":\"status.created\",\"object\":{\"content\":\"", "{\"notifications\":[{\"notificationId\":",
                "{\"data\":{\"event_type\":\"post.create\",\"payload\":", "[", "\"", "\uFEFF{");
    }

    @Property(tries = 600)
    void randomJsonTreesNeverEscape(@ForAll long seed) {
        Random random = new Random(seed);
        byte[] body = json(randomObject(random, 0));
        for (PlatformWebhook d : DIALECTS) assertParsesCleanly(d, body);
    }

    @Property(tries = 1000)
    void mutatedFixturesNeverEscape(@ForAll("fixtures") String fixture, @ForAll long seed,
                                    @ForAll @IntRange(min = 1, max = 6) int mutations) {
        Random random = new Random(seed);
        JsonNode tree = read(Fixtures.bytes(fixture));
        for (int i = 0; i < mutations; i++) tree = mutate(tree, random);
        byte[] body = json(tree);
        for (PlatformWebhook d : DIALECTS) assertParsesCleanly(d, body);
    }

    @Property(tries = 300)
    void byteFlippedFixturesNeverEscape(@ForAll("fixtures") String fixture, @ForAll long seed) {
        Random random = new Random(seed);
        byte[] body = Fixtures.bytes(fixture).clone();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) body[random.nextInt(body.length)] = (byte) random.nextInt(256);
        for (PlatformWebhook d : DIALECTS) assertParsesCleanly(d, body);
    }

    @Example
    void hostileBodiesGetAClearMessageOrAreRead() {
        List<byte[]> bodies = List.of(new byte[0], "null".getBytes(StandardCharsets.UTF_8), "[]".getBytes(StandardCharsets.UTF_8),
                ("{\"id\":" + "9".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8),
                ("{\"a\":".repeat(200) + "1" + "}".repeat(200)).getBytes(StandardCharsets.UTF_8),
                new byte[]{'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
                new byte[]{(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'},
                new byte[]{0, 0, 0, '{'},
                "{\"event\":\"status.created\",\"object\":{\"id\":\"\\ud800\",\"account\":{\"id\":\"1\"},\"created_at\":\"2026-01-01T00:00:00Z\"}}"
                        .getBytes(StandardCharsets.UTF_8),
                "{\"for_user_id\":\"1\",\"tweet_create_events\":[{\"id_str\":\"2\",\"user\":{\"id_str\":\"1\"},\"timestamp_ms\":\"99999999999999999\"}]}"
                        .getBytes(StandardCharsets.UTF_8),
                "{\"entry\":[{\"id\":\"1\",\"time\":-5,\"changes\":[]}]}".getBytes(StandardCharsets.UTF_8));
        for (byte[] body : bodies) {
            for (PlatformWebhook d : DIALECTS) assertParsesCleanly(d, body);
        }
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(Fixtures.ALL);
    }

    @Property(tries = 300)
    void verifyAndHandshakeNeverThrow(@ForAll("headerValues") String value, @ForAll @Size(max = 200) byte[] body) {
        Map<String, String> headers = new HashMap<>();
        for (String h : List.of(XWebhook.SIGNATURE_HEADER, XWebhook.OAUTH2_SIGNATURE_HEADER, MetaWebhook.SIGNATURE_HEADER,
                LinkedInWebhook.SIGNATURE_HEADER, MastodonWebhook.SIGNATURE_HEADER, GenericWebhook.SIGNATURE_HEADER)) {
            headers.put(h, value);
        }
        Map<String, String> query = Map.of("crc_token", value, "hub.mode", "subscribe", "hub.verify_token", value,
                "hub.challenge", value, "challengeCode", value);
        for (PlatformWebhook d : DIALECTS) {
            boolean valid = d.verify(new WebhookRequest("POST", d.platform().id(), Map.of(), headers, body), Fixtures.SECRET_SOURCE);
            assertThat(valid).as("a random signature on %s", d.platform()).isFalse();
            WebhookResponse r = d.handshake(new WebhookRequest("GET", d.platform().id(), query, Map.of(), null), Fixtures.SECRET_SOURCE);
            assertThat(r.status()).isIn(200, 400, 403);
        }
    }

    @Provide
    Arbitrary<String> headerValues() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(100),
                Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(64).map(s -> "sha256=" + s),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64),
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=").ofMaxLength(60)
                        .map(s -> "sha256=" + s));
    }

    private static void assertParsesCleanly(PlatformWebhook dialect, byte[] body) {
        try {
            ParsedDelivery d = dialect.parse(body);
            for (InboundEvent e : d.events()) assertThat(e.deliveryKey()).startsWith(e instanceof InboundEvent.ReactionReceived r
                    ? r.reaction().target().platform().id() : "");
            assertThat(d.rejected()).allSatisfy(m -> assertThat(m).isNotBlank());
        } catch (MalformedDeliveryException expected) {
            assertThat(expected.getMessage()).as("a message a person can act on").isNotBlank();
        }
    }

    private static JsonNode randomValue(Random r, int depth) {
        int pick = r.nextInt(depth >= 5 ? 6 : 9);
        return switch (pick) {
            case 0 -> NODES.textNode(TEXTS[r.nextInt(TEXTS.length)]);
            case 1 -> NODES.numberNode(r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(2_000_000_000));
            case 2 -> NODES.numberNode(new BigInteger(90, r).negate().add(BigInteger.valueOf(r.nextInt())));
            case 3 -> NODES.numberNode(r.nextDouble() * Math.pow(10, r.nextInt(30)));
            case 4 -> r.nextBoolean() ? NODES.booleanNode(r.nextBoolean()) : NODES.nullNode();
            case 5 -> NODES.textNode(randomString(r));
            case 6, 7 -> randomObject(r, depth + 1);
            default -> randomArray(r, depth + 1);
        };
    }

    private static ObjectNode randomObject(Random r, int depth) {
        ObjectNode o = NODES.objectNode();
        for (int i = 0, n = r.nextInt(7); i < n; i++) {
            o.set(r.nextInt(10) == 0 ? randomString(r) : KEYS[r.nextInt(KEYS.length)], randomValue(r, depth));
        }
        return o;
    }

    private static ArrayNode randomArray(Random r, int depth) {
        ArrayNode a = NODES.arrayNode();
        for (int i = 0, n = r.nextInt(4); i < n; i++) a.add(r.nextBoolean() ? randomObject(r, depth) : randomValue(r, depth));
        return a;
    }

    private static String randomString(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = r.nextInt(12); i < n; i++) b.append((char) r.nextInt(r.nextBoolean() ? 128 : 0xFFFF));
        return b.toString();
    }

    /** One random change somewhere in the tree: drop a field, replace a value, null it, or wrap it in an array. */
    private static JsonNode mutate(JsonNode root, Random r) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(r.nextInt(containers.size()));
        if (target instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) names.add(it.next());
            String name = names.get(r.nextInt(names.size()));
            switch (r.nextInt(5)) {
                case 0 -> o.remove(name);
                case 1 -> o.set(name, randomValue(r, 3));
                case 2 -> o.set(name, NODES.nullNode());
                case 3 -> o.set(name, NODES.arrayNode().add(o.get(name)));
                default -> o.set(name, NODES.textNode(o.get(name).asText() + randomString(r)));
            }
        } else if (target instanceof ArrayNode a && a.size() > 0) {
            int i = r.nextInt(a.size());
            switch (r.nextInt(3)) {
                case 0 -> a.remove(i);
                case 1 -> a.set(i, randomValue(r, 3));
                default -> a.add(a.get(i).deepCopy());
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.forEach(child -> collect(child, into));
        }
    }

    private static JsonNode read(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] json(JsonNode tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
