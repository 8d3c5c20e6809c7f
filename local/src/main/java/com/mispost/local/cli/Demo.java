package com.mispost.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mispost.account.Account;
import com.mispost.account.AccountPolicy;
import com.mispost.crowd.Backlash;
import com.mispost.crowd.CrowdReading;
import com.mispost.intake.platform.MetaWebhook;
import com.mispost.intake.platform.XWebhook;
import com.mispost.intake.SignatureVerifier;
import com.mispost.local.LocalRuntime;
import com.mispost.local.LocalSecrets;
import com.mispost.local.StaffInbox;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.PostKey;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;
import com.mispost.store.dynamodb.DynamoDbPostStore;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./mispost demo}: starts the local runtime, replays a scenario from events/scenarios and
 * prints the timeline as staff would live it, each notification as it arrived from SNS.
 */
public final class Demo {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern LINK = Pattern.compile("(https?://\\S+)");
    private static final String QUIET = "10s";

    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalRuntime runtime;
    private Instant postedAt;

    Demo(PrintStream out) {
        this.out = out;
    }

    static final String USAGE = """
            usage: ./mispost demo [scenario.json]
            Replays a scenario (default events/scenarios/larkspur-coffee.json) end to end on the local runtime and
            prints its timeline: deliveries, alert, drafts, reactions, acknowledgement, approval, repair, closure.
            """;

    public static int run(java.util.List<String> args, PrintStream out, PrintStream err) {
        if (Main.asksForHelp(args)) {
            out.print(USAGE);
            return 0;
        }
        Path scenario = Path.of(args.isEmpty() ? "events/scenarios/larkspur-coffee.json" : args.get(0));
        try {
            return new Demo(out).play(scenario);
        } catch (Exception e) {
            err.println("demo failed: " + e.getMessage());
            return 1;
        }
    }

    int play(Path scenarioFile) throws Exception {
        JsonNode s = JSON.readTree(scenarioFile.toFile());
        out.println("Mispost demo: " + s.path("title").asText());
        out.println("  " + s.path("about").asText());
        out.println();
        // The demo lives minutes in seconds: the incident closes once its post is quiet this long after
        // the apology (30 minutes in production). MISPOST_CLOSE_WHEN_QUIET in the environment wins.
        Map<String, String> demoSettings = System.getenv("MISPOST_CLOSE_WHEN_QUIET") == null
                ? Map.of("MISPOST_CLOSE_WHEN_QUIET", QUIET) : Map.of();
        // The functions' own log lines go to a file, so that the timeline reads on its own.
        Path functionLog = Path.of(".mispost", "demo-functions.log");
        Files.createDirectories(functionLog.getParent());
        PrintStream functionOut = new PrintStream(Files.newOutputStream(functionLog), true, StandardCharsets.UTF_8);
        runtime = LocalRuntime.start(new LocalRuntime.Options(Path.of("template.yaml"), 0, Duration.ofSeconds(2),
                line -> out.println("  [runtime] " + line)).withEnvironment(demoSettings).withFunctionLog(functionOut::println));
        try {
            out.println("  local AWS at " + runtime.aws().endpoint() + "; HTTP API at " + runtime.apiUrl());
            runtime.inbox().onReceive(this::printNotice);
            return scenario(s);
        } finally {
            runtime.close();
            functionOut.close();
            out.println();
            out.println("  stopped the local runtime and everything it started; the functions' own logs are in " + functionLog);
        }
    }

