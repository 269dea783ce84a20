package org.tongjie.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.houbb.pinyin.constant.enums.PinyinStyleEnum;
import com.github.houbb.pinyin.util.PinyinHelper;
import io.vertx.core.Future;
import org.tongjie.catalog.search.CatalogAnalyzer;
import org.tongjie.deploy.cluster.DemoData;
import org.tongjie.deploy.cluster.GatewayClient;
import org.tongjie.deploy.cluster.LocalCluster;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The benchmark behind {@code deploy/bench.sh}: starts the whole cluster as {@code deploy/run-local.sh} does,
 * loads a province-size dataset, measures PostgreSQL's own limit for a check-out-shaped transaction, then drives
 * the cluster through the gateway at fixed arrival rates and reports every figure against the targets in
 * BENCHMARKS.md, on the console and as JSON.
 */
public final class Benchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> LIBRARIES = List.of("NJL", "SZL", "JLL", "JHL", "YHT", "BHL");
    private static final int DESKS_PER_LIBRARY = 3;
    private static final int READERS = 20;
    /** Below this the cluster counts as idle between scenarios: Kafka, the relays and the consumers polling. */
    private static final double IDLE_CORES = 0.3;
    private static final int SETTLE_LIMIT_S = 60;
    /** The demo readers' PIN; the generated patrons share its hash. */
    private static final String READER_PIN = "123456";

    /** Command-line options. */
    record Options(int records, int copiesPerRecord, int patrons, long seed, double scale, List<Integer> rates,
            int sustainedRate, int sustainedSeconds, int warmUpSeconds, int searchRate, int syncBatches,
            List<String> only, boolean loadOnly, boolean quickJit, Path output) {

        static Options parse(String[] args, Path repository) {
            int records = 1_000_000;
            int patrons = 100_000;
            double scale = 1;
            List<Integer> rates = List.of(200, 600);
            int sustainedRate = 1000;
            int sustainedSeconds = 180;
            int warmUpSeconds = 180;
            int searchRate = 20;
            int syncBatches = 5;
            List<String> only = List.of();
            boolean loadOnly = false;
            boolean quickJit = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--records" -> records = Integer.parseInt(args[++i]);
                    case "--patrons" -> patrons = Integer.parseInt(args[++i]);
                    case "--scale" -> scale = Double.parseDouble(args[++i]);
                    case "--rates" -> rates = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                    case "--sustained-rate" -> sustainedRate = Integer.parseInt(args[++i]);
                    case "--sustained-seconds" -> sustainedSeconds = Integer.parseInt(args[++i]);
                    case "--warm-up-seconds" -> warmUpSeconds = Integer.parseInt(args[++i]);
                    case "--search-rate" -> searchRate = Integer.parseInt(args[++i]);
                    case "--sync-batches" -> syncBatches = Integer.parseInt(args[++i]);
                    case "--only" -> only = List.of(args[++i].split(","));
                    case "--load-only" -> loadOnly = true;
                    case "--quick-jit" -> quickJit = true;
                    case "--help", "-h" -> {
                        System.out.println("""
                                Usage: deploy/bench.sh [options]
                                  --records N            records to generate (default 1000000; copies: 3 per record)
                                  --patrons N            patrons to generate (default 100000)
                                  --rates A,B,...        check-out + check-in rates to step through, requests/s
                                                         (default 200,600)
                                  --sustained-rate N     the rate held for minutes (default 1000)
                                  --sustained-seconds N  how long it is held (default 180)
                                  --warm-up-seconds N    mixed load before measuring, so the JIT has compiled the
                                                         hot paths (default 180)
                                  --search-rate N        searches per second in the search scenario (default 20)
                                  --sync-batches N       holdings-sync batches of 1,000 entries sent through the
                                                         gateway before the bulk load (default 5; 0 skips it)
                                  --load-only            load the dataset, print where the cluster is and keep
                                                         it running until Ctrl-C (to explore or profile by hand)
                                  --only A,B,...         only the scenarios whose names start with these
                                  --scale F              multiplies every other scenario's duration (default 1)
                                  --quick-jit            services compile with C1 only, as deploy/run-local.sh
                                                         starts them (default: C1 and C2, as in production)
                                """);
                        return null;
                    }
                    default -> throw new IllegalArgumentException("Unknown option " + args[i] + " (try --help)");
                }
            }
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                    .format(Instant.now());
            return new Options(records, 3, patrons, 20261122L, scale, rates, sustainedRate, sustainedSeconds,
                    warmUpSeconds, searchRate, syncBatches, only, loadOnly, quickJit,
                    repository.resolve("deploy/bench/target/results/bench-" + stamp + ".json"));
        }
    }

    private final Options options;
    private final Path repository;
    private final LocalCluster cluster;
    private final Dataset dataset;
    private final Vocabulary vocabulary;
    private final OpenLoad load;
    private final Probes probes;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final Map<String, List<String>> deskTokens = new LinkedHashMap<>();
    private final Map<String, String> refreshTokens = new HashMap<>();
    private final List<String> readerTokens = new ArrayList<>();
    private volatile String clientToken;
    private List<String[]> lendable = List.of();
    private final java.util.concurrent.atomic.AtomicInteger nextLendable =
            new java.util.concurrent.atomic.AtomicInteger();

    private Benchmark(Options options, Path repository, LocalCluster cluster, Vocabulary vocabulary)
            throws Exception {
        this.options = options;
        this.repository = repository;
        this.cluster = cluster;
        this.vocabulary = vocabulary;
        this.dataset = new Dataset(cluster.started().postgresPort(), vocabulary, new Dataset.Size(options.records(),
                options.copiesPerRecord(), options.patrons(), options.seed()));
        this.load = new OpenLoad(Integer.parseInt(cluster.started().gatewayUrl().replaceAll(".*:", "")), 256);
        this.probes = new Probes(cluster.pids(), dataset, cluster.started().kafkaBootstrapServers());
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        Path repository = Path.of(System.getProperty("tongjie.repository", ".")).toAbsolutePath().normalize();
        Options options = Options.parse(args, repository);
        if (options == null) {
            return;
        }
        Vocabulary vocabulary = Vocabulary.load();
        Path work = repository.resolve("deploy/bench/target/run");
        deleteTree(work);
        System.out.println("Starting the cluster (on free ports, compiling with "
                + (options.quickJit() ? "C1 only, as deploy/run-local.sh" : "C1 and C2, as in production") + ")...");
        LocalCluster.Options clusterOptions = new LocalCluster.Options(repository, work, 0, 0, 0, 0, 0, 0, true, false,
                !options.quickJit());
        try (LocalCluster cluster = LocalCluster.start(clusterOptions)) {
            // Ctrl-C or SIGTERM stops the cluster too, PostgreSQL included.
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "bench-stop"));
            Benchmark benchmark = new Benchmark(options, repository, cluster, vocabulary);
            try {
                benchmark.run();
            } finally {
                benchmark.load.close();
                benchmark.probes.close();
            }
        }
    }

    private void run() throws Exception {
        report.put("machine", machine());
        LocalCluster.Started started = cluster.started();
        Map<String, Object> startup = new LinkedHashMap<>();
        startup.put("jit", options.quickJit() ? "C1 only" : "C1 and C2");
        startup.put("ready_with_demo_data_s", started.total().toMillis() / 1000.0);
        started.startupTimes().forEach((service, time) -> startup.put(service + "_ready_s", time.toMillis() / 1000.0));
        startup.put("infrastructure_ready_s", started.infrastructure().toMillis() / 1000.0);
        if (started.demo() != null) {
            startup.put("demo_network_load_s", started.demo().networkLoad().toMillis() / 1000.0);
            startup.put("demo_activity_s", started.demo().activityPlay().toMillis() / 1000.0);
        }
        report.put("startup", startup);
        Thread.sleep(10_000);
        report.put("rss_at_rest_mb", probes.rss());
        System.out.printf("Cluster ready in %.1f s; resident memory at rest %s MB%n", started.total().toMillis()
                / 1000.0, probes.rss());

        if (options.syncBatches() > 0) {
            System.out.printf("A district system's holdings sync through the gateway: %d batches of 1,000 entries, "
                    + "2 copies each...%n", options.syncBatches());
            GatewayClient gateway = new GatewayClient(started.gatewayUrl());
            Map<String, Object> sync = SyncLoad.measure(gateway, gateway.staffToken(DemoData.ADMIN_USERNAME,
                    DemoData.ADMIN_PASSWORD), "SZL", options.syncBatches(), vocabulary);
            report.put("holdings_sync", sync);
            System.out.println("  " + sync);
        }

        System.out.printf("Loading %,d records with about %,d copies and %,d patrons in bulk...%n", options.records(),
                (long) options.records() * options.copiesPerRecord(), options.patrons());
        Dataset.Loaded loaded = dataset.load();
        report.put("dataset", loaded);
        System.out.printf("Loaded %,d records, %,d copies, %,d patrons in %.0f s %s%n", loaded.records(),
                loaded.copies(), loaded.patrons(), loaded.seconds(), loaded.phases());

        if (options.loadOnly()) {
            System.out.printf("Gateway %s, PostgreSQL port %d (postgres/postgres), Kafka %s. Ctrl-C stops it.%n",
                    started.gatewayUrl(), started.postgresPort(), started.kafkaBootstrapServers());
            new java.util.concurrent.CountDownLatch(1).await();
        }
        System.out.println("Measuring PostgreSQL's own limit for a check-out-shaped transaction (pgbench)...");
        Map<String, Object> reference = Reference.measure(dataset, cluster, repository, 1_000_000,
                cluster.runDirectory().resolve("pgbench"), 20, 1000, List.of(200, 1000, 3000));
        report.put("reference", reference);

        signIn();
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor();
        refresher.scheduleAtFixedRate(this::refreshTokens, 9, 9, TimeUnit.MINUTES);
        try {
            runScenarios();
        } finally {
            refresher.shutdownNow();
        }
        report.put("targets", Targets.evaluate(report));
        Files.createDirectories(options.output().getParent());
        JSON.writeValue(options.output().toFile(), report);
        System.out.println();
        System.out.println(Targets.describe(report));
        System.out.println("Results: " + options.output());
    }

    private void runScenarios() throws Exception {
        Map<String, String> queries = searchQueries();
        List<Map<String, Object>> scenarios = new ArrayList<>();
        report.put("search_terms", searchTermCounts(queries));
        report.put("scenarios", scenarios);
        lendable = lendableCopies();

        scenarios.add(scenario("warm-up", Duration.ofSeconds(options.warmUpSeconds()), List.of(circulation(100),
                search(queries, 20), me(10), holds(5))));
        scenarios.add(scenario("search", seconds(60), List.of(search(queries, options.searchRate()))));
        scenarios.add(scenario("me", seconds(30), List.of(me(100))));
        scenarios.add(scenario("holds", seconds(30), List.of(holds(20))));
        for (int rate : options.rates().stream().sorted().toList()) {
            if (rate <= options.sustainedRate()) {
                scenarios.add(scenario("circulation-" + rate, seconds(60), List.of(circulation(rate))));
            }
        }
        scenarios.add(scenario("circulation-" + options.sustainedRate() + "-sustained",
                Duration.ofSeconds(options.sustainedSeconds()), List.of(circulation(options.sustainedRate()))));
        for (int rate : options.rates().stream().sorted().toList()) {
            if (rate > options.sustainedRate()) {
                scenarios.add(scenario("circulation-" + rate, seconds(60), List.of(circulation(rate))));
            }
        }
        scenarios.add(scenario("mixed", seconds(60), List.of(circulation(600), search(queries, 50), me(50),
                holds(10))));
    }

    /**
     * Waits until the cluster is nearly idle (under {@value #IDLE_CORES} cores for two seconds in a row, at most
     * {@value #SETTLE_LIMIT_S} s), so that a scenario does not begin on what the last one left: requests its
     * client gave up on but the services still had queued, and the compiler's backlog. Returns the seconds waited.
     */
    private double settle() throws InterruptedException {
        long begin = System.nanoTime();
        int quietSeconds = 0;
        while (quietSeconds < 2 && System.nanoTime() - begin < TimeUnit.SECONDS.toNanos(SETTLE_LIMIT_S)) {
            quietSeconds = probes.busyCores(Duration.ofSeconds(1)) < IDLE_CORES ? quietSeconds + 1 : 0;
        }
        return (System.nanoTime() - begin) / 1e9;
    }

    private Duration seconds(int seconds) {
        return Duration.ofMillis((long) (seconds * 1000 * options.scale()));
    }

    /** A stream with the series it records into. */
    private record Workload(List<OpenLoad.Stream> streams, List<OpenLoad.Series> series, boolean lends) {
    }

    private Map<String, Object> scenario(String name, Duration duration, List<Workload> workloads) throws Exception {
        if (!options.only().isEmpty() && !name.equals("warm-up")
                && options.only().stream().noneMatch(name::startsWith)) {
            return Map.of("name", name, "skipped", true);
        }
        System.out.printf("Scenario %s (%d s): %s%n", name, duration.toSeconds(), workloads.stream()
                .flatMap(w -> w.streams().stream()).map(s -> s.name() + " " + (int) s.perSecond() + "/s")
                .collect(Collectors.joining(", ")));
        List<OpenLoad.Stream> streams = workloads.stream().flatMap(w -> w.streams().stream()).toList();
        List<OpenLoad.Series> series = workloads.stream().flatMap(w -> w.series().stream()).toList();
        double settled = settle();
        Instant from = Instant.now();
        probes.resetStatements();
        probes.start();
        Map<String, OpenLoad.Shortfall> shortfall = load.run(streams, series, duration);
        Instant to = Instant.now();
        long drainBegin = System.nanoTime();
        double drained = -1;
        while (System.nanoTime() - drainBegin < TimeUnit.SECONDS.toNanos(60)) {
            if (probes.outboxBacklog().values().stream().allMatch(v -> v == 0)
                    && probes.consumerLag().values().stream().allMatch(v -> v == 0)) {
                drained = (System.nanoTime() - drainBegin) / 1e9;
                break;
            }
            Thread.sleep(200);
        }
        List<Probes.Sample> samples = probes.stop();
        double elapsed = duration.toMillis() / 1000.0;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", name);
        result.put("seconds", elapsed);
        result.put("streams", streams.stream().collect(Collectors.toMap(OpenLoad.Stream::name,
                OpenLoad.Stream::perSecond, (a, b) -> a, LinkedHashMap::new)));
        Map<String, Object> bySeries = new LinkedHashMap<>();
        series.forEach(s -> bySeries.put(s.name, s.summary(elapsed)));
        result.put("series", bySeries);
        // Operations left out of the series: never started (too many outstanding) or unanswered at the end.
        result.put("left_out", shortfall);
        if (workloads.stream().anyMatch(Workload::lends)) {
            result.put("propagation", propagation(from, to));
        }
        result.put("outbox_backlog", backlogSummary(samples, Probes.Sample::outbox));
        result.put("consumer_lag", backlogSummary(samples, Probes.Sample::lag));
        result.put("settled_before_s", OpenLoad.round(settled * 10) / 10);
        result.put("drained_after_load_s", drained);
        Map<String, Double> cpu = meanCpu(samples);
        result.put("cpu_cores_mean", cpu);
        double requests = bySeries.values().stream().mapToDouble(v -> (double) ((Map<?, ?>) v).get("throughput_per_s"))
                .sum();
        Map<String, Double> perRequest = new LinkedHashMap<>();
        cpu.forEach((process, cores) -> perRequest.put(process, requests == 0 ? 0 : OpenLoad.round(cores * 10_000
                / requests) / 10));
        result.put("cpu_ms_per_request", perRequest);
        result.put("rss_max_mb", maxRss(samples));
        result.put("top_statements", probes.topStatements(30));
        System.out.println("  " + brief(result));
        return result;
    }

    // ---------------------------------------------------------------- workloads

    private Workload circulation(int requestsPerSecond) {
        OpenLoad.Series out = new OpenLoad.Series("check-out");
        OpenLoad.Series in = new OpenLoad.Series("check-in");
        int pairs = lendable.size();
        OpenLoad.Operation pair = (index, due) -> {
            int next = nextLendable.getAndIncrement();
            if (next >= pairs) {
                return Future.succeededFuture();
            }
            String[] copy = lendable.get(next);
            String barcode = copy[0];
            String library = copy[1];
            String card = Dataset.cardNumber((int) (Math.abs(barcode.hashCode()) % options.patrons()));
            String body = "{\"cardNumber\":\"" + card + "\",\"barcode\":\"" + barcode + "\",\"servicePointCode\":\""
                    + library + "-MAIN\"}";
            return load.send(io.vertx.core.http.HttpMethod.POST, "/api/v1/circulation/check-outs",
                    desk(library, index), body, Map.of("Idempotency-Key", UUID.randomUUID().toString()))
                    .compose(status -> {
                        out.record(due, status);
                        if (status != 201) {
                            return Future.succeededFuture();
                        }
                        String returnAt = index % 2 == 0 ? library
                                : LIBRARIES.get((LIBRARIES.indexOf(library) + 1 + (int) (index % 5))
                                        % LIBRARIES.size());
                        long inDue = System.nanoTime();
                        return load.send(io.vertx.core.http.HttpMethod.POST, "/api/v1/circulation/check-ins",
                                desk(returnAt, index), "{\"barcode\":\"" + barcode + "\",\"servicePointCode\":\""
                                        + returnAt + "-MAIN\"}", Map.of()).onSuccess(s -> in.record(inDue, s));
                    });
        };
        return new Workload(List.of(new OpenLoad.Stream("check-out+check-in", requestsPerSecond / 2.0, pair)),
                List.of(out, in), true);
    }

    private String desk(String library, long index) {
        List<String> tokens = deskTokens.get(library);
        return tokens.get((int) (index % tokens.size()));
    }

    private Workload search(Map<String, String> queries, int perSecond) {
        List<String> kinds = new ArrayList<>(queries.keySet());
        Map<String, OpenLoad.Series> series = new LinkedHashMap<>();
        kinds.forEach(kind -> series.put(kind, new OpenLoad.Series("search " + kind)));
        OpenLoad.Operation operation = (index, due) -> {
            String kind = kinds.get((int) (index % kinds.size()));
            return load.send(io.vertx.core.http.HttpMethod.GET, "/api/v1/records?" + queries.get(kind), clientToken,
                    null, Map.of()).onSuccess(status -> series.get(kind).record(due, status));
        };
        return new Workload(List.of(new OpenLoad.Stream("search", perSecond, operation)),
                List.copyOf(series.values()), false);
    }

    private Workload me(int perSecond) {
        OpenLoad.Series composed = new OpenLoad.Series("GET /me");
        OpenLoad.Series loans = new OpenLoad.Series("GET /me/loans");
        OpenLoad.Operation operation = (index, due) -> {
            String token = readerTokens.get((int) (index / 2 % readerTokens.size()));
            OpenLoad.Series s = index % 2 == 0 ? composed : loans;
            return load.send(io.vertx.core.http.HttpMethod.GET, index % 2 == 0 ? "/api/v1/me" : "/api/v1/me/loans",
                    token, null, Map.of()).onSuccess(status -> s.record(due, status));
        };
        return new Workload(List.of(new OpenLoad.Stream("me", perSecond, operation)), List.of(composed, loans), false);
    }

    private final java.util.concurrent.atomic.AtomicInteger nextHold =
            new java.util.concurrent.atomic.AtomicInteger();

    private Workload holds(int perSecond) {
        OpenLoad.Series placed = new OpenLoad.Series("place hold");
        OpenLoad.Operation operation = (index, due) -> {
            int n = nextHold.getAndIncrement();
            // Records in the upper half of the catalogue, away from the copies the circulation load lends.
            int record = options.records() / 2 + n % Math.max(1, options.records() / 2);
            String library = LIBRARIES.get(n % LIBRARIES.size());
            String body = "{\"recordId\":\"" + Dataset.recordId(record) + "\",\"pickupServicePointCode\":\""
                    + library + "-MAIN\",\"cardNumber\":\"" + Dataset.cardNumber(n % options.patrons()) + "\"}";
            return load.send(io.vertx.core.http.HttpMethod.POST, "/api/v1/holds", desk(library, index), body,
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()))
                    .onSuccess(status -> placed.record(due, status));
        };
        return new Workload(List.of(new OpenLoad.Stream("holds", perSecond, operation)), List.of(placed), false);
    }

    // ---------------------------------------------------------------- preparation

    private void signIn() throws Exception {
        GatewayClient gateway = new GatewayClient(cluster.started().gatewayUrl());
        String admin = gateway.staffToken(DemoData.ADMIN_USERNAME, DemoData.ADMIN_PASSWORD);
        for (String library : LIBRARIES) {
            List<String> tokens = new ArrayList<>();
            for (int i = 1; i <= DESKS_PER_LIBRARY; i++) {
                String username = "bench.desk." + library.toLowerCase() + "." + i;
                gateway.create(admin, "/staff-accounts", Map.of("username", username, "displayName",
                        library + " 借还台 " + i, "role", "LIBRARIAN", "libraryCode", library, "password",
                        DemoData.STAFF_PASSWORD));
                JsonNode answer = gateway.tokens(Map.of("grant_type", "password", "username", username, "password",
                        DemoData.STAFF_PASSWORD));
                tokens.add(answer.get("access_token").asText());
                refreshTokens.put(library + "/" + (i - 1), answer.get("refresh_token").asText());
            }
            deskTokens.put(library, new java.util.concurrent.CopyOnWriteArrayList<>(tokens));
        }
        for (int i = 0; i < READERS; i++) {
            JsonNode answer = gateway.tokens(Map.of("grant_type", "password", "scope", "patron", "username",
                    Dataset.cardNumber(options.patrons() - 1 - i), "password", READER_PIN));
            readerTokens.add(answer.get("access_token").asText());
            refreshTokens.put("reader/" + i, answer.get("refresh_token").asText());
        }
        readerTokens.replaceAll(t -> t);
        clientToken = machineToken(gateway);
    }

    private String machineToken(GatewayClient gateway) throws IOException {
        var secret = cluster.started().demo().clientSecrets().entrySet().iterator().next();
        return gateway.clientToken(secret.getKey(), secret.getValue());
    }

    /** Access tokens last 15 minutes; the load renews them with their refresh tokens as clients do. */
    private void refreshTokens() {
        try {
            GatewayClient gateway = new GatewayClient(cluster.started().gatewayUrl());
            for (var entry : refreshTokens.entrySet()) {
                JsonNode answer = gateway.tokens(Map.of("grant_type", "refresh_token", "refresh_token",
                        entry.getValue()));
                entry.setValue(answer.get("refresh_token").asText());
                String[] key = entry.getKey().split("/");
                String access = answer.get("access_token").asText();
                if (key[0].equals("reader")) {
                    readerTokens.set(Integer.parseInt(key[1]), access);
                } else {
                    deskTokens.get(key[0]).set(Integer.parseInt(key[1]), access);
                }
            }
            clientToken = machineToken(gateway);
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not renew the load's tokens: " + e);
        }
    }

    /** Copies generated for the load to lend, each once: barcode and owning library. */
    private List<String[]> lendableCopies() throws Exception {
        List<String[]> copies = new ArrayList<>();
        try (Connection c = dataset.connect("loan"); PreparedStatement s = c.prepareStatement(
                "SELECT barcode, library_code FROM circulation_copy WHERE barcode LIKE 'BC%' AND barcode < ?"
                        + " AND status = 'AVAILABLE' ORDER BY barcode LIMIT ?")) {
            // Copies of the lower half of the records; holds are placed on the upper half.
            s.setString(1, Dataset.barcode((long) options.records() / 2 * options.copiesPerRecord() * 2));
            s.setInt(2, 1_500_000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    copies.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        java.util.Collections.shuffle(copies, new java.util.Random(options.seed()));
        return copies;
    }

    /**
     * The search mix: a rare and a common word, pinyin of a word and of the most common word, filters, facets by
     * library and availability.
     */
    private Map<String, String> searchQueries() {
        String common = vocabulary.ranked(0).text();
        String common2 = vocabulary.ranked(3).text();
        String middle = vocabularyWord(2_000);
        String rare = vocabularyWord(20);
        String pinyinWord = vocabulary.ranked(40).text();
        String pinyin = PinyinHelper.toPinyin(pinyinWord, PinyinStyleEnum.NORMAL).replace(" ", "");
        Map<String, String> q = new LinkedHashMap<>();
        q.put("rare", "q=" + encode(rare));
        q.put("common", "q=" + encode(common));
        q.put("two common words", "q=" + encode(common + " " + common2));
        q.put("middle", "q=" + encode(middle));
        q.put("pinyin", "q=" + encode(pinyin));
        q.put("common pinyin", "q=" + encode(PinyinHelper.toPinyin(common, PinyinStyleEnum.NORMAL).replace(" ", "")));
        q.put("filtered", "q=" + encode(common2) + "&language=chi&yearFrom=2000&clc=I");
        q.put("held and available", "q=" + encode(middle) + "&library=SZL&available=true");
        q.put("sorted by year", "q=" + encode(common) + "&sort=year");
        return q;
    }

    /**
     * The most common word expected in about {@code records} records (each record draws about five words in
     * proportion to their counts), skipping words that are part of publishers' names.
     */
    private String vocabularyWord(double records) {
        double total = 0;
        for (int rank = 0; rank < vocabulary.size(); rank++) {
            total += vocabulary.ranked(rank).count();
        }
        for (int rank = 0; rank < vocabulary.size(); rank++) {
            Vocabulary.Word word = vocabulary.ranked(rank);
            double expected = options.records() * 5.0 * word.count() / total;
            if (expected <= records && !Dataset.inPublisherName(word.text())) {
                return word.text();
            }
        }
        return vocabulary.ranked(vocabulary.size() - 1).text();
    }

    /** How many records each query's words match, counted exactly in the database. */
    private Map<String, Object> searchTermCounts(Map<String, String> queries) throws Exception {
        Map<String, Object> counts = new LinkedHashMap<>();
        try (Connection c = dataset.connect("catalog"); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM bib_record WHERE search_tokens @@ ?::tsquery")) {
            for (var query : queries.entrySet()) {
                String text = java.net.URLDecoder.decode(query.getValue().replaceAll("^q=([^&]*).*", "$1"),
                        StandardCharsets.UTF_8);
                String tsQuery = CatalogAnalyzer.queryTerms(text).stream().map(CatalogAnalyzer.Term::toTsQuery)
                        .collect(Collectors.joining(" & "));
                s.setString(1, tsQuery);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    counts.put(query.getKey(), Map.of("query", query.getValue(), "records_matching_words",
                            rs.getLong(1)));
                }
            }
        }
        System.out.println("Search terms: " + counts);
        return counts;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- measurements

    /**
     * Check-out committed → catalog availability updated: the CHECKED_OUT status events loan-service wrote in
     * the window (their timestamp is taken in the check-out's transaction) against the moment catalog-service's
     * consumer recorded each in its inbox, in the transaction that updated availability.
     */
    private Map<String, Object> propagation(Instant from, Instant to) throws Exception {
        Map<UUID, Instant> written = new HashMap<>();
        try (Connection c = dataset.connect("loan"); PreparedStatement s = c.prepareStatement(
                "SELECT id, timestamp FROM outbox_event WHERE type = 'CopyStatusChanged' AND timestamp BETWEEN ? AND ?"
                        + " AND payload::text LIKE '%\"CHECKED_OUT\"%'")) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    written.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                }
            }
        }
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        long missing = written.size();
        try (Connection c = dataset.connect("catalog"); PreparedStatement s = c.prepareStatement(
                "SELECT event_id, received_at FROM inbox_message WHERE event_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("uuid", written.keySet().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Instant at = written.get(rs.getObject(1, UUID.class));
                    Instant received = rs.getTimestamp(2).toInstant();
                    h.recordValue(Math.max(1, Math.min(Duration.between(at, received).toNanos() / 1000,
                            h.getHighestTrackableValue())));
                    missing--;
                }
            }
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("events", written.size());
        p.put("not_applied", missing);
        p.put("p50_ms", OpenLoad.millis(h.getValueAtPercentile(50)));
        p.put("p99_ms", OpenLoad.millis(h.getValueAtPercentile(99)));
        p.put("max_ms", OpenLoad.millis(h.getMaxValue()));
        return p;
    }

    private static Map<String, Object> backlogSummary(List<Probes.Sample> samples,
            java.util.function.Function<Probes.Sample, Map<String, Long>> of) {
        Map<String, Object> summary = new LinkedHashMap<>();
        if (samples.isEmpty()) {
            return summary;
        }
        for (String key : of.apply(samples.get(0)).keySet()) {
            List<Long> values = samples.stream().map(s -> of.apply(s).getOrDefault(key, 0L)).toList();
            int half = values.size() / 2;
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("max", values.stream().mapToLong(Long::longValue).max().orElse(0));
            v.put("mean_first_half", OpenLoad.round(values.subList(0, half).stream().mapToLong(Long::longValue)
                    .average().orElse(0)));
            v.put("mean_second_half", OpenLoad.round(values.subList(half, values.size()).stream()
                    .mapToLong(Long::longValue).average().orElse(0)));
            summary.put(key, v);
        }
        return summary;
    }

    private static Map<String, Double> meanCpu(List<Probes.Sample> samples) {
        Map<String, Double> mean = new LinkedHashMap<>();
        if (samples.isEmpty()) {
            return mean;
        }
        for (String key : samples.get(0).cpuCores().keySet()) {
            mean.put(key, OpenLoad.round(samples.stream().mapToDouble(s -> s.cpuCores().getOrDefault(key, 0.0))
                    .average().orElse(0) * 10) / 10);
        }
        return mean;
    }

    private static Map<String, Long> maxRss(List<Probes.Sample> samples) {
        Map<String, Long> max = new LinkedHashMap<>();
        samples.forEach(s -> s.rssMb().forEach((k, v) -> max.merge(k, v, Math::max)));
        return max;
    }

    @SuppressWarnings("unchecked")
    private static String brief(Map<String, Object> result) {
        StringBuilder text = new StringBuilder("(after " + result.get("settled_before_s") + " s settling) ");
        ((Map<String, Map<String, Object>>) result.get("series")).forEach((name, s) -> text.append(String.format(
                "%s %.0f/s p50 %s p95 %s p99 %s max %s ms errors %s; ", name, (double) s.get("throughput_per_s"),
                s.get("p50_ms"), s.get("p95_ms"), s.get("p99_ms"), s.get("max_ms"), s.get("error_rate"))));
        ((Map<String, OpenLoad.Shortfall>) result.get("left_out")).forEach((stream, left) -> {
            if (left.any()) {
                text.append(String.format("%s: %d not sent, %d unfinished (not in the figures); ", stream,
                        left.notSent(), left.unfinished()));
            }
        });
        if (result.containsKey("propagation")) {
            text.append("propagation ").append(result.get("propagation")).append("; ");
        }
        text.append("outbox ").append(result.get("outbox_backlog")).append("; cpu cores ").append(result.get(
                "cpu_cores_mean")).append("; cpu ms per request ").append(result.get("cpu_ms_per_request"));
        return text.toString();
    }

    private static Map<String, Object> machine() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.exists(cpuinfo)) {
            Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .ifPresent(l -> m.put("cpu", l.replaceAll(".*:\\s*", "")));
        }
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.exists(meminfo)) {
            Files.readAllLines(meminfo).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
                    .ifPresent(l -> m.put("memory_gb", Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024));
        }
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return m;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
