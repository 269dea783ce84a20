package org.tongjie.deploy.cluster;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tongjie.deploy.cluster.SharedCluster.adminToken;
import static org.tongjie.deploy.cluster.SharedCluster.awaitStatus;
import static org.tongjie.deploy.cluster.SharedCluster.checkOut;
import static org.tongjie.deploy.cluster.SharedCluster.newCopy;
import static org.tongjie.deploy.cluster.SharedCluster.newRecord;
import static org.tongjie.deploy.cluster.SharedCluster.staffToken;

/**
 * The network's indicators through the gateway: what circulation, transfers, home delivery and the figures an
 * administrator enters add up to, per library and for a tree, as JSON and as CSV; who may see which tree; the
 * lists operators act on and every service's health and backlog.
 */
class IndicatorsIT extends OnSharedCluster {

    private static final String TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

    /** Two new district libraries under 金陵 (JLL), so their figures are this test's alone. */
    private static String district(String admin, String code, String name) throws InterruptedException {
        given().contentType(ContentType.JSON).auth().oauth2(admin).body(Map.of("code", code, "name", name,
                "level", "DISTRICT", "parentCode", "JLL", "regionCode", "320104")).when().post("/api/v1/libraries")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).auth().oauth2(admin).body(Map.of("code", code + "-MAIN",
                "name", name + "服务台", "type", "DESK")).when()
                .post("/api/v1/libraries/" + code + "/service-points")
                .then().statusCode(201);
        return code + "-MAIN";
    }

    private static JsonPath report(String token, String query) {
        return given().auth().oauth2(token).when().get("/api/v1/indicators?" + query).then().statusCode(200)
                .extract().jsonPath();
    }

    private static Map<String, Object> valuesOf(JsonPath report, String library) {
        return report.getMap("byLibrary.find { it.library == '" + library + "' }.values");
    }

    private static JsonPath awaitReport(String token, String query, Predicate<JsonPath> done, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonPath report = report(token, query);
        while (!done.test(report)) {
            assertTrue(System.nanoTime() < deadline, what + " never showed in the indicators: " + report.prettify());
            Thread.sleep(500);
            report = report(token, query);
        }
        return report;
    }

    private static long number(Map<String, Object> values, String name) {
        Object value = values.get(name);
        return value == null ? 0 : ((Number) value).longValue();
    }

    @Test
    void shouldCountLoansAcrossLibrariesTransfersDeliveriesAndEnteredFiguresPerLibraryAndTree() throws Exception {
        String admin = adminToken();
        String suffix = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase();
        String a = "IA" + suffix;
        String b = "IB" + suffix;
        String deskA = district(admin, a, "指标甲区图书馆");
        String deskB = district(admin, b, "指标乙区图书馆");
        String record = newRecord(admin, "指标测试 " + suffix);
        String ownA = newCopy(admin, record, a + "0001", deskA);
        String travelling = newCopy(admin, record, a + "0002", deskA);
        String fromB = newCopy(admin, record, b + "0001", deskB);
        String card = "9" + String.format("%012d", System.currentTimeMillis() % 1_000_000_000_000L);
        SharedCluster.registerReader(admin, a, card, "周指标", "123456");

        checkOut(admin, card, ownA, deskA).statusCode(201);
        checkOut(admin, card, fromB, deskA).statusCode(201);
        checkOut(admin, card, travelling, deskA).statusCode(201);
        given().contentType(ContentType.JSON).auth().oauth2(admin).body(Map.of("barcode", travelling,
                "servicePointCode", deskB)).when().post("/api/v1/circulation/check-ins").then().statusCode(200);
        awaitStatus(travelling, "IN_TRANSIT");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (given().contentType(ContentType.JSON).auth().oauth2(admin).body(Map.of("servicePointCode", deskB,
                "barcodes", List.of(travelling))).when().post("/api/v1/transfer-dispatches").then().extract()
                .statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "the transfer home was never ready to dispatch");
            Thread.sleep(100);
        }
        given().contentType(ContentType.JSON).auth().oauth2(admin).body(Map.of("servicePointCode", deskA,
                "barcode", travelling)).when().post("/api/v1/transfer-receipts").then().statusCode(200);

        // The administrator's figures for this month; changing them needs the ETag read.
        String month = TODAY.substring(0, 7);
        String etag = given().contentType(ContentType.JSON).auth().oauth2(admin).body(Map.of("visits", 900,
                "readerEvents", 3, "budgetFen", 5_000_000, "acquisitionsSpendingFen", 1_200_000)).when()
                .put("/api/v1/libraries/" + a + "/figures/" + month).then().statusCode(200)
                .body("version", equalTo(1)).extract().header("ETag");
        given().contentType(ContentType.JSON).auth().oauth2(admin).body(Map.of("visits", 1_200, "readerEvents", 4,
                "budgetFen", 5_000_000, "acquisitionsSpendingFen", 1_200_000)).when()
                .put("/api/v1/libraries/" + a + "/figures/" + month).then().statusCode(428);
        given().contentType(ContentType.JSON).auth().oauth2(admin).header("If-Match", etag).body(Map.of("visits",
                1_200, "readerEvents", 4, "budgetFen", 5_000_000, "acquisitionsSpendingFen", 1_200_000)).when()
                .put("/api/v1/libraries/" + a + "/figures/" + month).then().statusCode(200).body("version", equalTo(2));
        given().contentType(ContentType.JSON).auth().oauth2(admin).header("If-Match", etag).body(Map.of("visits", 1,
                "readerEvents", 1, "budgetFen", 1, "acquisitionsSpendingFen", 1)).when()
                .put("/api/v1/libraries/" + a + "/figures/" + month).then().statusCode(412);
        given().auth().oauth2(admin).when().get("/api/v1/libraries/" + a + "/figures").then().statusCode(200)
                .body("find { it.period == '" + month + "' }.visits", equalTo(1_200));

        String query = "from=" + month + "-01&to=" + TODAY + "&granularity=TOTAL&library=";
        JsonPath ofA = awaitReport(admin, query + a + "&tree=false", r -> number(r.getMap("total"),
                "transfers.transitTime.count") == 1 && number(r.getMap("total"), "loans") == 3
                && number(r.getMap("total"), "visits") > 0 && number(r.getMap("total"), "holdings.copies") == 2,
                "A's circulation, holdings and figures");
        Map<String, Object> totalA = ofA.getMap("total");
        assertEquals(List.of(a), ofA.getList("libraries"));
        assertEquals(3, number(totalA, "loans"));
        assertEquals(1, number(totalA, "loans.ofOtherLibraries"), "one of the loans was of B's copy");
        assertEquals(1, number(totalA, "patrons.active"));
        assertEquals(1, number(totalA, "patrons.registered"));
        assertEquals(1, number(totalA, "patrons"));
        assertEquals(2, number(totalA, "copies.added"));
        assertEquals(2, number(totalA, "holdings.copies"));
        assertEquals(1, number(totalA, "holdings.titles"));
        assertEquals(1, number(totalA, "transfers.received"));
        assertEquals(1_200, number(totalA, "visits"), "the figures as last entered, not their sum");
        assertEquals(4, number(totalA, "readerEvents"));
        assertEquals(1, number(totalA, "returns.byOtherLibraries"), "B took back one of A's copies");

        JsonPath ofB = awaitReport(admin, query + b + "&tree=false", r -> number(r.getMap("total"),
                "transfers.dispatched") == 1 && number(r.getMap("total"), "returns") == 1
                && number(r.getMap("total"), "holdings.copies") == 1, "B's transfer, return and holdings");
        Map<String, Object> totalB = ofB.getMap("total");
        assertEquals(0, number(totalB, "loans"));
        assertEquals(1, number(totalB, "loans.byOtherLibraries"), "A lent B's copy");
        assertEquals(1, number(totalB, "returns"));
        assertEquals(1, number(totalB, "returns.ofOtherLibraries"));
        assertEquals(1, number(totalB, "transfers.requested"));
        assertEquals(1, number(totalB, "holdings.copies"));

        // JLL's tree holds both, each with its own figures; the total is at least theirs.
        JsonPath tree = report(admin, query + "JLL");
        assertTrue(tree.getList("libraries").containsAll(List.of("JLL", "YHT", a, b)), tree.getList("libraries")
                .toString());
        assertEquals(3, number(valuesOf(tree, a), "loans"));
        assertEquals(1, number(valuesOf(tree, b), "returns"));
        assertTrue(number(tree.getMap("total"), "loans") >= 3);
        assertEquals(true, tree.getBoolean("complete"));
        JsonPath treeTotalOnly = report(admin, query + "JLL&byLibrary=false");
        assertEquals(List.of(), treeTotalOnly.getList("byLibrary"), "no library's own figures when asked so");
        assertEquals(tree.getMap("total"), treeTotalOnly.getMap("total"), "the same total either way");

        // The CSV carries the same numbers as the JSON.
        String csv = given().auth().oauth2(admin).when().get("/api/v1/indicators?" + query + a + "&tree=false"
                + "&format=csv").then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .extract()
                .asString();
        String[] lines = csv.split("\n");
        assertEquals("scope,period,from,to,library,indicator,value", lines[0]);
        Map<String, String> libraryRows = new HashMap<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            if (cells[0].equals("library")) {
                libraryRows.put(cells[5], cells[6]);
            }
        }
        for (var value : valuesOf(ofA, a).entrySet()) {
            assertEquals(String.valueOf(value.getValue()), libraryRows.get(value.getKey()), value.getKey());
        }
        given().auth().oauth2(admin).accept("text/csv").when().get("/api/v1/indicators?" + query + a).then()
                .statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
    }

    @Test
    void shouldCountHomeDeliveriesWithTheirBooksAndTimeFromOrderToDoor() throws Exception {
        String admin = adminToken();
        String suffix = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase();
        String c = "IC" + suffix;
        String desk = district(admin, c, "指标丙区图书馆");
        String record = newRecord(admin, "送书上门 " + suffix);
        String barcode = newCopy(admin, record, c + "0001", desk);
        Map<String, Object> settings = Map.of("regions", List.of("3201"), "maxRecordsPerOrder", 5, "baseFeeFen", 300,
                "baseItems", 3, "extraItemFeeFen", 100, "freeToDeliveryPoints", true, "lockerPickupDays", 3);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (given().contentType(ContentType.JSON).auth().oauth2(admin).body(settings).when()
                .put("/api/v1/delivery-settings/" + c).then().extract().statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "delivery never learnt the library");
            Thread.sleep(100);
        }
        String card = "8" + String.format("%012d", System.currentTimeMillis() % 1_000_000_000_000L);
        SharedCluster.registerReader(admin, c, card, "吴送达", "123456");
        String reader = SharedCluster.readerToken(card, "123456");
        String address = given().contentType(ContentType.JSON).auth().oauth2(reader).body(Map.of("recipient",
                "吴送达", "phone", "13900000001", "regionCode", "320104", "line", "秦淮区中华路 1 号")).when()
                .post("/api/v1/delivery-addresses").then().statusCode(201).extract().path("id");
        Map<String, Object> order = Map.of("libraryCode", c, "recordIds", List.of(record), "addressId", address);
        deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (given().contentType(ContentType.JSON).auth().oauth2(reader).body(order).when()
                .post("/api/v1/delivery-quotes").then().extract().statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "delivery never learnt the record");
            Thread.sleep(100);
        }
        String orderId = given().contentType(ContentType.JSON).auth().oauth2(reader)
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString()).body(order).when()
                .post("/api/v1/delivery-orders").then().statusCode(201).extract().path("id");
        deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!"CONFIRMED".equals(given().auth().oauth2(reader).when().get("/api/v1/delivery-orders/" + orderId)
                .then().extract().path("status"))) {
            assertTrue(System.nanoTime() < deadline, "the order was never confirmed");
            Thread.sleep(100);
        }
        String shipment = given().auth().oauth2(reader).when().get("/api/v1/delivery-orders/" + orderId).then()
                .extract().path("shipments[0].id");
        given().contentType(ContentType.JSON).auth().oauth2(admin).body(Map.of("barcodes", List.of(barcode))).when()
                .post("/api/v1/shipments/" + shipment + "/packing").then().statusCode(200);
        String tracking = "SF" + System.nanoTime();
        given().contentType(ContentType.JSON).auth().oauth2(admin).body(Map.of("carrier", "sf", "trackingNumber",
                tracking)).when().post("/api/v1/shipments/" + shipment + "/hand-over").then().statusCode(200);
        new SignedCourier("sf", cluster.started().carrierSecrets().secrets().get("sf")).reports(tracking,
                "DELIVERED").statusCode(200);
        awaitStatus(barcode, "CHECKED_OUT");

        String month = TODAY.substring(0, 7);
        JsonPath ofC = awaitReport(admin, "from=" + month + "-01&to=" + TODAY + "&granularity=MONTH&library=" + c,
                r -> number(r.getMap("total"), "loans") == 1 && number(r.getMap("total"), "deliveries") == 1,
                "C's delivery");
        Map<String, Object> total = ofC.getMap("total");
        assertEquals(1, number(total, "deliveryOrders.placed"));
        assertEquals(1, number(total, "deliveries.items"));
        assertEquals(1, number(total, "deliveries.orderToDoor.count"));
        assertTrue(total.get("deliveries.orderToDoor.medianSeconds") != null, total.toString());
        assertEquals(1.0, ((Number) total.get("deliveries.shareOfLoans")).doubleValue(),
                "the one loan came by delivery");
        assertEquals(total, ofC.getMap("periods[0].values"), "one month, the same figures");
    }

    @Test
    void shouldShowAnAdministratorOnlyTheirTreeAndRefuseBadRanges() {
        String jhlAdmin = staffToken("admin.jhl");
        JsonPath own = report(jhlAdmin, "granularity=TOTAL");
        assertTrue(own.getList("libraries").contains("JHL"));
        assertTrue(!own.getList("libraries").contains("NJL"), "JHL's administrator sees no library above JHL");
        given().auth().oauth2(jhlAdmin).when().get("/api/v1/indicators?library=NJL").then().statusCode(403)
                .body("code", equalTo("LIBRARY_SCOPE_VIOLATION"));
        given().auth().oauth2(jhlAdmin).when().get("/api/v1/libraries/NJL/figures").then().statusCode(403);
        given().contentType(ContentType.JSON).auth().oauth2(jhlAdmin).body(Map.of("visits", 1, "readerEvents", 1,
                "budgetFen", 1, "acquisitionsSpendingFen", 1)).when().put("/api/v1/libraries/NJL/figures/2026")
                .then().statusCode(403);
        given().auth().oauth2(staffToken("librarian.yht")).when().get("/api/v1/indicators").then().statusCode(403);
        given().when().get("/api/v1/indicators").then().statusCode(401);
        String operator = staffToken("operator");
        given().auth().oauth2(operator).when().get("/api/v1/indicators?granularity=WEEK").then().statusCode(422)
                .body("errors.field", hasItem("granularity"));
        given().auth().oauth2(operator).when().get("/api/v1/indicators?from=2026-05-01&to=2026-04-01").then()
                .statusCode(422).body("errors.field", hasItem("from"));
        given().auth().oauth2(operator).when().get("/api/v1/indicators?from=yesterday").then().statusCode(422)
                .body("errors.field", hasItem("from"));
        given().auth().oauth2(operator).when().get("/api/v1/indicators?from=2000-01-01&to=2026-01-01").then()
                .statusCode(422).body("errors.field", hasItem("to"));
        given().auth().oauth2(operator).when().get("/api/v1/indicators?from=2026-01-01&to=2026-12-31"
                + "&granularity=DAY&library=NOPE").then().statusCode(404).body("code", equalTo("LIBRARY_NOT_FOUND"));
        String admin = adminToken();
        given().contentType(ContentType.JSON).auth().oauth2(admin).body(Map.of("visits", -1, "readerEvents", 1,
                "budgetFen", 1, "acquisitionsSpendingFen", 1)).when().put("/api/v1/libraries/JHL/figures/2026")
                .then().statusCode(422).body("errors.field", hasItem("visits"));
        given().contentType(ContentType.JSON).auth().oauth2(admin).body(Map.of("visits", 1, "readerEvents", 1,
                "budgetFen", 1, "acquisitionsSpendingFen", 1)).when().put("/api/v1/libraries/JHL/figures/2026-13")
                .then().statusCode(422).body("errors.field", hasItem("period"));
    }

    /**
     * The migrations that count what a database held before indicators were counted agree with what this
     * cluster counted as it went: run again now (into a scratch table, not the facts), over everything the tests
     * did, they give the same numbers per library, indicator and day.
     */
    @Test
    void shouldCountFromExistingDataWhatWasCountedAsItHappened() throws Exception {
        Map<String, String> migrations = Map.of(
                "catalog", "catalog-service/src/main/resources/db/migration/V9__indicators_from_existing_holdings.sql",
                "loan", "loan-service/src/main/resources/db/migration/V16__indicators_from_existing_circulation.sql",
                "delivery", "delivery-service/src/main/resources/db/migration/"
                        + "V4__indicators_from_existing_deliveries.sql");
        for (var migration : migrations.entrySet()) {
            String sql = java.nio.file.Files.readString(SharedCluster.repository().resolve(migration.getValue()))
                    .replace("INSERT INTO indicator_fact", "INSERT INTO pg_temp.counted_again")
                    .replace("WHERE NOT EXISTS (SELECT 1 FROM indicator_daily) AND NOT EXISTS (SELECT 1 FROM"
                            + " indicator_fact);", ";");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                List<String> differences = differences(migration.getKey(), sql);
                if (differences.isEmpty()) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, migration.getKey() + " counts differently from its data: "
                        + differences);
                Thread.sleep(1_000);
            }
        }
    }

    /** What the migration's query counts that the live counting did not, and the other way round. */
    private static List<String> differences(String database, String migration) throws Exception {
        String live = """
                SELECT library_code, metric, CASE WHEN bucket = -1 THEN day END, CASE WHEN bucket = -1 THEN
                counterpart END, sum(value) FROM (SELECT library_code, metric, day, counterpart, bucket, value
                FROM indicator_daily WHERE library_code <> '*' UNION ALL SELECT library_code, metric, day, counterpart,
                bucket, value
                FROM indicator_fact WHERE bucket <> -3) f WHERE metric IN (SELECT DISTINCT metric FROM
                pg_temp.counted_again WHERE bucket <> -3) GROUP BY 1, 2, 3, 4""";
        String again = """
                SELECT library_code, metric, CASE WHEN bucket = -1 THEN day END, CASE WHEN bucket = -1 THEN
                counterpart END, sum(value) FROM pg_temp.counted_again WHERE bucket <> -3 GROUP BY 1, 2, 3, 4""";
        String members = """
                SELECT library_code, metric, month, member_count FROM indicator_member_month
                UNION ALL SELECT library_code, metric, date_trunc('month', day)::date, -1 FROM indicator_fact
                WHERE bucket = -3""";
        String membersAgain = """
                SELECT library_code, metric, date_trunc('month', day)::date, count(DISTINCT member)
                FROM pg_temp.counted_again WHERE bucket = -3 GROUP BY 1, 2, 3 UNION ALL SELECT '*', metric,
                date_trunc('month', day)::date, count(DISTINCT member) FROM pg_temp.counted_again WHERE bucket = -3
                GROUP BY 2, 3""";
        try (java.sql.Connection db = SharedCluster.connect(cluster, database);
                java.sql.Statement statement = db.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS pg_temp.counted_again");
            statement.execute("CREATE TEMP TABLE counted_again (library_code varchar(32), counterpart varchar(32)"
                    + " DEFAULT '', metric varchar(64), day date, bucket smallint, value bigint, member uuid)");
            statement.execute(migration);
            List<String> differences = new java.util.ArrayList<>();
            // The network's own sums (library '*', counterpart '*' for another library's copy) are the libraries'.
            String network = """
                    SELECT metric, day, counterpart, bucket, value FROM indicator_daily WHERE library_code = '*'""";
            String networkAgain = """
                    SELECT metric, day, CASE WHEN counterpart <> '' AND counterpart <> library_code THEN '*' ELSE ''
                    END, bucket, sum(value) FROM indicator_daily WHERE library_code <> '*' GROUP BY 1, 2, 3, 4""";
            for (String[] pair : new String[][] {{live, again}, {members, membersAgain}, {network, networkAgain}}) {
                java.util.Set<String> counted = rows(statement, pair[0]);
                java.util.Set<String> recounted = rows(statement, pair[1]);
                recounted.stream().filter(row -> !counted.contains(row)).forEach(row -> differences.add("+" + row));
                counted.stream().filter(row -> !recounted.contains(row)).forEach(row -> differences.add("-" + row));
            }
            return differences;
        }
    }

    private static java.util.Set<String> rows(java.sql.Statement statement, String sql) throws Exception {
        java.util.Set<String> rows = new java.util.TreeSet<>();
        try (java.sql.ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    row.append(c == 1 ? "" : "|").append(rs.getString(c));
                }
                if (!row.toString().endsWith("|0")) {
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }

    @Test
    void shouldListWhatNeedsAttentionAndEveryServicesHealthAndBacklog() {
        String operator = staffToken("operator");
        given().auth().oauth2(operator).when().get("/api/v1/operations/status").then().statusCode(200)
                .body("service", hasItems("catalog", "loan", "delivery"))
                .body("health", everyItem(equalTo("UP")))
                .body("messaging.outboxBacklog", everyItem(notNullValue()))
                .body("find { it.service == 'catalog' }.messaging.consumers.topic", hasItem("circulation.copies"));
        given().auth().oauth2(operator).when().get("/api/v1/transfers?stuck=true").then().statusCode(200)
                .body("page", equalTo(0));
        given().auth().oauth2(operator).when().get("/api/v1/transfers").then().statusCode(422);
        given().auth().oauth2(operator).when().get("/api/v1/expiring-holds?withinHours=72").then().statusCode(200)
                .body("size", equalTo(50));
        given().auth().oauth2(operator).when().get("/api/v1/blocked-patrons?size=500").then().statusCode(400);
        given().auth().oauth2(staffToken("admin.jhl")).when().get("/api/v1/blocked-patrons").then().statusCode(200);
        given().auth().oauth2(staffToken("admin.jhl")).when().get("/api/v1/expiring-holds?library=NJL").then()
                .statusCode(403);
        given().auth().oauth2(SharedCluster.readerToken("3201140000001", "123456")).when()
                .get("/api/v1/operations/status").then().statusCode(403);
    }
}
