package org.tongjie.deploy.cluster;

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

    private DemoData() {
    }

    /**
     * The generated catalogue, loaded the way a district system would: one holdings sync per library (at most
     * 1,000 entries a request); a record held by several libraries is created once and matched by ISBN after.
     */
    private static List<DemoCatalog.Entry> loadGenerated(GatewayClient gateway, String admin, JsonNode spec)
            throws IOException {
        List<String> points = new ArrayList<>();
        spec.get("copiesAt").forEach(point -> points.add(point.asText()));
        List<DemoCatalog.Entry> catalogue = DemoCatalog.generate(spec.get("records").asInt(), points,
                spec.get("seed").asLong(), spec.get("firstBarcode").asInt());
        Map<String, List<Map<String, Object>>> byLibrary = new java.util.TreeMap<>();
        for (DemoCatalog.Entry entry : catalogue) {
            Map<String, List<Map<String, Object>>> copiesByLibrary = new LinkedHashMap<>();
            for (var at : entry.copiesAt().entrySet()) {
                String library = at.getKey().substring(0, at.getKey().indexOf('-'));
                for (String barcode : at.getValue()) {
                    copiesByLibrary.computeIfAbsent(library, l -> new ArrayList<>()).add(Map.of("barcode", barcode,
                            "homeServicePointCode", at.getKey(), "callNumber", entry.record().get("clcClass") + "/"
                                    + barcode.substring(barcode.length() - 6)));
                }
            }
            copiesByLibrary.forEach((library, its) -> byLibrary.computeIfAbsent(library, l -> new ArrayList<>())
                    .add(Map.of("ref", "demo-" + entry.record().get("isbn"), "record", entry.record(),
                            "copies", its)));
        }
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
        return catalogue;
    }

    static Loaded load(GatewayClient gateway, String courierSecret) throws IOException {
        long begins = System.nanoTime();
        JsonNode network;
        try (InputStream in = DemoData.class.getResourceAsStream("/demo-network.json")) {
            network = new ObjectMapper().readTree(in);
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
        ExecutorService beside = Executors.newSingleThreadExecutor();
        People people;
        int records = 0;
        int copies = 0;
        List<String> barcodes = new ArrayList<>();
        List<DemoCatalog.Entry> catalogue;
        try {
            Future<People> loading = beside.submit(() -> loadPeople(gateway, admin, network));
            for (JsonNode record : network.get("records")) {
                String recordId = gateway.create(admin, "/records", record).get("id").asText();
                records++;
                for (JsonNode home : network.get("copiesPerRecordAt")) {
                    String point = home.asText();
                    String barcode = point.substring(0, point.indexOf('-'))
                            + String.format("%010d", 1000 + copies);
                    gateway.create(admin, "/copies", Map.of("barcode", barcode, "recordId", recordId,
                            "homeServicePointCode", point, "callNumber", record.get("clcClass").asText() + "/"
                                    + records));
                    copies++;
                    if (barcodes.size() < 3) {
                        barcodes.add(barcode);
                    }
                }
            }
            JsonNode generated = network.get("generatedCatalog");
            catalogue = generated == null ? List.of() : loadGenerated(gateway, admin, generated);
            records += catalogue.size();
            copies += catalogue.stream().mapToInt(e -> e.copiesAt().values().stream().mapToInt(List::size).sum())
                    .sum();
            people = await(loading);
        } finally {
            beside.shutdownNow();
        }
        long activityBegins = System.nanoTime();
        DemoActivity.Summary activity = DemoActivity.play(gateway, admin, catalogue, courierSecret);
        return new Loaded(libraries, points, records, copies, people.staff(), people.clientSecrets(), barcodes,
                people.readers(), activity, Duration.ofNanos(activityBegins - begins),
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
