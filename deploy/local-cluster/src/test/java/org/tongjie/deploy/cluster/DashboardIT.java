package org.tongjie.deploy.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.tongjie.deploy.cluster.SharedCluster.awaitStatus;
import static org.tongjie.deploy.cluster.SharedCluster.checkOut;
import static org.tongjie.deploy.cluster.SharedCluster.newCopy;
import static org.tongjie.deploy.cluster.SharedCluster.newRecord;
import static org.tongjie.deploy.cluster.SharedCluster.staffToken;

/**
 * The operations dashboard in a real browser (Debian's Chromium, driven by playwright-core from
 * deploy/dashboard-test): an operator signs in and sees the same numbers the API gives — loans per library with
 * those of other libraries' copies, the monthly trend — a transfer that is stuck, and every service up. Skipped
 * where node, the packages or Chromium are missing, unless TONGJIE_REQUIRE_BROWSER=1 (as .ci/run sets).
 */
class DashboardIT extends OnSharedCluster {

    private static final Path TEST = SharedCluster.repository().resolve("deploy/dashboard-test");
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");

    @Test
    void shouldShowAnOperatorTheNetworksNumbersStuckTransfersAndHealthInARealBrowser() throws Exception {
        boolean available = DeploymentFilesTest.onPath("node") && Files.isDirectory(TEST.resolve("node_modules"))
                && Files.isExecutable(Path.of(CHROMIUM));
        String why = "node, npm ci --prefix deploy/dashboard-test and Chromium (apt-get install chromium) are needed";
        if ("1".equals(System.getenv("TONGJIE_REQUIRE_BROWSER"))) {
            assertTrue(available, why);
        } else {
            assumeTrue(available, why);
        }
        // A loan at 雨花台 returned at 金陵: a transfer home, which has waited four days.
        String yht = staffToken("librarian.yht");
        String record = newRecord(yht, "看板测试");
        String barcode = newCopy(yht, record, "YHTDB" + System.currentTimeMillis() % 100_000_000, "YHT-MAIN");
        checkOut(yht, "3201140000001", barcode, "YHT-MAIN").statusCode(201);
        given().contentType(ContentType.JSON).auth().oauth2(staffToken("librarian.jll")).body(Map.of("barcode",
                barcode, "servicePointCode", "JLL-MAIN")).when().post("/api/v1/circulation/check-ins").then()
                .statusCode(200);
        awaitStatus(barcode, "IN_TRANSIT");
        try (Connection delivery = SharedCluster.connect(cluster, "delivery")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (SharedCluster.count(delivery, "SELECT count(*) FROM transfer WHERE barcode = '" + barcode + "'")
                    == 0) {
                assertTrue(System.nanoTime() < deadline, "delivery never opened the transfer");
                Thread.sleep(100);
            }
            try (PreparedStatement age = delivery.prepareStatement("UPDATE transfer SET requested_at = requested_at"
                    + " - interval '4 days' WHERE barcode = ?")) {
                age.setString(1, barcode);
                assertEquals(1, age.executeUpdate());
            }
        }
        String operator = staffToken("operator");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String range = "from=" + today.minusMonths(11).withDayOfMonth(1) + "&to=" + today + "&granularity=MONTH";
        JsonPath report = settled(operator, range);

        Path screenshot = SharedCluster.repository().resolve("deploy/local-cluster/target/dashboard.png");
        Files.deleteIfExists(screenshot);
        JsonNode page = browse(List.of("node", TEST.resolve("dashboard.mjs").toString(),
                cluster.started().gatewayUrl(), "operator", DemoData.STAFF_PASSWORD, screenshot.toString()));

        assertEquals(List.of(), listOf(page.get("errors")), "the page logged errors");
        assertEquals("运行看板", page.get("heading").asText());
        assertEquals("Operations dashboard", page.get("englishHeading").asText());
        assertEquals("Monthly trend", page.get("englishTrendTitle").asText());
        assertEquals(report.getString("from"), page.get("from").asText(), "the page shows the last twelve months");
        List<Map<String, Object>> libraries = report.getList("byLibrary");
        assertEquals(libraries.size(), page.get("bars").size());
        for (JsonNode bar : page.get("bars")) {
            Map<String, Object> values = report.getMap("byLibrary.find { it.library == '" + bar.get("library")
                    .asText() + "' }.values");
            assertEquals(number(values.get("loans")), bar.get("loans").asLong(), bar.toString());
            assertEquals(number(values.get("loans.ofOtherLibraries")), bar.get("other").asLong(), bar.toString());
        }
        JsonNode yhtBar = null;
        for (JsonNode bar : page.get("bars")) {
            yhtBar = "YHT".equals(bar.get("library").asText()) ? bar : yhtBar;
        }
        assertTrue(yhtBar != null && yhtBar.get("loans").asLong() >= 1, "雨花台's loan is on the page");
        assertEquals("雨花台区图书馆", yhtBar.get("label").asText());
        List<Map<String, Object>> periods = report.getList("periods");
        assertEquals(periods.size(), page.get("trend").size());
        for (int i = 0; i < periods.size(); i++) {
            Map<?, ?> values = (Map<?, ?>) periods.get(i).get("values");
            assertEquals(periods.get(i).get("period"), page.get("trend").get(i).get("period").asText());
            assertEquals(number(values.get("loans")), page.get("trend").get(i).get("value").asLong());
        }
        assertTrue(listOf(page.get("stuckTransfers")).contains(barcode), "the stuck transfer is listed: " + page);
        for (JsonNode service : page.get("health")) {
            assertEquals("UP", service.get("health").asText(), service.toString());
        }
        assertEquals(3, page.get("health").size());
        assertEquals(8, page.get("suzhou").size());
        assertTrue(Files.size(screenshot) > 20_000, "a screenshot was taken: " + screenshot);
    }

    /** The network's report once two reads five seconds apart agree (every fact of this test rolled up). */
    private static JsonPath settled(String token, String range) throws InterruptedException {
        String before = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            String now = given().auth().oauth2(token).when().get("/api/v1/indicators?" + range).then()
                    .statusCode(200).extract().asString();
            if (now.equals(before)) {
                return JsonPath.from(now);
            }
            before = now;
            Thread.sleep(6_000);
        }
        throw new AssertionError("the indicators never settled");
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static List<String> listOf(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return items;
    }

    private static JsonNode browse(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(TEST.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the browser did not finish");
        assertEquals(0, process.exitValue(), "the browser script failed: " + output);
        return new ObjectMapper().readTree(output.strip());
    }
}
