package org.tongjie.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.tongjie.deploy.cluster.DemoData;
import org.tongjie.deploy.cluster.GatewayClient;
import org.tongjie.deploy.cluster.LocalCluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How fast the operations dashboard's report answers for a year of a province-size network: a library tree of
 * {@code --libraries} libraries (a provincial library, 13 cities, the rest districts and counties below them) with
 * a year of daily sums in each service, as the roll-up leaves them, then the gateway's
 * {@code GET /api/v1/indicators} timed for the network, one city's tree, by month, in total and by day.
 * Run: {@code deploy/bench.sh --indicators [--libraries 1000] [--readers 300000]}.
 */
public final class IndicatorsBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int CITIES = 13;
    private static final int RUNS = 10;

    private static final List<String> CATALOG_COUNTS = List.of("copies.added", "copies.withdrawn",
            "records.catalogued");
    private static final List<String> CATALOG_STOCKS = List.of("holdings.copies", "holdings.titles", "records");
    private static final List<String> LOAN_COUNTS = List.of("loans", "returns", "renewals", "returns.late",
            "loans.overdue", "holds.placed", "holds.filled", "holds.expired", "patrons.registered",
            "fines.accruedFen", "fines.paidFen");
    private static final List<String> LOAN_STOCKS = List.of("patrons");
    private static final List<String> LOAN_DURATIONS = List.of("holds.timeToFill");
    private static final List<String> DELIVERY_COUNTS = List.of("deliveryOrders.placed", "deliveries",
            "deliveries.items", "transfers.requested", "transfers.dispatched", "transfers.received");
    private static final List<String> DELIVERY_DURATIONS = List.of("transfers.transitTime",
            "deliveries.orderToDoor");

    private IndicatorsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        int libraries = 1_000;
        int readers = 300_000;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--indicators" -> { }
                case "--libraries" -> libraries = Integer.parseInt(args[++i]);
                case "--readers" -> readers = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + " (--indicators [--libraries N] [--readers N] [--keep])");
            }
        }
        Path repository = Path.of(System.getProperty("tongjie.repository", ".")).toAbsolutePath().normalize();
        Path work = repository.resolve("deploy/bench/target/run-indicators");
        System.out.println("Starting the cluster (as deploy/run-local.sh does, on free ports)...");
        try (LocalCluster cluster = LocalCluster.start(new LocalCluster.Options(repository, work, 0, 0, 0, 0, 0, 0,
                true, false))) {
            // Ctrl-C or SIGTERM stops the cluster too, PostgreSQL included.
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "bench-stop"));
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("libraries", libraries);
            report.put("readers", readers);
            long begin = System.nanoTime();
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            LocalDate first = today.minusYears(1).withDayOfMonth(1);
            Map<String, Long> rows = load(cluster.started().postgresPort(), libraries, readers, first, today);
            report.put("rows", rows);
            report.put("load_s", (System.nanoTime() - begin) / 1e9);
            System.out.printf("Loaded a year of indicators for %,d libraries in %.0f s: %s%n", libraries,
                    (System.nanoTime() - begin) / 1e9, rows);

            GatewayClient gateway = new GatewayClient(cluster.started().gatewayUrl());
            String operator = gateway.staffToken("operator", DemoData.STAFF_PASSWORD);
            String year = "from=" + today.minusMonths(11).withDayOfMonth(1) + "&to=" + today;
            Map<String, String> queries = new LinkedHashMap<>();
            queries.put("network, 12 months by month (the dashboard's trend and bars)", year + "&granularity=MONTH");
            queries.put("network, 12 months in total (the eight indicators)", year + "&granularity=TOTAL");
            queries.put("network, the same 12 months a year earlier in total", "from="
                    + today.minusMonths(23).withDayOfMonth(1) + "&to=" + today.minusYears(1) + "&granularity=TOTAL");
            queries.put("network, the same a year earlier without each library (the dashboard's second)", "from="
                    + today.minusMonths(23).withDayOfMonth(1) + "&to=" + today.minusYears(1)
                    + "&granularity=TOTAL&byLibrary=false");
            queries.put("one city's tree, 12 months by month", year + "&granularity=MONTH&library=C01");
            queries.put("network, last 45 days by day", "from=" + today.minusDays(44) + "&to=" + today
                    + "&granularity=DAY");
            queries.put("network, 12 months by month as CSV", year + "&granularity=MONTH&format=csv");
            Map<String, Object> timings = new LinkedHashMap<>();
            HttpClient http = HttpClient.newHttpClient();
            for (var query : queries.entrySet()) {
                timings.put(query.getKey(), time(http, cluster.started().gatewayUrl(), operator, query.getValue()));
                System.out.printf("  %-60s %s%n", query.getKey(), timings.get(query.getKey()));
            }
            report.put("timings_ms", timings);
            Path output = repository.resolve("deploy/bench/target/results/indicators-" + today + ".json");
            Files.createDirectories(output.getParent());
            JSON.writeValue(output.toFile(), report);
            System.out.println("Results: " + output);
            if (keep) {
                System.out.printf("Gateway %s, PostgreSQL port %d (postgres/postgres). Ctrl-C stops it.%n",
                        cluster.started().gatewayUrl(), cluster.started().postgresPort());
                new java.util.concurrent.CountDownLatch(1).await();
            }
        }
    }

    private static Map<String, Object> time(HttpClient http, String gateway, String token, String query)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/indicators?" + query))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(1)).GET().build();
        long[] millis = new long[RUNS];
        int bytes = 0;
        JsonNode sample = null;
        for (int run = -2; run < RUNS; run++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = (System.nanoTime() - start) / 1_000_000;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(query + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            if (run >= 0) {
                millis[run] = took;
            }
            bytes = response.body().length();
            if (!query.contains("csv")) {
                sample = JSON.readTree(response.body());
            }
        }
        Arrays.sort(millis);
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("p50", millis[RUNS / 2]);
        timing.put("max", millis[RUNS - 1]);
        timing.put("bytes", bytes);
        if (sample != null) {
            timing.put("complete", sample.path("complete").asBoolean());
            timing.put("loans", sample.path("total").path("loans").asLong());
        }
        return timing;
    }

    /** The library tree in every service's copy of it, and a year of daily and monthly sums in each service. */
    private static Map<String, Long> load(int port, int libraries, int readers, LocalDate first, LocalDate last)
            throws Exception {
        List<String[]> tree = new ArrayList<>();
        tree.add(new String[] {"P0", null, "PROVINCIAL"});
        for (int c = 1; c <= CITIES; c++) {
            tree.add(new String[] {String.format("C%02d", c), "P0", "CITY"});
        }
        for (int d = 1; tree.size() < libraries; d++) {
            tree.add(new String[] {String.format("D%04d", d), String.format("C%02d", 1 + d % CITIES),
                "DISTRICT"});
        }
        String[] codes = tree.stream().map(l -> l[0]).toArray(String[]::new);
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection catalog = connect(port, "catalog"); Connection loan = connect(port, "loan");
                Connection delivery = connect(port, "delivery")) {
            insertTree(catalog, "INSERT INTO library (code, name, level, parent_code, region_code, created_at)"
                    + " VALUES (?, ?, ?, ?, '320000', now())", tree, true);
            insertTree(loan, "INSERT INTO library_node (code, name, parent_code, updated_at) VALUES (?, ?, ?, now())",
                    tree, false);
            insertTree(delivery, "INSERT INTO library (code, name, parent_code, region_code, updated_at)"
                    + " VALUES (?, ?, ?, '320000', now())", tree, false);
            rows.put("catalog", year(catalog, codes, first, last, CATALOG_COUNTS, CATALOG_STOCKS, List.of(), null));
            rows.put("loan", year(loan, codes, first, last, LOAN_COUNTS, LOAN_STOCKS, LOAN_DURATIONS, "loans"));
            rows.put("delivery", year(delivery, codes, first, last, DELIVERY_COUNTS, List.of(), DELIVERY_DURATIONS,
                    null));
            rows.put("loan_member_facts", members(loan, codes, readers, first, last));
        }
        return rows;
    }

    private static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres",
                "postgres");
    }

    private static void insertTree(Connection db, String sql, List<String[]> tree, boolean withLevel)
            throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(sql)) {
            for (String[] library : tree) {
                int p = 0;
                insert.setString(++p, library[0]);
                insert.setString(++p, "基准图书馆 " + library[0]);
                if (withLevel) {
                    insert.setString(++p, library[2]);
                }
                insert.setString(++p, library[1]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * A year of daily sums as the roll-up leaves them (counts; a quarter of the first count made of another
     * library's copy; stock changes; three duration buckets a day), the network's own sums (library '*'), and the
     * monthly sums and totals that go with them.
     */
    private static long year(Connection db, String[] codes, LocalDate first, LocalDate last, List<String> counts,
            List<String> stocks, List<String> durations, String crossMetric) throws SQLException {
        String days = " FROM unnest(?::varchar[]) l(code) CROSS JOIN generate_series(?::date, ?::date,"
                + " interval '1 day') d CROSS JOIN unnest(?::varchar[]) m(metric)";
        exec(db, "INSERT INTO indicator_daily (library_code, day, metric, counterpart, bucket, value)"
                + " SELECT l.code, d::date, m.metric, '', -1, (random() * 40)::int" + days, codes, first, last,
                counts.toArray(String[]::new));
        if (crossMetric != null) {
            exec(db, "INSERT INTO indicator_daily (library_code, day, metric, counterpart, bucket, value)"
                    + " SELECT l.code, d::date, m.metric, 'C01', -1, (random() * 10)::int" + days
                    + " WHERE l.code <> 'C01'", codes, first, last, new String[] {crossMetric});
        }
        exec(db, "INSERT INTO indicator_daily (library_code, day, metric, counterpart, bucket, value)"
                + " SELECT l.code, d::date, m.metric, '', -2, (random() * 8)::int" + days, codes, first, last,
                stocks.toArray(String[]::new));
        exec(db, "INSERT INTO indicator_daily (library_code, day, metric, counterpart, bucket, value)"
                + " SELECT l.code, d::date, m.metric, '', b, (random() * 5)::int + 1" + days
                + " CROSS JOIN generate_series(100, 102) b", codes, first, last, durations.toArray(String[]::new));
        // The network's own daily sums take the new libraries' in; its monthly sums and totals are summed again
        // (the demo network's are there already).
        try (PreparedStatement network = db.prepareStatement("INSERT INTO indicator_daily AS n (library_code, day,"
                + " metric, counterpart, bucket, value) SELECT '*', day, metric, CASE WHEN counterpart <> '' AND"
                + " counterpart <> library_code THEN '*' ELSE '' END, bucket, sum(value) FROM indicator_daily"
                + " WHERE library_code = ANY(?) GROUP BY 2, 3, 4, 5 ON CONFLICT (library_code, day, metric,"
                + " counterpart, bucket) DO UPDATE SET value = n.value + EXCLUDED.value")) {
            network.setArray(1, db.createArrayOf("varchar", codes));
            network.executeUpdate();
        }
        try (Statement statement = db.createStatement()) {
            statement.execute("DELETE FROM indicator_monthly WHERE library_code = '*'");
            statement.execute("DELETE FROM indicator_total WHERE library_code = '*'");
            statement.execute("INSERT INTO indicator_monthly (library_code, month, metric, counterpart, bucket, value)"
                    + " SELECT library_code, date_trunc('month', day)::date, metric, counterpart, bucket, sum(value)"
                    + " FROM indicator_daily GROUP BY 1, 2, 3, 4, 5 ON CONFLICT DO NOTHING");
            statement.execute("INSERT INTO indicator_total (library_code, metric, value) SELECT library_code, metric,"
                    + " sum(value) FROM indicator_daily WHERE bucket = -2 GROUP BY 1, 2 ON CONFLICT DO NOTHING");
            statement.execute("ANALYZE indicator_daily");
            statement.execute("ANALYZE indicator_monthly");
            try (var rs = statement.executeQuery("SELECT count(*) FROM indicator_daily")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Active readers: each borrows in about four months of the year, at their own library. Recorded as facts, as
     * the loans would record them, and left to loan-service's roll-up to count into its monthly bitmaps.
     */
    private static long members(Connection db, String[] codes, int readers, LocalDate first, LocalDate last)
            throws Exception {
        long facts;
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO indicator_fact (library_code, metric, day,"
                + " bucket, value, member) SELECT (?::varchar[])[1 + r % ?], 'patrons.active', m::date, -3, 1,"
                + " md5(r::text)::uuid FROM generate_series(1, ?) r CROSS JOIN generate_series(?::date, ?::date,"
                + " interval '1 month') m WHERE random() < 0.33")) {
            insert.setArray(1, db.createArrayOf("varchar", codes));
            insert.setInt(2, codes.length);
            insert.setInt(3, readers);
            insert.setObject(4, first);
            insert.setObject(5, last);
            facts = insert.executeUpdate();
        }
        long begin = System.nanoTime();
        try (Statement statement = db.createStatement()) {
            while (true) {
                try (var rs = statement.executeQuery("SELECT count(*) FROM indicator_fact")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(500);
            }
            System.out.printf("loan-service's roll-up counted %,d reader-month facts into bitmaps in %.0f s%n", facts,
                    (System.nanoTime() - begin) / 1e9);
            statement.execute("ANALYZE indicator_member_month");
        }
        return facts;
    }

    private static void exec(Connection db, String sql, String[] codes, LocalDate first, LocalDate last,
            String[] metrics) throws SQLException {
        if (metrics.length == 0) {
            return;
        }
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setArray(1, db.createArrayOf("varchar", codes));
            statement.setObject(2, first);
            statement.setObject(3, last);
            statement.setArray(4, db.createArrayOf("varchar", metrics));
            statement.executeUpdate();
        }
    }
}
