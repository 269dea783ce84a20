package org.tongjie.deploy.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The long soak, not part of the README's test command: {@code deploy/soak.sh [minutes]} (30 by default). The
 * whole {@link Load} runs for the given time while faults come one after another with a minute of calm between
 * them: each service killed with SIGKILL, the broker down for 30 seconds, PostgreSQL restarted, and the network
 * from loan-service to its database slowed, cut and stalled. Every minute it prints the load so far, the
 * outbox backlog and each service's memory; at the end every acknowledged loan, hold and order must exist
 * exactly once and the network must agree with itself.
 */
class SoakIT {

    private static final Duration CALM = Duration.ofSeconds(60);

    private interface Fault {
        void inject(LocalCluster cluster) throws Exception;
    }

    @Test
    void shouldHoldTheLoadThroughFaultsForTheWholeSoak() throws Exception {
        Duration length = Duration.ofMinutes(Long.getLong("soak.minutes", 30));
        LocalCluster cluster = SharedCluster.get();
        Map<String, Fault> faults = new LinkedHashMap<>();
        for (String service : List.of("loan", "catalog", "delivery", "gateway")) {
            faults.put("kill -9 " + service, c -> {
                c.kill(service);
                Thread.sleep(1000);
                c.restart(service);
            });
        }
        faults.put("broker down 30 s", c -> {
            c.pauseBroker();
            Thread.sleep(30_000);
            c.resumeBroker();
        });
        faults.put("PostgreSQL restart", LocalCluster::restartDatabase);
        faults.put("loan-service to PostgreSQL: 30 ms delay, cut, stall (10 s each)", c -> {
            FaultProxy network = c.interpose("loan", "database");
            try {
                Thread.sleep(5000);
                network.delay(Duration.ofMillis(30));
                Thread.sleep(10_000);
                network.delay(Duration.ZERO);
                network.cut();
                Thread.sleep(10_000);
                network.pass();
                Thread.sleep(5000);
                network.stall();
                Thread.sleep(10_000);
                network.pass();
                Thread.sleep(5000);
            } finally {
                c.restart("loan");
                network.close();
            }
        });

        long begin = System.nanoTime();
        long end = begin + length.toNanos();
        List<String> injected = new ArrayList<>();
        long peakBacklog = 0;
        long peakRss = 0;
        try (Load load = Load.everything(cluster, "长跑测试的书")) {
            List<String> names = List.copyOf(faults.keySet());
            long nextReport = System.nanoTime();
            int next = 0;
            long calmUntil = System.nanoTime() + CALM.toNanos();
            while (System.nanoTime() < end) {
                if (System.nanoTime() >= nextReport) {
                    long backlog = SharedCluster.count(cluster, "loan",
                            "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL");
                    Map<String, Long> rss = cluster.residentKilobytes();
                    peakBacklog = Math.max(peakBacklog, backlog);
                    peakRss = Math.max(peakRss, rss.values().stream().mapToLong(Long::longValue).max().orElse(0));
                    System.out.printf("Soak %3d min: %s; loan outbox %d unsent; RSS kB %s; faults %d%n",
                            Duration.ofNanos(System.nanoTime() - begin).toMinutes(), load.summary(), backlog, rss,
                            injected.size());
                    nextReport = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                }
                if (System.nanoTime() >= calmUntil && end - System.nanoTime() > CALM.toNanos()) {
                    String name = names.get(next++ % names.size());
                    long started = System.nanoTime();
                    faults.get(name).inject(cluster);
                    injected.add(name + " (" + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s)");
                    calmUntil = System.nanoTime() + CALM.toNanos();
                }
                Thread.sleep(1000);
            }
            load.close();
            System.out.printf("Soak of %d min: %s; %d faults injected %s; loan outbox peak %d unsent; peak service"
                    + " RSS %d MB%n", length.toMinutes(), load.summary(), injected.size(), injected, peakBacklog,
                    peakRss / 1024);
            assertTrue(injected.size() >= Math.min(faults.size(), length.toMinutes() / 3),
                    "too few faults for the length: " + injected);
            load.assertExactlyOnceAndConverged();
        }
        NetworkAgreement.assertAgrees(cluster);
    }
}
