package org.tongjie.deploy.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads the demo network (demo-network.json) through the public API: the seed libraries with their service
 * points, records with copies spread over the libraries, readers, staff accounts and a district library client.
 */
public final class DemoData {

    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "tongjie-admin";
    public static final String STAFF_PASSWORD = "tongjie-demo";

    /** What was loaded, for printing. */
    public record Loaded(int libraries, int servicePoints, int records, int copies, List<String> staff,
            Map<String, String> clientSecrets, List<String> sampleBarcodes, List<String> readers,
            DemoActivity.Summary activity, Duration networkLoad, Duration activityPlay) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoData() {
    }

    /** A copy of the demo catalogue: its barcode, home service point and call number. */
    private record Copy(String barcode, String home, String callNumber) {
    }

    /** The catalogue's copies by library, ready for the holdings syncs. */
    private static final class Holdings {
        private final Map<String, List<Map<String, Object>>> byLibrary = new java.util.TreeMap<>();
        private int copies;

        /** Adds a record with its copies. */
        void add(Map<String, Object> record, List<Copy> itsCopies) {
            Map<String, List<Map<String, Object>>> copiesByLibrary = new LinkedHashMap<>();
            for (Copy copy : itsCopies) {
                String library = copy.home().substring(0, copy.home().indexOf('-'));
                copiesByLibrary.computeIfAbsent(library, l -> new ArrayList<>()).add(Map.of("barcode", copy.barcode(),
                        "homeServicePointCode", copy.home(), "callNumber", copy.callNumber()));
            }
            copiesByLibrary.forEach((library, its) -> byLibrary.computeIfAbsent(library, l -> new ArrayList<>())
                    .add(Map.of("ref", "demo-" + record.get("isbn"), "record", record, "copies", its)));
            copies += itsCopies.size();
        }

        /**
         * Loads them the way a district system would: one holdings sync per library (at most 1,000 entries a
         * request); a record held by several libraries is created once and matched by ISBN after.
         */
        void sync(GatewayClient gateway, String admin) throws IOException {
            for (var library : byLibrary.entrySet()) {
                List<Map<String, Object>> entries = library.getValue();
                for (int from = 0; from < entries.size(); from += 1000) {
                    JsonNode answer = gateway.post(admin, "/holdings-sync?library=" + library.getKey(),
                            Map.of("entries", entries.subList(from, Math.min(entries.size(), from + 1000))), 200);
                    if (answer.path("summary").path("rejected").asInt() > 0) {
                        throw new IOException("Demo holdings of " + library.getKey() + " were refused: " + answer);
                    }
                }
            }
        }
    }

    /** The hand-written records, each with a copy at every service point of {@code copiesPerRecordAt}. */
    private static List<String> addHandWritten(Holdings holdings, JsonNode network) {
        List<String> barcodes = new ArrayList<>();
        int number = 0;
        for (JsonNode record : network.get("records")) {
            number++;
            List<Copy> copies = new ArrayList<>();
            for (JsonNode home : network.get("copiesPerRecordAt")) {
                String point = home.asText();
                String barcode = point.substring(0, point.indexOf('-'))
                        + String.format("%010d", 1000 + barcodes.size());
                copies.add(new Copy(barcode, point, record.get("clcClass").asText() + "/" + number));
                barcodes.add(barcode);
            }
            holdings.add(JSON.convertValue(record, new TypeReference<Map<String, Object>>() { }), copies);
        }
        return barcodes;
    }

    /** The generated catalogue. */
    private static List<DemoCatalog.Entry> addGenerated(Holdings holdings, JsonNode spec) {
        List<String> points = new ArrayList<>();
        spec.get("copiesAt").forEach(point -> points.add(point.asText()));
        List<DemoCatalog.Entry> catalogue = DemoCatalog.generate(spec.get("records").asInt(), points,
                spec.get("seed").asLong(), spec.get("firstBarcode").asInt());
        for (DemoCatalog.Entry entry : catalogue) {
            List<Copy> copies = new ArrayList<>();
            entry.copiesAt().forEach((point, barcodes) -> barcodes.forEach(barcode -> copies.add(new Copy(barcode,
                    point, entry.record().get("clcClass") + "/" + barcode.substring(barcode.length() - 6)))));
            holdings.add(entry.record(), copies);
        }
        return catalogue;
    }

