package com.mispost.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mispost.account.Account;
import com.mispost.account.AccountPolicy;
import com.mispost.intake.GenericWebhook;
import com.mispost.intake.SignatureVerifier;
import com.mispost.local.LocalRuntime;
import com.mispost.local.LocalSecrets;
import com.mispost.local.StaffInbox;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
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

    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LocalRuntime runtime;
    private Instant postedAt;

    Demo(PrintStream out) {
        this.out = out;
    }

    public static int run(java.util.List<String> args, PrintStream out, PrintStream err) {
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
        runtime = LocalRuntime.start(new LocalRuntime.Options(Path.of("template.yaml"), 0, Duration.ofSeconds(2),
                line -> out.println("  [runtime] " + line)));
        try {
            out.println("  local AWS at " + runtime.aws().endpoint() + "; HTTP API at " + runtime.apiUrl());
            runtime.inbox().onReceive(this::printNotice);
            return scenario(s);
        } finally {
            runtime.close();
            out.println();
            out.println("  stopped the local runtime and everything it started");
        }
    }

    private int scenario(JsonNode s) throws Exception {
        JsonNode a = s.path("account");
        Platform platform = Platform.fromId(a.path("platform").asText()).orElseThrow();
        String accountId = a.path("id").asText();
        Account account = new Account(new AccountKey(platform, accountId), a.path("displayName").asText(),
                ZoneId.of(a.path("timeZone").asText("UTC")), LocalTime.parse(a.path("opensAt").asText("08:00")),
                LocalTime.parse(a.path("closesAt").asText("20:00")), strings(a.path("usualClients")),
                strings(a.path("teamSeats")), AccountPolicy.DEFAULT);
        new DynamoDbAccountRegistry(runtime.aws().dynamo, runtime.aws().tableName).save(account);
        out.println("  watching " + account.displayName() + " on " + platform.id() + " (account registry seeded)");
        out.println();

        for (JsonNode p : s.path("brandPosts")) {
            int status = deliver(postEvent(platform, accountId, p));
            out.printf(Locale.ROOT, "  before    webhook   brand post          %s -> %d%n", quote(p.path("text").asText(), 60), status);
        }
        JsonNode m = s.path("mispost");
        postedAt = Instant.now();
        int status = deliver(postEvent(platform, accountId, m));
        line("webhook", "THE MISPOST", quote(m.path("text").asText(), 70) + " -> " + status);
        // The platform redelivers, as platforms do: still one post, one incident, one alert.
        deliver(postEvent(platform, accountId, m));
        line("webhook", "redelivered", "the same post again -> stored once");

        StaffInbox.Received alert = runtime.inbox().await(r -> r.kind().equals("alert"), WAIT);
        String incident = alert.incidentId();

        JsonNode r = s.path("reactions");
        ArrayNode batch = JSON.createArrayNode();
        int n = 0;
        n += reactions(batch, platform, accountId, m.path("id").asText(), "reply", r.path("replies").asInt());
        n += reactions(batch, platform, accountId, m.path("id").asText(), "share", r.path("shares").asInt());
        n += reactions(batch, platform, accountId, m.path("id").asText(), "quote", r.path("quotes").asInt());
        n += reactions(batch, platform, accountId, m.path("id").asText(), "like", r.path("likes").asInt());
        ObjectNode body = JSON.createObjectNode();
        body.set("events", batch);
        deliver(body);
        int redeliveries = r.path("redeliveries").asInt();
        ArrayNode again = JSON.createArrayNode();
        for (int i = 0; i < redeliveries && i < batch.size(); i++) again.add(batch.get(i));
        ObjectNode againBody = JSON.createObjectNode();
        againBody.set("events", again);
        if (redeliveries > 0) deliver(againBody);
        line("webhook", "reactions", n + " replies, shares, quotes and likes (" + redeliveries + " redelivered) -> counted once each");

        runtime.inbox().await(x -> x.kind().equals("drafts-ready"), WAIT);
        JsonNode staff = s.path("staff");
        String name = staff.path("name").asText("staff");

        String ack = linkAfter(alert.body(), "Acknowledge:");
        act(ack, Map.of("actor", name), "acknowledge");
        runtime.inbox().await(x -> x.kind().equals("acknowledged"), WAIT);

        String page = get(linkAfter(alert.body(), "Incident page:"));
        String approve = runtime.apiUrl() + href(page, "class=\"button approve\" href=\"", staff.path("approveTone").asText("plain"));
        String form = get(approve);
        String text = unescape(between(form, "<textarea name=\"text\" rows=\"5\">", "</textarea>"));
        act(approve, Map.of("actor", name, "tone", staff.path("approveTone").asText("plain"), "text", text), "approve");
        runtime.inbox().await(x -> x.kind().equals("approved"), WAIT);

        page = get(linkAfter(alert.body(), "Incident page:"));
        act(runtime.apiUrl() + unescape(attr(page, "id=\"action-repair\" href=\"")),
                Map.of("actor", name, "detail", staff.path("repair").asText()), "repair");
        runtime.inbox().await(x -> x.kind().equals("repair"), WAIT);

        page = get(linkAfter(alert.body(), "Incident page:"));
        act(runtime.apiUrl() + unescape(attr(page, "id=\"action-close\" href=\"")),
                Map.of("actor", name, "detail", staff.path("closeNote").asText()), "close");
        runtime.inbox().await(x -> x.kind().equals("closed"), WAIT);
        Thread.sleep(300); // let the last notice print before the summary line

        out.println();
        out.printf(Locale.ROOT, "  incident %s went from the post to CLOSED in %.1f s; %d notifications reached staff through SNS%n",
                incident, Duration.between(postedAt, Instant.now()).toMillis() / 1000.0, runtime.inbox().received().size());
        return 0;
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

    private int deliver(JsonNode body) throws IOException, InterruptedException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(runtime.apiUrl() + "/webhooks/generic"))
                .header("Content-Type", "application/json")
                .header(GenericWebhook.SIGNATURE_HEADER, SignatureVerifier.signHex(LocalSecrets.value(GenericWebhook.SECRET), bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("intake answered " + r.statusCode() + ": " + r.body());
        return r.statusCode();
    }

    private static ObjectNode postEvent(Platform platform, String accountId, JsonNode p) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", "post");
        e.put("platform", platform.id());
        e.put("account", accountId);
        ObjectNode post = e.putObject("post");
        post.put("id", p.path("id").asText());
        post.put("text", p.path("text").asText());
        post.put("author", p.path("author").asText());
        post.put("client", p.path("client").asText());
        post.put("created_at", Instant.now().toString());
        post.put("url", "https://x.com/i/web/status/" + p.path("id").asText());
        return e;
    }

    private static int reactions(ArrayNode batch, Platform platform, String accountId, String postId, String kind, int count) {
        for (int i = 0; i < count; i++) {
            ObjectNode e = batch.addObject();
            e.put("type", "reaction");
            e.put("platform", platform.id());
            e.put("account", accountId);
            ObjectNode r = e.putObject("reaction");
            r.put("id", kind + "-" + i);
            r.put("kind", kind);
            r.put("post_id", postId);
            r.put("at", Instant.now().toString());
        }
        return count;
    }

    private synchronized void printNotice(StaffInbox.Received r) {
        line("staff <- SNS", r.kind(), r.subject() + "  " + r.attributes());
        for (String l : r.body().split("\n")) {
            if (l.isBlank()) continue;
            out.println("                                  | " + l);
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