    private int scenario(JsonNode s) throws Exception {
        DynamoDbAccountRegistry registry = new DynamoDbAccountRegistry(runtime.aws().dynamo, runtime.aws().tableName);
        String xAccount = null;
        String xHandle = null;
        String pageId = null;
        for (JsonNode a : s.path("accounts")) {
            Account account = account(a);
            Platform platform = account.key().platform();
            registry.save(account);
            if (platform == Platform.X) {
                xAccount = account.key().accountId();
                xHandle = a.path("handle").asText();
            }
            if (platform == Platform.META) pageId = account.key().accountId();
            out.println("  watching " + account.displayName() + " on " + platform.id() + " (account registry seeded)");
        }
        out.println();

        for (JsonNode p : s.path("brandPosts")) {
            int status = deliverX(tweets(xAccount, List.of(tweet(p, xAccount, xHandle, null))));
            out.printf(Locale.ROOT, "  before    webhook   X post              %s -> %d%n", quote(p.path("text").asText(), 60), status);
        }
        for (JsonNode p : s.path("metaPosts")) {
            int status = deliverMeta(pagePost(pageId, p));
            out.printf(Locale.ROOT, "  before    webhook   Facebook post       %s -> %d%n", quote(p.path("text").asText(), 60), status);
        }
        JsonNode m = s.path("mispost");
        String mispostId = m.path("id").asText();
        postedAt = Instant.now();
        ObjectNode mispost = tweets(xAccount, List.of(tweet(m, xAccount, xHandle, null)));
        int status = deliverX(mispost);
        // Most scenarios are misposts the detector flags at once; in a crowd scenario the post's words
        // pass, and the alert comes from the replies.
        boolean fromCrowd = "crowd".equals(s.path("alertFrom").asText("detector"));
        line("webhook", fromCrowd ? "THE POST" : "THE MISPOST", quote(m.path("text").asText(), 70) + " -> " + status);
        // X redelivers, as platforms do: still one post, one incident, one alert.
        deliverX(mispost);
        line("webhook", "redelivered", "X sent the same tweet again -> stored once");

        StaffInbox.Received alert;
        if (fromCrowd) {
            line("detect", "words pass", "the post sounds like the brand; detect reads the replies as they arrive");
            react(s, m, mispostId, xAccount, xHandle);
            alert = runtime.inbox().await(x -> x.kind().equals("alert"), WAIT);
        } else {
            alert = runtime.inbox().await(x -> x.kind().equals("alert"), WAIT);
            react(s, m, mispostId, xAccount, xHandle);
        }
        String incident = alert.incidentId();
        crowdReading(new PostKey(Platform.X, xAccount, mispostId));

        runtime.inbox().await(x -> x.kind().equals("drafts-ready"), WAIT);
        runtime.inbox().await(x -> x.kind().equals("spike"), WAIT);
        JsonNode staff = s.path("staff");
        String name = staff.path("name").asText("staff");

        String ack = linkAfter(alert.body(), "Acknowledge:");
        act(ack, Map.of("actor", name), "acknowledge");
        runtime.inbox().await(x -> x.kind().equals("acknowledged"), WAIT);

        String page = get(linkAfter(alert.body(), "Incident page:"));
        String reactionsLine = between(page, "<p id=\"reactions\">", "</p>");
        line("staff", "incident page", "reactions so far: " + reactionsLine.replaceAll("<[^>]+>", ""));
        String approve = runtime.apiUrl() + href(page, "class=\"button approve\" href=\"", staff.path("approveTone").asText("plain"));
        String form = get(approve);
        String text = unescape(between(form, "<textarea name=\"text\" rows=\"5\">", "</textarea>"));
        act(approve, Map.of("actor", name, "tone", staff.path("approveTone").asText("plain"), "text", text), "approve");
        // The quiet time runs from the apology: both repairs go in at once, well inside it, rather than
        // each waiting for the notice of the one before.
        page = get(linkAfter(alert.body(), "Incident page:"));
        String repair = runtime.apiUrl() + unescape(attr(page, "id=\"action-repair\" href=\""));
        act(repair, Map.of("actor", name, "detail", staff.path("repair").asText()), "repair");
        act(repair, Map.of("actor", name, "detail", "Follow-up: " + staff.path("closeNote").asText()), "repair");
        runtime.inbox().await(x -> x.kind().equals("draft-approved"), WAIT);
        runtime.inbox().await(x -> x.kind().equals("repair"), WAIT);
        line("mispost", "watching", "the incident closes by itself once the post is quiet for "
                + System.getenv().getOrDefault("MISPOST_CLOSE_WHEN_QUIET", QUIET) + " after the apology");
        runtime.inbox().await(x -> x.kind().equals("closed"), WAIT);
        Thread.sleep(300); // let the last notice print before the summary line

        out.println();
        out.printf(Locale.ROOT, "  incident %s went from the post to CLOSED in %.1f s; %d notifications reached staff through SNS%n",
                incident, Duration.between(postedAt, Instant.now()).toMillis() / 1000.0, runtime.inbox().received().size());
        return 0;
    }