    static Loaded load(GatewayClient gateway, String courierSecret) throws IOException {
        long begins = System.nanoTime();
        JsonNode network;
        try (InputStream in = DemoData.class.getResourceAsStream("/demo-network.json")) {
            network = JSON.readTree(in);
        }
        String admin = gateway.staffToken(ADMIN_USERNAME, ADMIN_PASSWORD);
        int libraries = 0;
        int points = 0;
        for (JsonNode library : network.get("libraries")) {
            ObjectNode body = library.deepCopy();
            body.remove("servicePoints");
            gateway.create(admin, "/libraries", body);
            libraries++;
            for (JsonNode point : library.get("servicePoints")) {
                gateway.create(admin, "/libraries/" + library.get("code").asText() + "/service-points", point);
                points++;
            }
        }
        // The catalogue takes longest; the people and settings, which do not depend on it, load beside it.
        Holdings holdings = new Holdings();
        List<String> handWritten = addHandWritten(holdings, network);
        JsonNode generated = network.get("generatedCatalog");
        List<DemoCatalog.Entry> catalogue = generated == null ? List.of() : addGenerated(holdings, generated);
        ExecutorService beside = Executors.newSingleThreadExecutor();
        People people;
        try {
            Future<People> loading = beside.submit(() -> loadPeople(gateway, admin, network));
            holdings.sync(gateway, admin);
            people = await(loading);
        } finally {
            beside.shutdownNow();
        }
        int records = network.get("records").size() + catalogue.size();
        List<String> barcodes = handWritten.subList(0, Math.min(3, handWritten.size()));
        long activityBegins = System.nanoTime();
        DemoActivity.Summary activity = DemoActivity.play(gateway, admin, catalogue, courierSecret);
        return new Loaded(libraries, points, records, holdings.copies, people.staff(), people.clientSecrets(),
                barcodes, people.readers(), activity, Duration.ofNanos(activityBegins - begins),
                Duration.ofNanos(System.nanoTime() - activityBegins));
    }

    /** The accounts and clients loaded, for printing. */
    private record People(List<String> staff, List<String> readers, Map<String, String> clientSecrets) {
    }

    /** Staff, loan policies, readers, each library's settings and the district clients. */
    private static People loadPeople(GatewayClient gateway, String admin, JsonNode network) throws IOException {
        List<String> staff = new ArrayList<>();
        for (JsonNode account : network.get("staff")) {
            ObjectNode body = account.deepCopy();
            body.put("password", STAFF_PASSWORD);
            gateway.create(admin, "/staff-accounts", body);
            staff.add(account.get("username").asText() + " (" + account.get("role").asText()
                    + (account.hasNonNull("libraryCode") ? " " + account.get("libraryCode").asText() : "") + ")");
        }
        for (JsonNode policy : network.get("loanPolicies")) {
            gateway.create(admin, "/loan-policies", policy);
        }
        List<String> readers = new ArrayList<>();
        for (JsonNode reader : network.get("readers")) {
            gateway.create(admin, "/patrons", reader);
            readers.add(reader.get("cardNumber").asText() + " " + reader.get("name").asText() + " ("
                    + reader.get("patronType").asText() + ", " + reader.get("homeLibrary").asText() + ")");
        }
        for (JsonNode settings : network.get("deliverySettings")) {
            ObjectNode body = settings.deepCopy();
            body.remove("libraryCode");
            gateway.putWhenKnown(admin, "/delivery-settings/" + settings.get("libraryCode").asText(), body,
                    java.time.Duration.ofSeconds(30));
        }
        for (JsonNode library : network.path("floatingCollections")) {
            // 金湖's reading bars keep the books readers return there (浮动馆藏).
            gateway.putWhenKnown(admin, "/floating-collections/" + library.asText(), Map.of(),
                    java.time.Duration.ofSeconds(30));
        }
        for (JsonNode rules : network.path("purchaseRules")) {
            ObjectNode body = rules.deepCopy();
            body.remove("libraryCode");
            gateway.putWhenKnown(admin, "/purchase-rules/" + rules.get("libraryCode").asText(), body,
                    java.time.Duration.ofSeconds(30));
        }
        for (JsonNode bookstore : network.path("bookstores")) {
            // 你选书·我买单: 金湖's Xinhua bookstore lends what readers pick there on the library's behalf.
            ObjectNode body = bookstore.deepCopy();
            body.remove("code");
            gateway.putWhenKnown(admin, "/bookstores/" + bookstore.get("code").asText(), body,
                    java.time.Duration.ofSeconds(30));
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        for (JsonNode client : network.get("clients")) {
            JsonNode created = gateway.create(admin, "/clients", client);
            secrets.put(created.get("clientId").asText(), created.get("clientSecret").asText());
        }
        return new People(staff, readers, secrets);
    }

    /** The task's result, or what it failed with. */
    static <T> T await(Future<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while loading the demo network", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
