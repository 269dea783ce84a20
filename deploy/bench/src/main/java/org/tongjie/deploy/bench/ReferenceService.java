package org.tongjie.deploy.bench;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import org.tongjie.deploy.cluster.LocalCluster;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference point the cluster is measured against, as a service: one bare Quarkus application
 * ({@code deploy/bench-reference}) doing the pgbench script's check-out-shaped transaction per HTTP request
 * against the same PostgreSQL server and tables, started with the services' own JVM flags and driven by the same
 * load generator. Measured flat out (a closed loop of clients) and at fixed rates (open model).
 */
final class ReferenceService {

    /** Closed-loop clients, as pgbench's larger run. */
    private static final int CLIENTS = 32;
    /** Visits every copy once before any again (coprime with a million), spread over the table. */
    private static final long STRIDE = 104_729;
    private static final int PATRONS = 100_000;

    private final OpenLoad load;
    private final long copies;
    private final AtomicLong next = new AtomicLong();

    private ReferenceService(OpenLoad load, long copies) {
        this.load = load;
        this.copies = copies;
    }

    /** Runs the reference service against database {@code reference} (tables made by {@link Reference}). */
    static Map<String, Object> measure(LocalCluster cluster, Path repository, Dataset dataset, int postgresPort,
            long copies, Duration phase, List<Integer> rates) throws Exception {
        try (Connection c = dataset.connect("reference"); Statement s = c.createStatement()) {
            s.execute("TRUNCATE ref_loan, ref_outbox");
            s.execute("UPDATE ref_copy SET status = 'AVAILABLE', version = 0 WHERE status <> 'AVAILABLE'");
            s.execute("VACUUM ANALYZE");
        }
        Map<String, String> properties = Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/reference",
                "quarkus.datasource.username", "postgres", "quarkus.datasource.password", "postgres");
        Map<String, Object> result = new LinkedHashMap<>();
        try (LocalCluster.Application service = cluster.startApplication("bench-reference",
                repository.resolve("deploy/bench-reference/target/quarkus-app/quarkus-run.jar"), properties);
                OpenLoad load = new OpenLoad(service.port(), 256)) {
            ReferenceService reference = new ReferenceService(load, copies);
            // The compiler's turn, as the cluster's warm-up gives it one.
            reference.open(1_000, Duration.ofSeconds(30), service.pid());
            result.put("flat_out_" + CLIENTS + "_clients", reference.closed(CLIENTS, phase, service.pid()));
            for (int rate : rates) {
                result.put("fixed_rate_" + rate, reference.open(rate, phase, service.pid()));
            }
        }
        result.put("loans_and_events_consistent", consistent(dataset, result));
        return result;
    }

    /** At a fixed arrival rate, each latency from the moment the request was due. */
    private Map<String, Object> open(int perSecond, Duration duration, long pid) throws InterruptedException {
        OpenLoad.Series series = new OpenLoad.Series("check-out");
        OpenLoad.Operation operation = (index, due) -> checkOut().onSuccess(status -> series.record(due, status));
        Cpu cpu = Cpu.begin(pid);
        long begin = System.nanoTime();
        OpenLoad.Shortfall left = load.run(List.of(new OpenLoad.Stream("reference", perSecond, operation)),
                List.of(series), duration).get("reference");
        Map<String, Object> summary = summary(series, (System.nanoTime() - begin) / 1e9, duration, cpu);
        summary.put("left_out", left);
        if (left.any()) {
            System.out.printf("    %d not sent, %d unfinished (not in the figures)%n", left.notSent(),
                    left.unfinished());
        }
        return summary;
    }

    /** As many as {@code clients} loops sending their next request when the last is answered: the ceiling. */
    private Map<String, Object> closed(int clients, Duration duration, long pid) throws InterruptedException {
        OpenLoad.Series series = new OpenLoad.Series("check-out");
        long end = System.nanoTime() + duration.toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        Cpu cpu = Cpu.begin(pid);
        long begin = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            loop(series, end, done);
        }
        done.await(duration.toSeconds() + 30, TimeUnit.SECONDS);
        return summary(series, (System.nanoTime() - begin) / 1e9, duration, cpu);
    }

    private void loop(OpenLoad.Series series, long end, CountDownLatch done) {
        long sent = System.nanoTime();
        if (sent >= end) {
            done.countDown();
            return;
        }
        checkOut().onComplete(status -> {
            series.record(sent, status.succeeded() ? status.result() : 0);
            loop(series, end, done);
        });
    }

    private Future<Integer> checkOut() {
        long n = next.getAndIncrement();
        long copy = n * STRIDE % copies + 1;
        return load.send(HttpMethod.POST, "/check-outs", null, "{\"copyId\":" + copy + ",\"patronId\":"
                + (n % PATRONS + 1) + "}", Map.of());
    }

    private static Map<String, Object> summary(OpenLoad.Series series, double elapsed, Duration duration, Cpu cpu) {
        Map<String, Object> s = series.summary(duration.toMillis() / 1000.0);
        s.remove("completed_per_second");
        long requests = (long) s.get("requests");
        s.put("cpu_ms_per_request", cpu.perRequest(requests));
        s.put("measured_over_s", OpenLoad.round(elapsed));
        // Answers over the whole time it took, the queue's drain after the last request was due included.
        s.put("answered_per_s_over_run", OpenLoad.round(requests / elapsed));
        System.out.printf("  bare service: %.0f/s p50 %s p99 %s max %s ms errors %s; cpu ms per request %s%n",
                (double) s.get("throughput_per_s"), s.get("p50_ms"), s.get("p99_ms"), s.get("max_ms"),
                s.get("error_rate"), s.get("cpu_ms_per_request"));
        return s;
    }

    /** Every 201 made exactly one loan and one event, and no copy was lent twice. */
    @SuppressWarnings("unchecked")
    private static boolean consistent(Dataset dataset, Map<String, Object> result) throws SQLException {
        long lent = 0;
        for (Object phase : result.values()) {
            Map<String, Integer> statuses = (Map<String, Integer>) ((Map<String, Object>) phase).get("statuses");
            lent += statuses.getOrDefault("201", 0);
        }
        try (Connection c = dataset.connect("reference"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM ref_loan),"
                        + " (SELECT count(DISTINCT copy_id) FROM ref_loan), (SELECT count(*) FROM ref_outbox),"
                        + " (SELECT count(*) FROM ref_copy WHERE status = 'CHECKED_OUT')")) {
            rs.next();
            // The warm-up's loans are in the tables but not in the phases' answers.
            long loans = rs.getLong(1);
            return loans >= lent && rs.getLong(2) == loans && rs.getLong(3) == loans && rs.getLong(4) == loans;
        }
    }

    /** CPU of the reference service, of PostgreSQL and of this process (the load generator) over a phase. */
    private record Cpu(Map<String, Long> pids, Map<String, Long> before) {

        static Cpu begin(long pid) {
            Map<String, Long> pids = Map.of("bare service", pid, "bench (load generator)",
                    ProcessHandle.current().pid());
            return new Cpu(pids, Probes.cpuTicks(pids));
        }

        Map<String, Double> perRequest(long requests) {
            Map<String, Double> ms = new LinkedHashMap<>();
            // A tick is 10 ms.
            Probes.cpuTicks(pids).forEach((name, ticks) -> ms.put(name, requests == 0 ? 0
                    : Math.round((ticks - before.get(name)) * 1_000.0 / requests) / 100.0));
            return ms;
        }
    }
}
