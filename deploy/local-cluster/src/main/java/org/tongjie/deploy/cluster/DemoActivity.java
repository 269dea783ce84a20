package org.tongjie.deploy.cluster;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A morning's circulation in the demo network, through the public API, so the operations dashboard has numbers
 * to show: readers at every library borrow their own library's books and one of another library's, return some
 * at home and some elsewhere (which sends those copies travelling home), and each library's administrator has
 * entered last year's and this year's figures.
 */
final class DemoActivity {

    /** The libraries that lend in the demo, each at its main desk. */
    private static final List<String> LIBRARIES = List.of("NJL", "JLL", "YHT", "SZL", "JHL", "BHL");
    private static final int READERS_PER_LIBRARY = 3;
    private static final long SEED = 20_261_122L;

    private DemoActivity() {
    }

    /** What was done, for printing. */
    record Summary(int readers, int loans, int returns, int travelling, int deliveries, List<String> figureYears) {
    }

    static Summary play(GatewayClient gateway, String admin, List<DemoCatalog.Entry> catalogue, String courierSecret)
            throws IOException {
        Map<String, Iterator<String>> shelves = new LinkedHashMap<>();
        Map<String, List<String>> byLibrary = new LinkedHashMap<>();
        for (DemoCatalog.Entry entry : catalogue) {
            entry.copiesAt().forEach((point, barcodes) -> {
                if (point.endsWith("-MAIN")) {
                    byLibrary.computeIfAbsent(point.substring(0, point.indexOf('-')), l -> new ArrayList<>())
                            .addAll(barcodes);
                }
            });
        }
        byLibrary.forEach((library, barcodes) -> shelves.put(library, barcodes.iterator()));
        // Who borrows what is drawn first, in a fixed order, so every run plays the same morning; then each
        // library's desk works at the same time as the others, as they would.
        Random random = new Random(SEED);
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < LIBRARIES.size(); i++) {
            String library = LIBRARIES.get(i);
            String neighbour = LIBRARIES.get((i + 1) % LIBRARIES.size());
            for (int r = 0; r < READERS_PER_LIBRARY; r++) {
                visits.add(new Visit(library, neighbour, String.format("32990%d%07d", i, r + 1),
                        DemoCatalog.name(random), List.of(shelves.get(library).next(), shelves.get(library).next(),
                        shelves.get(neighbour).next()), r));
            }
        }
        // 陶风网借: two readers have a book from 南京图书馆 brought home by courier.
        List<String> deliveryCards = List.of("3201000000002", "3201140000001");
        List<String> deliveryBarcodes = List.of(shelves.get("NJL").next(), shelves.get("NJL").next());
        ExecutorService desks = Executors.newFixedThreadPool(
                LIBRARIES.size() + deliveryCards.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String library : LIBRARIES) {
                done.add(desks.submit(() -> {
                    for (Visit visit : visits) {
                        if (visit.library().equals(library)) {
                            visit.play(gateway, admin);
                        }
                    }
                    return null;
                }));
            }
            for (int d = 0; d < deliveryCards.size(); d++) {
                String card = deliveryCards.get(d);
                String barcode = deliveryBarcodes.get(d);
                done.add(desks.submit(() -> {
                    deliver(gateway, admin, card, barcode, courierSecret);
                    return null;
                }));
            }
            for (Future<?> each : done) {
                DemoData.await(each);
            }
        } finally {
            desks.shutdownNow();
        }
        int loans = visits.size() * 3 + deliveryCards.size();
        int travelling = visits.size() + (int) visits.stream().filter(v -> v.index() == 0).count();
        int returns = travelling + (int) visits.stream().filter(v -> v.index() == 1).count();
        int thisYear = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        for (int i = 0; i < LIBRARIES.size(); i++) {
            long scale = i == 0 ? 10 : i == 3 ? 8 : i == 1 ? 4 : 1;
            for (int year : List.of(thisYear - 1, thisYear)) {
                double growth = year == thisYear ? 1.06 : 1.0;
                gateway.putWhenKnown(admin, "/libraries/" + LIBRARIES.get(i) + "/figures/" + year, Map.of(
                        "visits", Math.round(scale * 180_000 * growth), "readerEvents", Math.round(scale * 60 * growth),
                        "budgetFen", Math.round(scale * 2_500_000_000L * growth),
                        "acquisitionsSpendingFen", Math.round(scale * 600_000_000L * growth)),
                        java.time.Duration.ofSeconds(10));
            }
        }
        return new Summary(visits.size(), loans, returns, travelling, deliveryCards.size(),
                List.of(String.valueOf(thisYear - 1), String.valueOf(thisYear)));
    }

    /**
     * A reader's visit: registers at the library's main desk, borrows two of its books and one of the
     * neighbour's, and returns the neighbour's there, which sends it travelling home; the first reader of each
     * library also drops one of their own library's books at the neighbour's desk, the second returns one at home.
     */
    private record Visit(String library, String neighbour, String card, String name, List<String> borrowed,
            int index) {

        void play(GatewayClient gateway, String admin) throws IOException {
            String desk = library + "-MAIN";
            gateway.create(admin, "/patrons", Map.of("cardNumber", card, "name", name, "patronType", "ADULT",
                    "homeLibrary", library, "pin", "123456"));
            for (String barcode : borrowed) {
                checkOut(gateway, admin, card, barcode, desk);
            }
            checkIn(gateway, admin, borrowed.get(2), desk);
            if (index == 0) {
                checkIn(gateway, admin, borrowed.get(1), neighbour + "-MAIN");
            } else if (index == 1) {
                checkIn(gateway, admin, borrowed.get(1), desk);
            }
        }
    }

    /** Lends a copy, waiting a little for circulation to have heard of it from the catalog's holdings sync. */
    private static void checkOut(GatewayClient gateway, String admin, String card, String barcode, String desk)
            throws IOException {
        waitFor(() -> gateway.create(admin, "/circulation/check-outs", Map.of("cardNumber", card, "barcode",
                barcode, "servicePointCode", desk)));
    }

    /** A reader orders the copy's book for home delivery; 南京图书馆 packs it and the courier delivers it. */
    private static void deliver(GatewayClient gateway, String admin, String card, String barcode, String secret)
            throws IOException {
        String reader = gateway.tokens(Map.of("grant_type", "password", "scope", "patron", "username", card,
                "password", "123456")).get("access_token").asText();
        String recordId = waitFor(() -> gateway.get(admin, "/circulation/copies/" + barcode)).get("recordId")
                .asText();
        String address = gateway.create(reader, "/delivery-addresses", Map.of("recipient", "读者", "phone",
                "13900000000", "regionCode", "320114", "line", "雨花台区软件大道 101 号")).get("id").asText();
        Map<String, Object> order = Map.of("libraryCode", "NJL", "recordIds", List.of(recordId), "addressId",
                address);
        waitFor(() -> gateway.post(reader, "/delivery-quotes", order, 200));
        String orderId = gateway.create(reader, "/delivery-orders", order).get("id").asText();
        com.fasterxml.jackson.databind.JsonNode confirmed = waitFor(() -> {
            com.fasterxml.jackson.databind.JsonNode seen = gateway.get(reader, "/delivery-orders/" + orderId);
            if (!"CONFIRMED".equals(seen.path("status").asText())) {
                throw new IOException("order " + orderId + " is " + seen.path("status").asText());
            }
            return seen;
        });
        String shipment = confirmed.path("shipments").path(0).path("id").asText();
        String packed = confirmed.path("lines").path(0).path("barcode").asText();
        gateway.post(admin, "/shipments/" + shipment + "/packing", Map.of("barcodes", List.of(packed)), 200);
        String tracking = "SFDEMO" + System.nanoTime();
        gateway.post(admin, "/shipments/" + shipment + "/hand-over", Map.of("carrier", "sf", "trackingNumber",
                tracking), 200);
        String body = "{\"eventId\":\"" + java.util.UUID.randomUUID() + "\",\"trackingNumber\":\"" + tracking
                + "\",\"status\":\"DELIVERED\",\"occurredAt\":\"" + java.time.Instant.now()
                + "\",\"location\":\"南京\"}";
        String timestamp = Long.toString(java.time.Instant.now().getEpochSecond());
        gateway.postSigned("/carriers/sf/events", body, Map.of("X-Tongjie-Timestamp", timestamp,
                "X-Tongjie-Signature", CarrierSecrets.signature(secret, timestamp, body)));
    }

    /** A step that may fail until another service has caught up, tried for up to a minute. */
    private static <T> T waitFor(GatewayClient.Step<T> step) throws IOException {
        return GatewayClient.retrying(java.time.Duration.ofSeconds(60), step);
    }

    private static void checkIn(GatewayClient gateway, String admin, String barcode, String desk) throws IOException {
        gateway.post(admin, "/circulation/check-ins", Map.of("barcode", barcode, "servicePointCode", desk), 200);
    }
}
