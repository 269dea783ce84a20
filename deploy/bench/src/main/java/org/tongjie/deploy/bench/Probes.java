package org.tongjie.deploy.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the machine and the cluster look like while the load runs, once a second: each process's resident memory
 * and CPU, each service's outbox backlog and each consumer group's lag. Samples are kept for the report.
 */
final class Probes implements AutoCloseable {

    private static final long TICKS_PER_SECOND = 100;
    private static final List<String> SERVICES_WITH_OUTBOX = List.of("catalog", "loan", "delivery");
    private static final List<String> GROUPS = List.of("catalog-service", "loan-service", "delivery-service");

    /** One second's view. */
    record Sample(double second, Map<String, Long> rssMb, Map<String, Double> cpuCores, Map<String, Long> outbox,
            Map<String, Long> lag) {
    }

    private final Map<String, Long> pids;
    private final Map<String, Connection> databases = new LinkedHashMap<>();
    private final Admin kafka;
    private final List<Sample> samples = new ArrayList<>();
    private Thread thread;
    private volatile boolean running;

    Probes(Map<String, Long> pids, Dataset dataset, String kafkaBootstrap) throws SQLException {
        this.pids = new LinkedHashMap<>(pids);
        this.pids.put("bench (Kafka broker, load generator)", ProcessHandle.current().pid());
        for (String service : SERVICES_WITH_OUTBOX) {
            databases.put(service, dataset.connect(service));
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        this.kafka = Admin.create(p);
    }

    /** Samples once a second until {@link #stop()}. */
    synchronized void start() {
        samples.clear();
        running = true;
        long begin = System.nanoTime();
        thread = new Thread(() -> {
            Map<String, Long> lastTicks = cpuTicks();
            long lastAt = System.nanoTime();
            while (running) {
                try {
                    Thread.sleep(1_000);
                    Map<String, Long> ticks = cpuTicks();
                    long now = System.nanoTime();
                    double elapsed = (now - lastAt) / 1e9;
                    Map<String, Double> cpu = new LinkedHashMap<>();
                    for (var e : ticks.entrySet()) {
                        long before = lastTicks.getOrDefault(e.getKey(), e.getValue());
                        cpu.put(e.getKey(), OpenLoad.round((e.getValue() - before) / (double) TICKS_PER_SECOND
                                / elapsed * 10) / 10);
                    }
                    lastTicks = ticks;
                    lastAt = now;
                    Sample sample = new Sample((now - begin) / 1e9, rss(), cpu, outboxBacklog(), consumerLag());
                    synchronized (samples) {
                        samples.add(sample);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    System.err.println("probe failed: " + e);
                }
            }
        }, "probes");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized List<Sample> stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join();
        }
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Starts counting statements afresh in every service's database. */
    void resetStatements() {
        databases.values().forEach(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                s.execute("SELECT pg_stat_statements_reset()");
            } catch (SQLException e) {
                System.err.println("pg_stat_statements unavailable: " + e.getMessage());
            }
        });
    }

    /** The statements that took most of PostgreSQL's time since {@link #resetStatements()}, per database. */
    Map<String, List<Map<String, Object>>> topStatements(int limit) {
        Map<String, List<Map<String, Object>>> top = new LinkedHashMap<>();
        databases.forEach((service, c) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT left(regexp_replace(query,"
                    + " '\\s+', ' ', 'g'), 200), calls, total_exec_time, mean_exec_time FROM pg_stat_statements"
                    + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                    + " ORDER BY total_exec_time DESC LIMIT " + limit)) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("query", rs.getString(1));
                    row.put("calls", rs.getLong(2));
                    row.put("total_ms", Math.round(rs.getDouble(3)));
                    row.put("mean_ms", Math.round(rs.getDouble(4) * 1000) / 1000.0);
                    rows.add(row);
                }
            } catch (SQLException e) {
                rows.add(Map.of("unavailable", e.getMessage()));
            }
            top.put(service, rows);
        });
        return top;
    }

    /** Resident memory of each service now, in MB. */
    Map<String, Long> rss() {
        Map<String, Long> rss = new LinkedHashMap<>();
        pids.forEach((name, pid) -> rss.put(name, statusKb(pid, "VmRSS:") / 1024));
        rss.put("postgres (all processes)", postgresPids().stream().mapToLong(pid -> statusKb(pid, "RssAnon:"))
                .sum() / 1024);
        return rss;
    }

    /** Cores the whole cluster (and this process) used over the next {@code interval}. */
    double busyCores(java.time.Duration interval) throws InterruptedException {
        long before = cpuTicks().values().stream().mapToLong(Long::longValue).sum();
        long begin = System.nanoTime();
        Thread.sleep(interval.toMillis());
        long after = cpuTicks().values().stream().mapToLong(Long::longValue).sum();
        return (after - before) / (double) TICKS_PER_SECOND / ((System.nanoTime() - begin) / 1e9);
    }

    private Map<String, Long> cpuTicks() {
        return cpuTicks(pids);
    }

    /** CPU ticks (10 ms) used so far by each of these processes, and by all of PostgreSQL's. */
    static Map<String, Long> cpuTicks(Map<String, Long> pids) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks.put(name, ticks(pid)));
        // Backends and parallel workers come and go; the postmaster counts the CPU of those it reaped, so a process
        // that ended within the window is not lost from it.
        ticks.put("postgres (all processes)", postgresPids().stream().mapToLong(pid -> ticks(pid, true)).sum());
        return ticks;
    }

    Map<String, Long> outboxBacklog() {
        Map<String, Long> backlog = new LinkedHashMap<>();
        databases.forEach((service, connection) -> {
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL")) {
                rs.next();
                backlog.put(service, rs.getLong(1));
            } catch (SQLException e) {
                backlog.put(service, -1L);
            }
        });
        return backlog;
    }

    Map<String, Long> consumerLag() {
        Map<String, Long> lag = new LinkedHashMap<>();
        try {
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
            Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
            for (String group : GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> offsets = kafka.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                committed.put(group, offsets);
                offsets.keySet().forEach(tp -> wanted.put(tp, OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = kafka.listOffsets(wanted).all()
                    .get(5, TimeUnit.SECONDS);
            committed.forEach((group, offsets) -> lag.put(group, offsets.entrySet().stream()
                    .filter(e -> e.getValue() != null && !e.getKey().topic().endsWith(".dlq"))
                    .mapToLong(e -> Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset())).sum()));
        } catch (Exception e) {
            GROUPS.forEach(g -> lag.put(g, -1L));
        }
        return lag;
    }

    private static List<Long> postgresPids() {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(n -> {
                        try {
                            if (Files.readString(Path.of("/proc", n, "comm")).trim().equals("postgres")) {
                                pids.add(Long.parseLong(n));
                            }
                        } catch (IOException ignored) {
                            // the process ended meanwhile
                        }
                    });
        } catch (IOException ignored) {
            // no /proc: nothing to measure
        }
        return pids;
    }

    private static long ticks(long pid) {
        return ticks(pid, false);
    }

    /** User and system CPU of the process, and with {@code reapedChildren} that of its children that ended. */
    private static long ticks(long pid, boolean reapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return reapedChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        running = false;
        kafka.close();
        databases.values().forEach(c -> {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        });
    }
}
