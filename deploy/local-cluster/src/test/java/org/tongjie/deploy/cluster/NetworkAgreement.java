package org.tongjie.deploy.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tongjie.deploy.cluster.SharedCluster.connect;
import static org.tongjie.deploy.cluster.SharedCluster.count;

/**
 * After a group of flows, the whole network must tell one story, read from each service's own database as an
 * auditor would: every copy in circulation is known to the catalog with loan-service's status; a copy is in
 * transit exactly when delivery-service has one open transfer of it; no bookstore purchase left a provisional
 * copy behind; a copy on loan has one open loan and a copy promised to a hold has one open hold; no outbox holds
 * an event it has not published, and no consumer gave an event up to its dead-letter topic.
 */
final class NetworkAgreement {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private NetworkAgreement() {
    }

    static void assertAgrees(LocalCluster cluster) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Map<String, String> disagreements;
        while (true) {
            disagreements = disagreements(cluster);
            if (disagreements.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(500);
        }
        assertEquals(Map.of(), disagreements, "the services disagree about these copies");
        try (Connection loan = connect(cluster, "loan")) {
            assertEquals(0, count(loan, "SELECT count(*) FROM circulation_copy c WHERE c.status = 'CHECKED_OUT'"
                    + " AND (SELECT count(*) FROM loan l WHERE l.copy_id = c.copy_id AND l.status = 'OPEN') <> 1"),
                    "every copy on loan has exactly one open loan");
            assertEquals(0, count(loan, "SELECT count(*) FROM loan l JOIN circulation_copy c ON c.copy_id = l.copy_id"
                    + " WHERE l.status = 'OPEN' AND c.status <> 'CHECKED_OUT'"), "every open loan's copy is out");
            assertEquals(0, count(loan, "SELECT count(*) FROM circulation_copy c WHERE c.status IN"
                    + " ('AWAITING_PICKUP', 'AWAITING_DELIVERY') AND (SELECT count(*) FROM hold h WHERE"
                    + " h.copy_id = c.copy_id AND h.status LIKE 'OPEN%') <> 1"),
                    "every copy on a hold shelf or awaiting delivery is promised to exactly one open hold");
        }
        assertEquals(Map.of(), deadLetters(cluster), "events given up by a consumer (dead-letter topics)");
        for (String service : List.of("catalog", "loan", "delivery")) {
            long deadlineOutbox = System.nanoTime() + PATIENCE.toNanos();
            long unsent;
            try (Connection db = connect(cluster, service)) {
                while ((unsent = count(db, "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL")) > 0
                        && System.nanoTime() < deadlineOutbox) {
                    Thread.sleep(200);
                }
            }
            assertTrue(unsent == 0, service + " still holds " + unsent + " unpublished events");
        }
    }

    private static Map<String, String> disagreements(LocalCluster cluster) throws SQLException {
        Map<String, String> loanSide = statuses(cluster, "loan", "SELECT copy_id, status FROM circulation_copy");
        Map<String, String> catalogSide = statuses(cluster, "catalog",
                "SELECT copy_id, status FROM copy_circulation");
        Map<String, String> different = new TreeMap<>();
        loanSide.forEach((copy, status) -> {
            String catalog = catalogSide.get(copy);
            if (catalog == null) {
                different.put(copy, "loan-service " + status + ", unknown to the catalog's availability");
            } else if (!catalog.equals(status)) {
                different.put(copy, "loan-service " + status + ", catalog " + catalog);
            }
        });
        // A copy in transit between libraries is on exactly one open transfer, and an open transfer's copy is in
        // transit.
        Map<String, String> transfers = statuses(cluster, "delivery", "SELECT copy_id, count(*) FROM transfer"
                + " WHERE status IN ('REQUESTED', 'IN_TRANSIT') GROUP BY copy_id");
        loanSide.forEach((copy, status) -> {
            String open = transfers.getOrDefault(copy, "0");
            long count = Long.parseLong(open);
            if (count > 1 || status.equals("IN_TRANSIT") != (count == 1)) {
                different.put(copy, "loan-service " + status + ", " + open + " open transfers in delivery-service");
            }
        });
        // A bookstore purchase's provisional copy either joined the collection or was discarded.
        statuses(cluster, "catalog", "SELECT id, barcode FROM copy WHERE status = 'PROVISIONAL'").forEach(
                (copy, barcode) -> different.put(copy, "provisional copy " + barcode + " left in the catalog"));
        return different;
    }

    /** How many events each service's dead-letter topic holds: none, where nothing was poison. */
    private static Map<String, Long> deadLetters(LocalCluster cluster) {
        Map<String, Long> given = new TreeMap<>();
        SharedCluster.endOffsets(cluster).forEach((partition, end) -> {
            if (partition.topic().endsWith(".dlq") && end > 0) {
                given.merge(partition.topic(), end, Long::sum);
            }
        });
        return given;
    }

    private static Map<String, String> statuses(LocalCluster cluster, String database, String sql)
            throws SQLException {
        Map<String, String> statuses = new HashMap<>();
        try (Connection db = connect(cluster, database); Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                statuses.put(rows.getString(1), rows.getString(2));
            }
        }
        return statuses;
    }

}
