package com.mispost.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mispost.account.Account;
import com.mispost.config.SuiteFactory;
import com.mispost.intake.SignatureVerifier;
import com.mispost.intake.WebhookRequest;
import com.mispost.intake.WebhookResponse;
import com.mispost.intake.platform.XWebhook;
import com.mispost.local.LocalAws;
import com.mispost.local.LocalSecrets;
import com.mispost.local.MotoServer;
import com.mispost.local.StreamCounter;
import com.mispost.local.TemplateModel;
import com.mispost.metrics.emf.EmfMetricsRecorder;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.post.PostKey;
import com.mispost.store.AccountRegistry;
import com.mispost.store.PostStore;
import com.mispost.store.StreamedReaction;
import com.mispost.store.dynamodb.ReactionItems;
import com.mispost.usecase.intake.DeliveryWatch;
import com.mispost.usecase.intake.WebhookIntake;
import com.mispost.watch.SilencePolicy;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The capacity model of a viral mispost on AWS: R reactions a second to one post for M minutes.
 * What each reaction costs is measured, not typed in: the suite's own intake (WebhookIntake with
 * the DynamoDB adapters, as the intake function composes them) takes real-sized X deliveries on a
 * local DynamoDB while {@link CapacityMeter} prices every request in DynamoDB's units; the detect
 * function's counting is measured on the markers the table's stream then holds. The limits and
 * prices are AWS's documented ones (see {@link Aws} and docs/PERFORMANCE.md). A harness:
 * {@code ./mispost bench viral-model --rate R [--minutes M] [--replies-every 5] [--redeliver-every 10]}.
 */
