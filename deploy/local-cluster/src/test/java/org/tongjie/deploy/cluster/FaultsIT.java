package org.tongjie.deploy.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults under load ({@link Load}: desks lending, a hold queue, home deliveries, all through the gateway and
 * retrying as their clients would): every service killed with SIGKILL and restarted in turn; the Kafka broker
 * down for 30 seconds; PostgreSQL restarted; the network between loan-service and its database, and between
 * loan-service and Kafka, slowed, cut and stalled. Afterwards every acknowledged loan, hold and order exists
 * exactly once, nothing else was made, and the network converges: the catalog agrees with loan-service about
 * every copy, no outbox holds an unsent event.
 */
class FaultsIT extends OnSharedCluster {

    @Test
    void shouldLendHoldAndDeliverEachOnceWhenEveryServiceIsKilledUnderLoad() throws Exception {
        Map<String, Duration> restarts = new LinkedHashMap<>();
        try (Load load = Load.everything(cluster, "断电也不丢的书")) {
            Thread.sleep(5000);
            for (String service : List.of("loan", "catalog", "delivery", "gateway")) {
                cluster.kill(service);
                Thread.sleep(1000);
                restarts.put(service, cluster.restart(service));
                Thread.sleep(5000);
            }
            load.close();
            System.out.printf("Faults (kill -9 each service): %s; restarts %s%n", load.summary(), restarts);
            load.assertExactlyOnceAndConverged();
        }
    }

    @Test
    void shouldKeepLendingThroughABrokerOutageAndCatchUpAfterIt() throws Exception {
        try (Load load = Load.desks(cluster, "停电时照常借还的书")) {
            Thread.sleep(2000);
            cluster.pauseBroker();
            int before = load.loans.size();
            long backlog = 0;
            long outageEnds = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < outageEnds) {
                backlog = Math.max(backlog, unsentEvents());
                Thread.sleep(1000);
            }
            int duringOutage = load.loans.size() - before;
            cluster.resumeBroker();
            long drained = millisUntilDrained();
            Thread.sleep(2000);
            load.close();
            System.out.printf("Faults (broker down 30 s): %d loans during the outage, loan-service outbox peak %d,"
                    + " drained %d ms after the broker returned; %s%n", duringOutage, backlog, drained,
                    load.summary());
            assertTrue(duringOutage > 0, "no lending while the broker was down");
            assertTrue(backlog > 0, "the outbox never held back an event");
            assertTrue(drained >= 0, "loan-service's outbox did not drain");
            load.assertExactlyOnceAndConverged();
        }
    }

    @Test
    void shouldConvergeWhenPostgresRestartsUnderLoad() throws Exception {
        try (Load load = Load.everything(cluster, "数据库重启时借出的书")) {
            Thread.sleep(4000);
            int before = load.loans.size();
            Duration restart = cluster.restartDatabase();
            Thread.sleep(6000);
            load.close();
            System.out.printf("Faults (PostgreSQL restarted in %d ms): %d loans before; %s%n", restart.toMillis(),
                    before, load.summary());
            assertTrue(load.loans.size() > before, "no lending after PostgreSQL came back");
            load.assertExactlyOnceAndConverged();
        }
    }

    @Test
    void shouldRideOutASlowCutAndStalledNetworkToTheDatabase() throws Exception {
        // loan-service goes back to a direct connection before the proxy closes, so that it leaves its consumer
        // group in good order rather than vanishing from it.
        FaultProxy network = cluster.interpose("loan", "database");
        try (Load load = Load.everything(cluster, "网络时断时续时借出的书")) {
            Map<String, Integer> loansPerPhase = new LinkedHashMap<>();
            Thread.sleep(3000);
            loansPerPhase.put("before", load.loans.size());
            network.delay(Duration.ofMillis(30));
            Thread.sleep(10_000);
            network.delay(Duration.ZERO);
            loansPerPhase.put("delayed 30 ms a chunk, 10 s", load.loans.size());
            network.cut();
            Thread.sleep(10_000);
            network.pass();
            loansPerPhase.put("cut, 10 s", load.loans.size());
            Thread.sleep(3000);
            loansPerPhase.put("recovered, 3 s", load.loans.size());
            network.stall();
            Thread.sleep(10_000);
            network.pass();
            loansPerPhase.put("stalled, 10 s", load.loans.size());
            Thread.sleep(5000);
            load.close();
            loansPerPhase.put("recovered, 5 s", load.loans.size());
            System.out.printf("Faults (loan-service to PostgreSQL through a fault proxy): cumulative loans %s;"
                    + " %s; %d connections%n", loansPerPhase, load.summary(), network.connections());
            assertTrue(loansPerPhase.get("recovered, 5 s") > loansPerPhase.get("stalled, 10 s"),
                    "no lending after the network came back");
            load.assertExactlyOnceAndConverged();
        } finally {
            cluster.restart("loan");
            network.close();
        }
    }

    @Test
    void shouldRideOutASlowCutAndStalledNetworkToKafka() throws Exception {
        // loan-service goes back to a direct connection before the proxy closes, so that it leaves its consumer
        // group in good order rather than vanishing from it.
        FaultProxy network = cluster.interpose("loan", "kafka");
        try (Load load = Load.desks(cluster, "消息时断时续时借出的书")) {
            Thread.sleep(3000);
            long backlog = 0;
            network.delay(Duration.ofMillis(30));
            backlog = Math.max(backlog, watchBacklog(Duration.ofSeconds(10)));
            network.delay(Duration.ZERO);
            network.cut();
            backlog = Math.max(backlog, watchBacklog(Duration.ofSeconds(15)));
            network.pass();
            Thread.sleep(5000);
            network.stall();
            backlog = Math.max(backlog, watchBacklog(Duration.ofSeconds(15)));
            network.pass();
            long drained = millisUntilDrained();
            load.close();
            System.out.printf("Faults (loan-service to Kafka through a fault proxy: 30 ms delay 10 s, cut 15 s,"
                    + " stalled 15 s): outbox peak %d, drained %d ms after the stall ended; %s; %d connections%n",
                    backlog, drained, load.summary(), network.connections());
            assertTrue(backlog > 0, "the outbox never held back an event");
            assertTrue(drained >= 0, "loan-service's outbox did not drain");
            load.assertExactlyOnceAndConverged();
        } finally {
            cluster.restart("loan");
            network.close();
        }
    }

    /** How long loan-service's outbox takes to empty from now (two minutes at most); -1 if it never does. */
    private static long millisUntilDrained() throws Exception {
        long since = System.nanoTime();
        while (System.nanoTime() - since < Duration.ofSeconds(120).toNanos()) {
            if (unsentEvents() == 0) {
                return Duration.ofNanos(System.nanoTime() - since).toMillis();
            }
            Thread.sleep(200);
        }
        return -1;
    }

    /** Watches loan-service's outbox for a while; returns the most unsent events seen. */
    private static long watchBacklog(Duration duration) throws Exception {
        long peak = 0;
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            peak = Math.max(peak, unsentEvents());
            Thread.sleep(500);
        }
        return peak;
    }

    private static long unsentEvents() throws Exception {
        return SharedCluster.count(cluster, "loan", "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL");
    }
}
