package org.tongjie.deploy.bench;

import org.HdrHistogram.Histogram;
import org.tongjie.deploy.cluster.LocalCluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The machine's own limit for a check-out: pgbench running a check-out-shaped transaction (lock the copy, update
 * it, insert the loan, insert the outbox row) against the same PostgreSQL server, in a database of its own,
 * with a copy table as large as the dataset's. Measured flat out (closed model) and at a fixed rate with
 * per-transaction latencies, so the cluster's figures can be given as a share of it; then the same transaction
 * behind one bare Quarkus service ({@link ReferenceService}).
 */
final class Reference {

    private static final String SCRIPT = """
            \\set c random(1, :copies)
            \\set p random(1, 100000)
            BEGIN;
            SELECT status FROM ref_copy WHERE id = :c FOR UPDATE;
            UPDATE ref_copy SET status = 'CHECKED_OUT', version = version + 1, updated_at = now() WHERE id = :c;
            INSERT INTO ref_loan (id, copy_id, patron_id, loaned_at, due_at, status)
                VALUES (gen_random_uuid(), :c, :p, now(), now() + interval '30 days', 'OPEN');
            INSERT INTO ref_outbox (id, aggregateid, type, timestamp, payload, topic)
                VALUES (gen_random_uuid(), :c::text, 'CopyStatusChanged', now(),
                        jsonb_build_object('copyId', :c::int, 'status', 'CHECKED_OUT', 'patron', :p::int),
                        'circulation.copies');
            END;
            """;

    private Reference() {
    }

    /**
     * pgbench's figures and, under {@code "bare_service"}, those of the same transaction behind one bare Quarkus
     * service ({@link ReferenceService}), with {@code serviceRates} its fixed rates.
     */
    static Map<String, Object> measure(Dataset dataset, LocalCluster cluster, Path repository, long copies, Path work,
            int seconds, int rate, List<Integer> serviceRates) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        int postgresPort = cluster.started().postgresPort();
        prepare(dataset, copies);
        String pgbench = Stream.of("/usr/bin/pgbench", "/usr/local/bin/pgbench").filter(p -> Files.isExecutable(
                Path.of(p))).findFirst().orElse(null);
        if (pgbench == null) {
            result.put("skipped", "pgbench is not installed (Debian: apt-get install postgresql-client)");
        } else {
            result.putAll(pgbench(pgbench, postgresPort, copies, work, seconds, rate));
        }
        System.out.println("  " + result);
        System.out.println("The same transaction behind one bare Quarkus service...");
        result.put("bare_service", ReferenceService.measure(cluster, repository, dataset, postgresPort, copies,
                Duration.ofSeconds(seconds), serviceRates));
        try (Connection c = dataset.connect("catalog"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE reference");
        }
        return result;
    }

    private static Map<String, Object> pgbench(String pgbench, int postgresPort, long copies, Path work, int seconds,
            int rate) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        Files.createDirectories(work);
        Path script = work.resolve("checkout.sql");
        Files.writeString(script, SCRIPT);
        for (int clients : new int[] {8, 32}) {
            String out = run(pgbench, postgresPort, script, work, List.of("-c", Integer.toString(clients), "-j", "2",
                    "-T", Integer.toString(seconds), "-D", "copies=" + copies), copies);
            Map<String, Object> flat = new LinkedHashMap<>();
            flat.put("clients", clients);
            flat.put("tps", number(out, "tps = ([0-9.]+)"));
            flat.put("latency_avg_ms", number(out, "latency average = ([0-9.]+) ms"));
            result.put("flat_out_" + clients + "_clients", flat);
        }
        try (Stream<Path> old = Files.list(work)) {
            old.filter(p -> p.getFileName().toString().startsWith("pgbench_log")).forEach(p -> p.toFile().delete());
        }
        String out = run(pgbench, postgresPort, script, work, List.of("-c", "32", "-j", "2", "-T",
                Integer.toString(seconds), "-R", Integer.toString(rate), "-l", "--log-prefix",
                work.resolve("pgbench_log").toString(), "-D", "copies=" + copies), copies);
        Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        try (Stream<Path> logs = Files.list(work)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("pgbench_log")).toList()) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    String[] f = line.split(" ");
                    if (f.length >= 6 && !f[2].equals("skipped")) {
                        latencies.recordValue(Math.max(1, Math.min(Long.parseLong(f[2]), latencies
                                .getHighestTrackableValue())));
                    }
                }
            }
        }
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("rate_per_s", rate);
        fixed.put("tps", number(out, "tps = ([0-9.]+)"));
        fixed.put("p50_ms", OpenLoad.millis(latencies.getValueAtPercentile(50)));
        fixed.put("p99_ms", OpenLoad.millis(latencies.getValueAtPercentile(99)));
        fixed.put("max_ms", OpenLoad.millis(latencies.getMaxValue()));
        result.put("fixed_rate", fixed);
        return result;
    }

    private static void prepare(Dataset dataset, long copies) throws SQLException {
        try (Connection c = dataset.connect("catalog"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS reference");
            s.execute("CREATE DATABASE reference");
        }
        try (Connection c = dataset.connect("reference"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ref_copy (id int PRIMARY KEY, status varchar(24) NOT NULL,"
                    + " version bigint NOT NULL, updated_at timestamptz NOT NULL)");
            s.execute("INSERT INTO ref_copy SELECT g, 'AVAILABLE', 0, now() FROM generate_series(1, " + copies + ") g");
            s.execute("CREATE TABLE ref_loan (id uuid PRIMARY KEY, copy_id int NOT NULL REFERENCES ref_copy (id),"
                    + " patron_id int NOT NULL, loaned_at timestamptz NOT NULL, due_at timestamptz NOT NULL,"
                    + " status varchar(8) NOT NULL)");
            s.execute("CREATE INDEX ref_loan_patron_idx ON ref_loan (patron_id, status, loaned_at DESC)");
            s.execute("CREATE TABLE ref_outbox (seq bigint GENERATED ALWAYS AS IDENTITY, id uuid PRIMARY KEY,"
                    + " aggregateid varchar(200) NOT NULL, type varchar(100) NOT NULL, timestamp timestamptz NOT NULL,"
                    + " payload jsonb NOT NULL, topic varchar(200) NOT NULL, sent_at timestamptz)");
            s.execute("CREATE INDEX ref_outbox_unsent_idx ON ref_outbox (seq) WHERE sent_at IS NULL");
            s.execute("VACUUM ANALYZE");
        }
    }

    private static String run(String pgbench, int port, Path script, Path work, List<String> options, long copies)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(pgbench, "-n", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", "postgres", "-M", "prepared", "-f", script.toString()));
        command.addAll(options);
        command.add("reference");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(work.toFile());
        builder.environment().put("PGPASSWORD", "postgres");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("pgbench failed: " + out);
        }
        return out;
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