    /** The public reacts: replies, quotes and retweets, then likes, in X's format, some redelivered. */
    private void react(JsonNode s, JsonNode m, String mispostId, String xAccount, String xHandle)
            throws IOException, InterruptedException {
        JsonNode r = s.path("reactions");
        List<ObjectNode> reactions = new ArrayList<>();
        long id = 1870000000000000000L;
        int person = 0; // each reply, quote and retweet by someone else: the crowd counts people
        List<String> replyTexts = replyTexts(s);
        for (int i = 0; i < replyTexts.size(); i++) {
            ObjectNode t = publicTweet(++id, "@" + xHandle + " " + replyTexts.get(i), person++);
            t.put("in_reply_to_status_id_str", mispostId);
            t.put("in_reply_to_user_id_str", xAccount);
            reactions.add(t);
        }
        for (int i = 0; i < r.path("quotes").asInt(); i++) {
            ObjectNode t = publicTweet(++id, "screenshotted before it goes " + i, person++);
            t.put("is_quote_status", true);
            t.put("quoted_status_id_str", mispostId);
            t.set("quoted_status", original(mispostId, m, xAccount, xHandle));
            reactions.add(t);
        }
        for (int i = 0; i < r.path("shares").asInt(); i++) {
            ObjectNode t = publicTweet(++id, "RT @" + xHandle + ": " + m.path("text").asText(), person++);
            t.set("retweeted_status", original(mispostId, m, xAccount, xHandle));
            reactions.add(t);
        }
        line("webhook", "reactions", "people notice: replies, quotes, retweets and likes start arriving from X");
        int sent = 0;
        for (int from = 0; from < reactions.size(); from += 10) {
            deliverX(tweets(xAccount, reactions.subList(from, Math.min(reactions.size(), from + 10))));
            sent += Math.min(10, reactions.size() - from);
        }
        ObjectNode likes = JSON.createObjectNode();
        likes.put("for_user_id", xAccount);
        ArrayNode favs = likes.putArray("favorite_events");
        for (int i = 0; i < r.path("likes").asInt(); i++) {
            ObjectNode f = favs.addObject();
            f.put("id", "fav" + i + "x" + mispostId);
            f.put("created_at", X_TIME.format(Instant.now()));
            f.put("timestamp_ms", Instant.now().toEpochMilli());
            f.set("favorited_status", original(mispostId, m, xAccount, xHandle));
            ObjectNode u = f.putObject("user");
            u.put("id_str", Long.toString(9100000000L + i));
            u.put("screen_name", "fan" + i);
        }
        deliverX(likes);
        int redeliveries = r.path("redeliveries").asInt();
        if (redeliveries > 0) deliverX(tweets(xAccount, reactions.subList(0, Math.min(redeliveries, reactions.size()))));
        line("webhook", "reactions", sent + " replies, quotes and retweets and " + favs.size() + " likes in X's format ("
                + redeliveries + " redelivered) -> each counted once");
    }

    /** A watched account as a scenario describes it. */
    static Account account(JsonNode a) {
        Platform platform = Platform.fromId(a.path("platform").asText()).orElseThrow();
        return new Account(new AccountKey(platform, a.path("id").asText()), a.path("displayName").asText(),
                ZoneId.of(a.path("timeZone").asText("UTC")), LocalTime.parse(a.path("opensAt").asText("08:00")),
                LocalTime.parse(a.path("closesAt").asText("20:00")), strings(a.path("usualClients")),
                strings(a.path("teamSeats")), AccountPolicy.DEFAULT);
    }

