package org.tongjie.catalog.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tongjie.catalog.fixtures.CatalogApi;
import org.tongjie.catalog.fixtures.Libraries;
import org.tongjie.deploy.testinfra.TopicReader;
import org.tongjie.deploy.testinfra.Tokens;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class HoldingsSyncTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @jakarta.inject.Inject
    AgroalDataSource dataSource;

    @Test
    void shouldCreateOnceAndChangeNothingWhenTheSameBatchArrivesAgain() {
        String library = library();
        String isbn = CopyResourceTest.randomIsbn();
        String tag = "T" + System.nanoTime();
        List<Map<String, Object>> batch = List.of(
                entry("bib-1", record(isbn, "活着"), copy(tag + "1", library + "-DESK"), copy(tag + "2", library
                        + "-DESK")),
                entry("bib-2", record(null, "乡土中国"), copy(tag + "3", library + "-DESK")));

        sync(library, batch).body("summary.created", equalTo(2)).body("entries.outcome", contains("CREATED", "CREATED"))
                .body("entries[0].copies.outcome", contains("CREATED", "CREATED"));
        long events = eventsMentioning(tag, 3);
        assertEquals(3, events, "one CopyRegistered per copy");

        sync(library, batch).body("summary.unchanged", equalTo(2)).body("summary.created", equalTo(0))
                .body("entries[1].copies.outcome", contains("UNCHANGED"));
        assertEquals(events, eventsMentioning(tag, 3), "a repeated batch publishes nothing");
        given().queryParam("q", "乡土中国").queryParam("library", library).when().get("/records").then()
                .body("total", equalTo(1));
    }

    @Test
    void shouldApplyTheGoodEntriesAndSayWhyTheBadOnesWereRejected() {
        String library = library();
        String tag = "R" + System.nanoTime();
        Map<String, Object> untitled = new HashMap<>(record(null, "x"));
        untitled.remove("title");
        sync(library, List.of(
                entry("ok", record(null, "呐喊"), copy(tag + "1", library + "-DESK")),
                entry("bad-isbn", record("978-0-00-000000-1", "彷徨")),
                entry("no-title", untitled),
                entry(null, record(null, "故事新编")),
                entry("bad-copy", record(null, "朝花夕拾"), copy(tag + "2", "NOT-OURS"))))
                .body("summary.created", equalTo(2)).body("summary.rejected", equalTo(3))
                .body("entries.outcome", contains("CREATED", "REJECTED", "REJECTED", "REJECTED", "CREATED"))
                .body("entries[1].code", equalTo("INVALID_ISBN"))
                .body("entries[2].code", equalTo("VALIDATION_FAILED"))
                .body("entries[2].reason", org.hamcrest.Matchers.containsString("entries[2].record.title"))
                .body("entries[3].code", equalTo("REF_OR_ISBN_REQUIRED"))
                .body("entries[4].copies[0].code", equalTo("SERVICE_POINT_UNKNOWN"));
        given().queryParam("q", "彷徨").queryParam("library", library).when().get("/records").then()
                .body("total", equalTo(0));
        given().when().get("/copies/" + tag + "2").then().statusCode(404);
    }

    @Test
    void shouldApplyManyEntriesToATransactionYetKeepOneThatFailsInTheDatabaseToItself() throws SQLException {
        String library = library();
        String tag = "M" + System.nanoTime();
        String refused = "拒收" + tag;
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            batch.add(entry("m-" + i, record(null, i == 77 ? refused : "书" + tag + "-" + i),
                    copy(tag + i, library + "-DESK")));
        }
        // Entry 77 fails at its insert, inside the transaction it shares with entries 50 to 99.
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE FUNCTION refuse_" + tag + "() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN RAISE EXCEPTION 'refused'; END $$");
            sql.execute("CREATE TRIGGER refuse_" + tag + " BEFORE INSERT ON bib_record FOR EACH ROW WHEN "
                    + "(NEW.title = '" + refused + "') EXECUTE FUNCTION refuse_" + tag + "()");
        }
        try {
            sync(library, batch).body("summary.created", equalTo(119)).body("summary.rejected", equalTo(1))
                    .body("entries[77].code", equalTo("INTERNAL_ERROR"))
                    .body("entries.findAll { it.outcome == 'CREATED' }.size()", equalTo(119))
                    .body("entries.index", equalTo(java.util.stream.IntStream.range(0, 120).boxed().toList()));
        } finally {
            try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
                sql.execute("DROP TRIGGER refuse_" + tag + " ON bib_record");
                sql.execute("DROP FUNCTION refuse_" + tag + "()");
            }
        }
        // One RecordDescribed and one CopyDescribed per applied entry: none from the rolled-back try, none twice.
        assertEquals(238, eventsMentioning(tag, 238));
        given().when().get("/copies/" + tag + "77").then().statusCode(404);
        given().when().get("/copies/" + tag + "78").then().statusCode(200).body("libraryCode", equalTo(library));
    }

    @Test
    void shouldKeepADistrictSystemToItsOwnLibrarysHoldings() {
        String ours = library();
        String theirs = library();
        String barcode = "B" + System.nanoTime();
        sync(theirs, List.of(entry("x", record(null, "家"), copy(barcode, theirs + "-DESK"))))
                .body("summary.created", equalTo(1));
        sync(ours, List.of(entry("y", record(null, "春"), copy(barcode, ours + "-DESK"))))
                .body("entries[0].copies[0].code", equalTo("COPY_BARCODE_TAKEN"));
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.system(ours)).queryParam("library", theirs)
                .body(Map.of("entries", List.of(entry("z", record(null, "秋"))))).when().post("/holdings-sync")
                .then().statusCode(403).body("code", equalTo("LIBRARY_SCOPE_VIOLATION"));
        given().when().get("/copies/" + barcode).then().body("libraryCode", equalTo(theirs));
    }

    @Test
    void shouldMoveAndWithdrawCopiesAndLeaveOtherLibrariesRecordsAlone() {
        String library = library();
        String other = library();
        String isbn = CopyResourceTest.randomIsbn();
        String barcode = "W" + System.nanoTime();
        CatalogApi.post(Tokens.networkAdmin(), "/libraries/" + library + "/service-points",
                Libraries.desk(library + "-24H", "自助馆")).statusCode(201);
        sync(other, List.of(entry("o-1", record(isbn, "骆驼祥子")))).body("entries[0].outcome", equalTo("CREATED"));

        sync(library, List.of(entry("l-1", record(isbn, "骆驼祥子（修订）"), copy(barcode, library + "-DESK"))))
                .body("entries[0].outcome", equalTo("UPDATED")).body("entries[0].copies[0].outcome", equalTo("CREATED"));
        String recordId = given().when().get("/copies/" + barcode).then().extract().path("recordId");
        given().when().get("/records/" + recordId).then().body("title", equalTo("骆驼祥子"));

        sync(library, List.of(entry("l-1", record(isbn, "骆驼祥子"), copy(barcode, library + "-24H"))))
                .body("entries[0].copies[0].outcome", equalTo("UPDATED"));
        given().when().get("/copies/" + barcode).then().body("homeServicePointCode", equalTo(library + "-24H"));

        Map<String, Object> withdrawn = new HashMap<>(copy(barcode, library + "-24H"));
        withdrawn.put("withdrawn", true);
        sync(library, List.of(entry("l-1", record(isbn, "骆驼祥子"), withdrawn)))
                .body("entries[0].copies[0].outcome", equalTo("WITHDRAWN"));
        given().when().get("/copies/" + barcode).then().body("status", equalTo("WITHDRAWN"));
        given().when().get("/records/" + recordId + "/availability").then().body("libraryCode",
                org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(library)));
    }

    /**
     * A batch counts the library's active copies of its records once and keeps the count as it goes: the copies and
     * titles the indicators hold must stay what the copies table says, through repeats inside one transaction, a
     * record another library catalogued, a withdrawal and a copy moved to another record.
     */
    @Test
    void shouldKeepTheLibrarysCopiesAndTitlesHeldTrueThroughBatches() throws SQLException {
        String library = library();
        String other = library();
        String tag = "H" + System.nanoTime();
        String alive = CopyResourceTest.randomIsbn();
        String border = CopyResourceTest.randomIsbn();
        String fortress = CopyResourceTest.randomIsbn();
        String oldPeking = CopyResourceTest.randomIsbn();
        String desk = library + "-DESK";
        sync(other, List.of(entry("o-1", record(fortress, "围城"), copy(tag + "0", other + "-DESK"))));
        assertHeldAsCounted(other, 1, 1);

        sync(library, List.of(
                entry("a", record(alive, "活着"), copy(tag + "1", desk), copy(tag + "2", desk)),
                entry("b", record(border, "边城"), copy(tag + "3", desk)),
                entry("a-again", record(alive, "活着"), copy(tag + "4", desk)),
                entry("f", record(fortress, "围城"), copy(tag + "5", desk))))
                .body("summary.rejected", equalTo(0));
        assertHeldAsCounted(library, 3, 5);

        Map<String, Object> withdrawn = new HashMap<>(copy(tag + "3", desk));
        withdrawn.put("withdrawn", true);
        sync(library, List.of(
                entry("b", record(border, "边城"), withdrawn),
                entry("c", record(oldPeking, "城南旧事"), copy(tag + "6", desk), copy(tag + "7", desk)),
                entry("f", record(fortress, "围城"), copy(tag + "5", desk), copy(tag + "8", desk)),
                entry("a", record(alive, "活着"), copy(tag + "1", desk), copy(tag + "2", desk)),
                entry("c-moved", record(oldPeking, "城南旧事"), copy(tag + "4", desk))))
                .body("summary.rejected", equalTo(0));
        assertHeldAsCounted(library, 3, 7);
        assertHeldAsCounted(other, 1, 1);
    }

    private void assertHeldAsCounted(String library, long titles, long copies) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            var counted = statement.executeQuery("SELECT count(DISTINCT record_id), count(*) FROM copy"
                    + " WHERE library_code = '" + library + "' AND status = 'ACTIVE'");
            counted.next();
            assertEquals(titles, counted.getLong(1), "titles in the copies table");
            assertEquals(copies, counted.getLong(2), "copies in the copies table");
            // Levels not yet rolled up are facts; the rollup moves them to indicator_total in one statement.
            var held = statement.executeQuery("SELECT coalesce(sum(value) FILTER (WHERE metric = 'holdings.titles'), 0),"
                    + " coalesce(sum(value) FILTER (WHERE metric = 'holdings.copies'), 0) FROM (SELECT metric, value"
                    + " FROM indicator_total WHERE library_code = '" + library + "' UNION ALL SELECT metric, value"
                    + " FROM indicator_fact WHERE library_code = '" + library + "' AND bucket = -2) levels");
            held.next();
            assertEquals(titles, held.getLong(1), "titles held by the indicators");
            assertEquals(copies, held.getLong(2), "copies held by the indicators");
        }
    }

    @Test
    void shouldRefuseAnEmptyOrOversizedBatchAndAMissingLibrary() {
        String library = library();
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(entry("e" + i, record(null, "书" + i)));
        }
        sync(library, tooMany, 422).body("field", equalTo("entries"));
        sync(library, List.of(), 422).body("field", equalTo("entries"));
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.networkAdmin())
                .body(Map.of("entries", List.of(entry("e", record(null, "书"))))).when().post("/holdings-sync")
                .then().statusCode(422).body("code", equalTo("LIBRARY_REQUIRED"));
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.system(library)).body("{\"entries\": [")
                .when().post("/holdings-sync").then().statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        given().queryParam("q", "书0").queryParam("library", library).when().get("/records").then()
                .body("total", equalTo(0));
    }

    private static String library() {
        String code = Libraries.unique("SYN");
        CatalogApi.cityWithDesk(code, code + "-DESK");
        return code;
    }

    private static Map<String, Object> record(String isbn, String title) {
        Map<String, Object> record = new HashMap<>(Map.of("title", title, "language", "chi"));
        if (isbn != null) {
            record.put("isbn", isbn);
        }
        return record;
    }

    private static Map<String, Object> copy(String barcode, String servicePoint) {
        return Map.of("barcode", barcode, "homeServicePointCode", servicePoint, "callNumber", "I24/1");
    }

    @SafeVarargs
    private static Map<String, Object> entry(String ref, Map<String, Object> record, Map<String, Object>... copies) {
        Map<String, Object> entry = new HashMap<>(Map.of("record", record, "copies", List.of(copies)));
        if (ref != null) {
            entry.put("ref", ref);
        }
        return entry;
    }

    private static ValidatableResponse sync(String library, List<Map<String, Object>> entries) {
        return sync(library, entries, 200);
    }

    private static ValidatableResponse sync(String library, List<Map<String, Object>> entries, int status) {
        return given().contentType(ContentType.JSON).auth().oauth2(Tokens.system(library))
                .body(Map.of("entries", entries)).when().post("/holdings-sync").then().statusCode(status);
    }

    private long eventsMentioning(String tag, int atLeast) {
        try (TopicReader reader = new TopicReader(bootstrapServers, "catalog.copies", "catalog.records")) {
            reader.readUntil(seen -> seen.stream().filter(r -> r.value().contains(tag)).count() >= atLeast,
                    Duration.ofSeconds(20));
            return reader.readFor(Duration.ofSeconds(1)).stream().filter(r -> r.value().contains(tag)).count();
        }
    }
}
