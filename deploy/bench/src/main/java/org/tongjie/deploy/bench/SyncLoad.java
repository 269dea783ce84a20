package org.tongjie.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.tongjie.deploy.cluster.GatewayClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A district system's first holdings sync through the gateway, as its integration would send it: batches of 1,000
 * new records with ISBNs, two copies each, one batch after the other; then how long until circulation (loan-service,
 * which learns copies from the catalog's events) can lend the last copy sent.
 */
final class SyncLoad {

    private static final int ENTRIES_PER_BATCH = 1000;
    private static final int COPIES_PER_ENTRY = 2;
    /** ISBN numbers far above the bulk dataset's, so the two never share a record. */
    private static final int FIRST_ISBN_INDEX = 5_000_000;

    private SyncLoad() {
    }

    static Map<String, Object> measure(GatewayClient gateway, String admin, String library, int batches,
            Vocabulary vocabulary) throws IOException, InterruptedException {
        SplittableRandom random = new SplittableRandom(20_261_123L);
        List<Double> batchSeconds = new ArrayList<>();
        String lastBarcode = null;
        long begin = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            List<Map<String, Object>> entries = new ArrayList<>(ENTRIES_PER_BATCH);
            for (int e = 0; e < ENTRIES_PER_BATCH; e++) {
                int n = b * ENTRIES_PER_BATCH + e;
                List<Map<String, Object>> copies = new ArrayList<>();
                for (int c = 0; c < COPIES_PER_ENTRY; c++) {
                    lastBarcode = String.format("%sS%09d", library, n * COPIES_PER_ENTRY + c);
                    copies.add(Map.of("barcode", lastBarcode, "homeServicePointCode", library + "-MAIN",
                            "callNumber", "I247/" + n));
                }
                String title = vocabulary.draw(random) + vocabulary.draw(random) + vocabulary.draw(random);
                entries.add(Map.of("ref", "sync-" + n, "record", Map.of("isbn", Dataset.isbn(FIRST_ISBN_INDEX + n,
                        Set.of()), "title", title, "language", "chi", "publicationYear",
                        1990 + random.nextInt(36)), "copies", copies));
            }
            long sent = System.nanoTime();
            JsonNode answer = gateway.post(admin, "/holdings-sync?library=" + library, Map.of("entries", entries),
                    200);
            batchSeconds.add((System.nanoTime() - sent) / 1e9);
            if (answer.path("summary").path("created").asInt() != ENTRIES_PER_BATCH) {
                throw new IOException("Sync batch " + b + " did not create every entry: " + answer.path("summary"));
            }
        }
        double synced = (System.nanoTime() - begin) / 1e9;
        long known = System.nanoTime();
        while (true) {
            try {
                gateway.get(admin, "/circulation/copies/" + lastBarcode);
                break;
            } catch (IOException notYet) {
                if ((System.nanoTime() - known) / 1e9 > 120) {
                    throw new IOException("Circulation did not learn copy " + lastBarcode + " within 120 s", notYet);
                }
                Thread.sleep(100);
            }
        }
        double lag = (System.nanoTime() - known) / 1e9;
        int entries = batches * ENTRIES_PER_BATCH;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("entries", entries);
        result.put("copies", entries * COPIES_PER_ENTRY);
        result.put("seconds", Math.round(synced * 10) / 10.0);
        result.put("entries_per_s", Math.round(entries / synced));
        result.put("batch_seconds", batchSeconds.stream().map(s -> Math.round(s * 100) / 100.0).toList());
        result.put("circulation_knows_last_copy_after_s", Math.round(lag * 10) / 10.0);
        return result;
    }
}