    /**
     * The replies the scenario's public writes: its own words ({@code reactions.replyTexts}), or as
     * many as {@code reactions.replies} of people asking whether it went to the wrong account.
     */
    static List<String> replyTexts(JsonNode scenario) {
        JsonNode r = scenario.path("reactions");
        List<String> texts = new ArrayList<>();
        r.path("replyTexts").forEach(t -> texts.add(t.asText()));
        if (texts.isEmpty()) for (int i = 0; i < r.path("replies").asInt(); i++) texts.add("wrong account?? " + i);
        return texts;
    }

    /** What the crowd's reading says of the stored replies, as detect reads them (whichever opened the incident). */
    private void crowdReading(PostKey post) {
        var posts = new DynamoDbPostStore(runtime.aws().dynamo, runtime.aws().tableName, java.time.Clock.systemUTC());
        java.time.Duration age = posts.findPost(post).map(p -> java.time.Duration.between(p.createdAt(), Instant.now()))
                .orElse(java.time.Duration.ZERO);
        Backlash b = CrowdReading.read(posts.replies(post, CrowdReading.NEWEST), age);
        line("crowd", "reading", String.format(Locale.ROOT, "%d of the %d newest replies turned against the post "
                + "(%d of %d voices): %s", b.turned().size(), b.read(), b.voices(), b.replying(),
                b.alerts() ? "backlash, " + b.severity().id() : "no backlash"));
    }

    private static final DateTimeFormatter X_TIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static ObjectNode tweets(String forUser, List<ObjectNode> events) {
        ObjectNode body = JSON.createObjectNode();
        body.put("for_user_id", forUser);
        ArrayNode a = body.putArray("tweet_create_events");
        events.forEach(a::add);
        return body;
    }

    /** A tweet by the brand account, as X's Account Activity API delivers it. */
    private static ObjectNode tweet(JsonNode p, String accountId, String handle, String replyTo) {
        ObjectNode t = JSON.createObjectNode();
        t.put("created_at", X_TIME.format(Instant.now()));
        t.put("id_str", p.path("id").asText());
        t.put("text", p.path("text").asText());
        t.put("source", "<a href=\"https://example.com/client\" rel=\"nofollow\">" + p.path("client").asText() + "</a>");
        t.put("truncated", false);
        if (replyTo != null) t.put("in_reply_to_status_id_str", replyTo);
        ObjectNode u = t.putObject("user");
        u.put("id_str", accountId);
        u.put("screen_name", handle);
        t.put("lang", "en");
        t.put("timestamp_ms", Long.toString(Instant.now().toEpochMilli()));
        return t;
    }