public final class ViralModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AccountKey BRAND = new AccountKey(Platform.X, "4400000000000000888");
    private static final String POST_ID = "1870000000000000002";
    /** Deliveries of each kind measured; enough to touch every counter lane. */
    private static final int SAMPLE = 64;
    /**
     * How often a platform tries a delivery again after a 5xx. Not a documented AWS figure: X and Meta
     * each retry a failed webhook a few times over minutes; three is taken for both.
     */
    private static final int PLATFORM_RETRIES = 3;

    /** AWS's documented limits and prices (us-east-1); each one's source is in docs/PERFORMANCE.md. */
    static final class Aws {
        /** Write units a second one partition (and so one partition key) takes. */
        static final double PARTITION_WRU = 1000;
        /** What a new on-demand table serves at once; it then takes up to double its previous peak. */
        static final double ON_DEMAND_INITIAL_WRU = 4000;
        /** An on-demand table may throttle above double its previous peak for this long while it scales. */
        static final double DOUBLING_MINUTES = 30;
        /** Default per-table throughput quota in on-demand mode. */
        static final double TABLE_QUOTA_WRU = 40_000;
        /** Lambda polls each stream shard this often a second. */
        static final double STREAM_POLLS_PER_SECOND = 4;
        /** DynamoDB's "single-digit millisecond" latency, taken at its top. */
        static final double REQUEST_SECONDS = 0.010;
        static final double WRU_PRICE = 0.625e-6;
        static final double RRU_PRICE = 0.125e-6;
        static final double STORAGE_GB_MONTH = 0.25;
        static final double PITR_GB_MONTH = 0.20;
        /** DynamoDB adds this much to every item for storage billing. */
        static final double ITEM_OVERHEAD_BYTES = 100;
        static final double LAMBDA_REQUEST_PRICE = 0.20e-6;
        static final double LAMBDA_GB_SECOND = 0.0000166667;
        static final double HTTP_API_REQUEST_PRICE = 1.00e-6;
        static final double LOGS_INGEST_GB = 0.50;
        /** Lambda's own START, END and REPORT lines per invocation, about. */
        static final double LAMBDA_LOG_BYTES = 300;

        private Aws() {
        }
    }

    private ViralModel() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, Integer> o = WholeNumberOptions.read(args, Map.of("--rate", 1000, "--minutes", 60, "--replies-every", 5,
                "--redeliver-every", 10), 1, "usage: bench viral-model --rate R (1000) [--minutes M (60)] [--replies-every N (5)] "
                + "[--redeliver-every N (10)]", err);
        if (o == null) return 2;
        TemplateModel template = TemplateModel.read(Path.of("template.yaml"));
        Measured m;
        try {
            m = measure(template, out);
        } catch (Exception e) {
            err.println("viral-model: measuring on the local DynamoDB failed: " + e);
            return 1;
        }
        model(o.get("--rate"), o.get("--minutes"), 1.0 / o.get("--replies-every"), 1.0 / o.get("--redeliver-every"),
                template, m, out);
        return 0;
    }

    /** Per delivery of each kind, and per counter lane and stream batch: units, requests, bytes kept. */
    record Measured(CapacityMeter.Phase like, CapacityMeter.Phase reply, CapacityMeter.Phase redelivery,
                    CapacityMeter.Phase dropped, CapacityMeter.Phase count, int countLanes, CapacityMeter.Phase recount,
                    CapacityMeter.Phase crowd, CapacityMeter.Phase sweep, double likeBodyBytes, double replyBodyBytes, Map<String, Double> keptBytes,
                    double metricBytesPerDelivery) {
    }

    private static Measured measure(TemplateModel template, PrintStream out) throws Exception {
        try (MotoServer moto = MotoServer.start(); LocalAws aws = new LocalAws(moto.endpoint(), true)) {
            aws.provision(template, "viral" + UUID.randomUUID().toString().substring(0, 6));
            DynamoDbClient plain = aws.dynamo;
            CapacityMeter meter = new CapacityMeter(plain, aws.tableName);
            try (DynamoDbClient metered = DynamoDbClient.builder().region(Region.of(LocalAws.REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.LOCAL_ACCESS_KEY, LocalAws.LOCAL_ACCESS_KEY)))
                    .endpointOverride(URI.create(moto.endpoint())).httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(meter).build()).build()) {
                Clock clock = Clock.systemUTC();
                SuiteFactory suite = new SuiteFactory();
                PostStore posts = suite.postStore(metered, aws.tableName, clock);
                AccountRegistry accounts = suite.accountRegistry(metered, aws.tableName);
                ByteArrayOutputStream metrics = new ByteArrayOutputStream();
                DeliveryWatch watch = suite.deliveryWatch(suite.heartbeats(metered, aws.tableName),
                        new EmfMetricsRecorder("Mispost", "IntakeFunction", new PrintStream(metrics, true), clock), SilencePolicy.of(null, null), clock);
                WebhookIntake intake = suite.webhookIntake(clock, name -> Optional.ofNullable(LocalSecrets.value(name)), accounts, posts,
                        suite.incidentStore(metered, aws.tableName), watch);
                meter.phase("setup");
                accounts.save(Account.watched(BRAND, "Viral Outfitters"));
                expect(deliver(intake, Map.of("for_user_id", BRAND.accountId(), "tweet_create_events",
                        List.of(Storm.tweet(POST_ID, "ugh my boss kept me late again. beers tonight?? who's in", BRAND.accountId(), null, 0)))));
                double likeBytes = 0;
                double replyBytes = 0;
                List<Map<String, Object>> likes = new ArrayList<>();
                meter.phase("like");
                metrics.reset();
                for (int i = 1; i <= SAMPLE; i++) {
                    Map<String, Object> like = Storm.reaction(BRAND, POST_ID, i * 2L + 1, 2);
                    likes.add(like);
                    likeBytes += JSON.writeValueAsBytes(like).length;
                    expect(deliver(intake, like));
                }
                double metricBytes = metrics.size() / (double) SAMPLE;
                meter.phase("reply");
                for (int i = 1; i <= SAMPLE; i++) {
                    Map<String, Object> reply = Storm.reaction(BRAND, POST_ID, i * 2L, 2);
                    replyBytes += JSON.writeValueAsBytes(reply).length;
                    expect(deliver(intake, reply));
                }
                meter.phase("redelivery");
                for (Map<String, Object> like : likes) expect(deliver(intake, like));
                meter.phase("dropped");
                for (int i = 1; i <= SAMPLE; i++) expect(deliver(intake, Storm.reaction(BRAND, "1870000000000999999", i * 2L + 1, 2)));

                StreamCounter stream = new StreamCounter(aws, posts);
                List<StreamedReaction> seen = stream.read();
                if (seen.size() != 2 * SAMPLE) throw new IllegalStateException("the stream holds " + seen.size() + " markers, not " + 2 * SAMPLE);
                Set<String> lanes = new HashSet<>();
                seen.forEach(r -> lanes.add(r.lane()));
                meter.phase("count");
                posts.countReactions(seen);
                meter.phase("recount");
                posts.countReactions(seen); // the same batch again, whole: what a retried batch costs
                // What detect reads when a batch holds replies to a post without an incident: the crowd's reading.
                meter.phase("crowd");
                PostKey viral = new PostKey(Platform.X, BRAND.accountId(), POST_ID);
                suite.incidentStore(metered, aws.tableName).find(com.mispost.incident.IncidentIds.forPost(viral));
                posts.findPost(viral);
                posts.replies(viral, com.mispost.crowd.CrowdReading.NEWEST);
                posts.reactionCounts(viral);
                meter.phase("sweep");
                posts.recentReactions(new PostKey(Platform.X, BRAND.accountId(), POST_ID), Instant.now().minusSeconds(120));
                meter.phase("done");
                out.printf(Locale.ROOT, "  measured on the local DynamoDB: %d likes, %d replies, %d redeliveries, %d likes of a post not "
                        + "stored, through intake; %d markers counted in one batch over %d lanes%n", SAMPLE, SAMPLE, SAMPLE, SAMPLE,
                        seen.size(), lanes.size());
                return new Measured(meter.get("like"), meter.get("reply"), meter.get("redelivery"), meter.get("dropped"),
                        meter.get("count"), lanes.size(), meter.get("recount"), meter.get("crowd"), meter.get("sweep"), likeBytes / SAMPLE,
                        replyBytes / SAMPLE, keptBytes(plain, aws.tableName), metricBytes);
            }
        }
    }

    /** Bytes kept per item family, with DynamoDB's per-item overhead, per reaction stored (likes and replies). */
    private static Map<String, Double> keptBytes(DynamoDbClient dynamo, String table) {
        Map<String, Double> bytes = new java.util.TreeMap<>();
        dynamo.scanPaginator(b -> b.tableName(table)).items().forEach(item -> {
            String pk = item.get("PK").s();
            String family = pk.substring(0, pk.contains("#") ? pk.indexOf('#') : pk.length());
            long expires = item.containsKey("expiresAt") ? Long.parseLong(item.get("expiresAt").n()) - Instant.now().getEpochSecond() : -1;
            String kept = family + (expires < 0 ? " (kept)" : String.format(Locale.ROOT, " (%d days)", Math.round(expires / 86400.0)));
            bytes.merge(kept, (CapacityMeter.size(item) + Aws.ITEM_OVERHEAD_BYTES) / (2.0 * SAMPLE), Double::sum);
        });
        return bytes;
    }

    private static WebhookResponse deliver(WebhookIntake intake, Map<String, Object> delivery) throws Exception {
        byte[] body = JSON.writeValueAsBytes(delivery);
        String signature = "sha256=" + java.util.Base64.getEncoder().encodeToString(
                SignatureVerifier.hmacSha256(LocalSecrets.value(XWebhook.SECRET), body));
        return intake.handle(new WebhookRequest("POST", "x", Map.of(),
                Map.of("Content-Type", "application/json", XWebhook.SIGNATURE_HEADER, signature), body));
    }

    private static void expect(WebhookResponse r) {
        if (r.status() != 200) throw new IllegalStateException("intake answered " + r.status() + ": " + r.body());
    }

    /** The model proper: steady state at the rate given, the table's capacity growing as AWS documents. */
    static void model(int rate, int minutes, double replyShare, double redeliverShare, TemplateModel template, Measured m,
                      PrintStream out) {
        double likeShare = 1 - replyShare;
        int samples = SAMPLE;
        double likeWru = m.like().wru / samples, replyWru = m.reply().wru / samples, redeliverWru = m.redelivery().wru / samples;
        double likeReq = m.like().requests / (double) samples, replyReq = m.reply().requests / (double) samples;
        double intakeRru = (m.like().rru * likeShare + m.reply().rru * replyShare + m.redelivery().rru * redeliverShare) / samples;
        double perReactionWru = likeShare * likeWru + replyShare * replyWru + redeliverShare * redeliverWru;
        // The intake's per-delivery work: its DynamoDB requests one after another.
        double intakeSeconds = 0.005 + (likeShare * likeReq + replyShare * replyReq) * Aws.REQUEST_SECONDS;
        int reserved = (int) number(template.parameterDefault("IntakeConcurrency").orElse("1000"));
        JsonNode detect = template.properties("DetectFunction").path("Events").path("NewPosts").path("Properties");
        int batchSize = detect.path("BatchSize").asInt(100);
        int factor = detect.path("ParallelizationFactor").asInt(1);
        double memoryGb = template.properties("DetectFunction").path("MemorySize").asDouble(1024) / 1024;

        // Counting: per stream shard, a batch each poll (or back to back when a batch takes longer).
        double countWruPerLane = m.count().wru / m.countLanes();
        double countReqPerLane = m.count().requests / (double) m.countLanes();
        double peakWru = 0;
        double shards = 4, batchSeconds = 0, lanesPerShard = 0, interval = 0, countWru = 0, deliveriesPerSecond = 0, conflicts = 0;
        String throttledBy = "nothing";
        // The run in windows of DOUBLING_MINUTES: in each the table serves a fixed capacity (a new table's, doubled
        // once per window while the demand is above it), and the load and the refusals are solved for that window.
        double refusedDeliveries = 0, allDeliveries = 0, sumDeliveriesPerSecond = 0, sumCountWru = 0;
        double failed503 = 0, worst = 0;
        String limitedBy = "nothing";
        for (int start = 0; start < minutes; start += (int) Aws.DOUBLING_MINUTES) {
        double windowMinutes = Math.min(Aws.DOUBLING_MINUTES, minutes - start);
        double capacity = Math.min(Aws.TABLE_QUOTA_WRU, Aws.ON_DEMAND_INITIAL_WRU * Math.pow(2, start / Aws.DOUBLING_MINUTES));
        failed503 = 0;
        double wru = 0;
        for (int round = 0; round < 200; round++) {
            // Retries are load too: a delivery answered 503 comes again, up to the platform's retries.
            double attempts = 0;
            for (int k = 0; k <= PLATFORM_RETRIES; k++) attempts += Math.pow(failed503, k);
            deliveriesPerSecond = rate * (1 + redeliverShare) * attempts;
            double intakeWru = perReactionWru * rate * attempts;
            shards = Math.max(Aws.ON_DEMAND_INITIAL_WRU / Aws.PARTITION_WRU,
                    Math.ceil(Math.min(Aws.TABLE_QUOTA_WRU, intakeWru + countWru) / Aws.PARTITION_WRU));
            lanesPerShard = Math.max(1, ReactionItems.COUNTER_SHARDS / shards);
            double perShard = rate / shards;
            interval = 1 / Aws.STREAM_POLLS_PER_SECOND;
            double markersPerBatch = Math.min(batchSize, perShard * interval / factor);
            // A batch counts its lanes and, when it holds a reply, reads the crowd's replies to the post once.
            batchSeconds = 0.005 + (lanesPerShard * countReqPerLane + m.crowd().requests) * Aws.REQUEST_SECONDS;
            interval = Math.max(interval, batchSeconds);
            // Each lane's counters are written once per batch that holds its markers: once a poll.
            countWru = shards / interval * lanesPerShard * countWruPerLane;
            wru = intakeWru + countWru;
            // Where a delivery can be refused: a partition key hotter than a partition takes, the
            // table above what on-demand serves yet, intake's concurrency used up.
            double hot = 0;
            String hottest = "";
            for (var family : hotFamilies(m, replyShare, rate).entrySet()) {
                if (family.getValue() > Aws.PARTITION_WRU) {
                    double share = (family.getValue() - Aws.PARTITION_WRU) / family.getValue();
                    if (share > hot) {
                        hot = share;
                        hottest = family.getKey() + " partition";
                    }
                }
            }
            double table = Math.max(0, wru - capacity) / wru;
            double concurrency = deliveriesPerSecond * intakeSeconds;
            double lambda = concurrency > reserved ? (concurrency - reserved) / concurrency : 0;
            double next = 1 - (1 - hot) * (1 - table) * (1 - lambda);
            throttledBy = next == 0 ? "nothing" : hot >= table && hot >= lambda ? hottest : table >= lambda ? "the table's on-demand capacity"
                    : "intake's reserved concurrency";
            // Transactions on the request path: only when a delivery carries several reactions, and then
            // of markers alone, which only a redelivery of the same reaction at the same moment can meet.
            conflicts = m.like().transactions + m.reply().transactions == 0 ? 0
                    : redeliverShare * (1 - Math.exp(-intakeSeconds));
            if (Math.abs(next - failed503) < 1e-9) break;
            failed503 = (failed503 + next) / 2; // damped: the load and the refusals settle together
        }
        peakWru = Math.max(peakWru, wru);
        if (failed503 > worst) {
            worst = failed503;
            limitedBy = throttledBy + String.format(Locale.ROOT, " in minutes %d-%d", start, start + (int) windowMinutes);
        }
        refusedDeliveries += failed503 * deliveriesPerSecond * windowMinutes;
        allDeliveries += deliveriesPerSecond * windowMinutes;
        sumDeliveriesPerSecond += deliveriesPerSecond * windowMinutes / minutes;
        sumCountWru += countWru * windowMinutes / minutes;
        }
        // Over the whole run: the share of deliveries refused, the average load (what is paid for).
        failed503 = refusedDeliveries / allDeliveries;
        deliveriesPerSecond = sumDeliveriesPerSecond;
        countWru = sumCountWru;        // Full batches, each taking as long as a full one takes, must keep up with twice the shard's load.
        double fullBatchSeconds = 0.005 + (lanesPerShard * countReqPerLane + m.crowd().requests) * Aws.REQUEST_SECONDS;
        double neededFactor = Math.ceil(2 * (rate / shards) * fullBatchSeconds / batchSize);

        // Cost per million reactions.
        double perMillion = 1e6;
        double deliveriesPerReaction = deliveriesPerSecond / rate;
        // A throttled write is not charged: each reaction's writes are paid once, whatever was refused before.
        double writes = (perReactionWru + countWru / rate) * perMillion * Aws.WRU_PRICE;
        double sweepRruPerMinute = m.sweep().rru;
        double detectInvocationsPerSecond = shards * factor / interval;
        double reads = (intakeRru * perMillion + sweepRruPerMinute * minutes / (rate * 60.0) * perMillion
                + detectInvocationsPerSecond / rate * perMillion * m.crowd().rru) * Aws.RRU_PRICE;
        double storedGbMonths = 0;
        StringBuilder kept = new StringBuilder();
        StringBuilder bounded = new StringBuilder();
        for (var e : m.keptBytes().entrySet()) {
            // Items with no expiry are bounded by what they belong to (a post's totals, an account's sample of
            // 256 replies), not by its reactions: they are listed, not priced per reaction.
            if (e.getKey().endsWith("(kept)")) {
                bounded.append(e.getKey().replace(" (kept)", "")).append(' ');
                continue;
            }
            double months = Double.parseDouble(e.getKey().replaceAll(".*\\((\\d+) days\\)", "$1")) / 30.0;
            storedGbMonths += e.getValue() * perMillion / 1e9 * months;
            kept.append(String.format(Locale.ROOT, "%s %.0f B, ", e.getKey(), e.getValue()));
        }
        double storage = storedGbMonths * (Aws.STORAGE_GB_MONTH + Aws.PITR_GB_MONTH);
        double intakeLambda = deliveriesPerReaction * perMillion * (Aws.LAMBDA_REQUEST_PRICE + intakeSeconds * 1.0 * Aws.LAMBDA_GB_SECOND);
        double detectInvocations = detectInvocationsPerSecond / rate * perMillion;
        double detectLambda = detectInvocations * (Aws.LAMBDA_REQUEST_PRICE + batchSeconds * memoryGb * Aws.LAMBDA_GB_SECOND);
        double api = deliveriesPerReaction * perMillion * Aws.HTTP_API_REQUEST_PRICE;
        double logs = (deliveriesPerReaction * (Aws.LAMBDA_LOG_BYTES + m.metricBytesPerDelivery()) + detectInvocations / perMillion * Aws.LAMBDA_LOG_BYTES)
                * perMillion / 1e9 * Aws.LOGS_INGEST_GB;
        double total = writes + reads + storage + intakeLambda + detectLambda + api + logs;
        double lag = 1 / Aws.STREAM_POLLS_PER_SECOND / 2 + batchSeconds;

        out.printf(Locale.ROOT, "  per like: %.2f WRU (%.1f KB body), %.1f requests; per reply %.2f WRU (%.1f KB body); per redelivery %.2f WRU; "
                        + "per like of a post not stored %.2f WRU%n", likeWru, m.likeBodyBytes() / 1024, likeReq, replyWru,
                m.replyBodyBytes() / 1024, redeliverWru, m.dropped().wru / samples);
        out.printf(Locale.ROOT, "  per reaction written by intake, by partition-key family: %s%n", families(m, replyShare));
        out.printf(Locale.ROOT, "  counting (detect, from the stream): %.2f WRU and %.1f requests per lane and batch; a batch delivered again "
                        + "costs %.2f WRU and %.2f RRU per lane and adds nothing%n", countWruPerLane, countReqPerLane,
                m.recount().wru / m.countLanes(), m.recount().rru / m.countLanes());
        out.printf(Locale.ROOT, "  kept per reaction: %s%.2f GB-months per million reactions; bounded per post or account, not per "
                + "reaction: %s%n", kept, storedGbMonths, bounded.toString().strip());
        out.printf(Locale.ROOT, "  at %d reactions/s: %.0f deliveries/s, %.0f WRU/s (%.0f of them counting), %.0f stream shards, "
                        + "intake concurrency %.0f of %d reserved; hottest partition key %.0f WRU/s of %.0f%n", rate, deliveriesPerSecond,
                peakWru, countWru, shards, deliveriesPerSecond * intakeSeconds, reserved, hotFamilies(m, replyShare, rate).values().stream()
                        .mapToDouble(Double::doubleValue).max().orElse(0), Aws.PARTITION_WRU);
        out.printf(Locale.ROOT, "  detect: batches of %.0f markers every %.2f s per shard (batch size %d, parallelization factor %d; "
                        + "%.0f needed with 2x headroom); counts reach the table about %.1f s after the stream record%n",
                Math.min(batchSize, rate / shards * interval / factor), interval, batchSize, factor, Math.max(1, neededFactor), lag);
        out.printf(Locale.ROOT, "  answered 503: %.3f%% (limited by %s); table capacity %.0f WRU/s at first, doubling every %.0f min%n",
                failed503 * 100, limitedBy, Aws.ON_DEMAND_INITIAL_WRU, Aws.DOUBLING_MINUTES);
        out.printf(Locale.ROOT, "  per million reactions: writes $%.2f, reads $%.2f, storage and PITR $%.2f, Lambda intake $%.2f, detect $%.2f, "
                + "HTTP API $%.2f, CloudWatch Logs $%.2f%n", writes, reads, storage, intakeLambda, detectLambda, api, logs);
        out.printf(Locale.ROOT, "  fixed, whatever the reactions: %d CloudWatch alarms at $0.10 a month, the EMF metric series at $0.30 a month "
                + "each, DynamoDB and Lambda nothing when idle%n", template.resourcesOfType("AWS::CloudWatch::Alarm").size());
        out.printf(Locale.ROOT, "viral-model: %d reactions/s on one post for %d min: %.2f%% conflicts, %.2f%% answered 503, %.0f WRU/s peak, "
                + "$%.2f per million reactions%n", rate, minutes, conflicts * 100, failed503 * 100, peakWru, total);
    }

    /** Write units a second per partition key of each family on the request path: keys of one family shared by many reactions are hot. */
    private static Map<String, Double> hotFamilies(Measured m, double replyShare, int rate) {
        Map<String, Double> perKey = new java.util.TreeMap<>();
        for (var p : List.of(Map.entry(1 - replyShare, m.like()), Map.entry(replyShare, m.reply()))) {
            for (var f : p.getValue().wruByFamily.entrySet()) {
                int keys = p.getValue().keysByFamily.get(f.getKey()).size();
                // A key per reaction is never hot; otherwise the load spreads over the keys the code spreads it over.
                double spread = keys >= SAMPLE ? rate : keys;
                perKey.merge(f.getKey(), p.getKey() * rate * f.getValue() / SAMPLE / spread, Double::sum);
            }
        }
        return perKey;
    }

    private static String families(Measured m, double replyShare) {
        Map<String, Double> wru = new java.util.TreeMap<>();
        m.like().wruByFamily.forEach((k, v) -> wru.merge(k, (1 - replyShare) * v / SAMPLE, Double::sum));
        m.reply().wruByFamily.forEach((k, v) -> wru.merge(k, replyShare * v / SAMPLE, Double::sum));
        StringBuilder s = new StringBuilder();
        wru.forEach((k, v) -> s.append(String.format(Locale.ROOT, "%s %.2f, ", k, v)));
        return s.length() == 0 ? "-" : s.substring(0, s.length() - 2);
    }

    private static double number(String s) {
        return Double.parseDouble(s.trim());
    }
}