    private static ObjectNode original(String id, JsonNode m, String accountId, String handle) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id_str", id);
        o.put("text", m.path("text").asText());
        ObjectNode u = o.putObject("user");
        u.put("id_str", accountId);
        u.put("screen_name", handle);
        return o;
    }

    private static ObjectNode publicTweet(long id, String text, int who) {
        ObjectNode t = JSON.createObjectNode();
        t.put("created_at", X_TIME.format(Instant.now()));
        t.put("id_str", Long.toString(id));
        t.put("text", text);
        t.put("truncated", false);
        ObjectNode u = t.putObject("user");
        u.put("id_str", Long.toString(8100000000L + who));
        u.put("screen_name", "someone" + who);
        t.put("timestamp_ms", Long.toString(Instant.now().toEpochMilli()));
        return t;
    }

    /** A post on the brand's Facebook Page, as Meta's Pages feed webhook delivers it. */
    private static ObjectNode pagePost(String pageId, JsonNode p) {
        ObjectNode body = JSON.createObjectNode();
        body.put("object", "page");
        ObjectNode entry = body.putArray("entry").addObject();
        entry.put("id", pageId);
        entry.put("time", Instant.now().getEpochSecond());
        ObjectNode change = entry.putArray("changes").addObject();
        change.put("field", "feed");
        ObjectNode v = change.putObject("value");
        ObjectNode from = v.putObject("from");
        from.put("id", pageId);
        from.put("name", "Larkspur Coffee Co.");
        v.put("item", "status");
        v.put("verb", "add");
        v.put("post_id", p.path("id").asText());
        v.put("published", 1);
        v.put("created_time", Instant.now().getEpochSecond());
        v.put("message", p.path("text").asText());
        return body;
    }

    private void act(String link, Map<String, String> form, String what) throws IOException, InterruptedException {
        String body = String.join("&", form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + r.body());
        line("staff", what, "via the signed link, as " + form.get("actor"));
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("GET " + url + " answered " + r.statusCode());
        return r.body();
    }

    private int deliverX(JsonNode body) throws IOException, InterruptedException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        String sig = "sha256=" + Base64.getEncoder().encodeToString(
                SignatureVerifier.hmacSha256(LocalSecrets.value(XWebhook.SECRET), bytes));
        return deliver("x", bytes, XWebhook.SIGNATURE_HEADER, sig);
    }

    private int deliverMeta(JsonNode body) throws IOException, InterruptedException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        return deliver("meta", bytes, MetaWebhook.SIGNATURE_HEADER,
                SignatureVerifier.signHex(LocalSecrets.value(MetaWebhook.SECRET), bytes));
    }

    private int deliver(String platform, byte[] bytes, String header, String signature) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl() + "/webhooks/" + platform))
                .header("Content-Type", "application/json")
                .header(header, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(platform + " intake answered " + r.statusCode() + ": " + r.body());
        return r.statusCode();
    }

    private synchronized void printNotice(StaffInbox.Received r) {
        line("staff <- SNS", r.kind(), r.subject() + "  " + r.attributes());
        for (String l : r.body().split("\n")) {
            if (l.isBlank()) continue;
            out.println("                                  | " + l);
        }
        if (r.chat() != null) {
            // What Slack or Teams shows, through Amazon Q Developer: one thread per incident.
            JsonNode c = r.chat().path("content");
            out.println("                                  chat, thread " + r.thread() + ": " + c.path("title").asText()
                    + "  " + c.path("keywords"));
        }
    }

    private synchronized void line(String who, String what, String detail) {
        double t = postedAt == null ? 0 : Duration.between(postedAt, Instant.now()).toMillis() / 1000.0;
        out.printf(Locale.ROOT, "  +%6.2fs  %-13s %-14s %s%n", t, who, what, detail);
    }

    private static String linkAfter(String body, String label) {
        int i = body.indexOf(label);
        if (i < 0) throw new IllegalStateException("the notice has no '" + label + "' link");
        Matcher m = LINK.matcher(body.substring(i));
        if (!m.find()) throw new IllegalStateException("no link after '" + label + "'");
        return m.group(1);
    }

    private static String href(String page, String marker, String tone) {
        int from = 0;
        while (true) {
            int i = page.indexOf(marker, from);
            if (i < 0) throw new IllegalStateException("the incident page has no approve link for " + tone);
            String h = unescape(page.substring(i + marker.length(), page.indexOf('"', i + marker.length())));
            if (h.endsWith("tone=" + tone)) return h;
            from = i + 1;
        }
    }

    private static String attr(String page, String marker) {
        int i = page.indexOf(marker);
        if (i < 0) throw new IllegalStateException("the incident page has no " + marker);
        return page.substring(i + marker.length(), page.indexOf('"', i + marker.length()));
    }

    private static String between(String s, String a, String b) {
        int i = s.indexOf(a);
        if (i < 0) return "";
        return s.substring(i + a.length(), s.indexOf(b, i + a.length()));
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    private static String quote(String s, int max) {
        String one = s.replaceAll("\\s+", " ");
        return "\"" + (one.length() <= max ? one : one.substring(0, max - 1) + "…") + "\"";
    }

    private static HashSet<String> strings(JsonNode arr) {
        HashSet<String> out = new HashSet<>();
        arr.forEach(x -> out.add(x.asText()));
        return out;
    }
}
