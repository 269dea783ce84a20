package org.tongjie.catalog.search;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.tongjie.catalog.fixtures.CatalogApi;
import org.tongjie.catalog.fixtures.Libraries;
import org.tongjie.deploy.testinfra.Tokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SearchReindexTest {

    @Inject
    SearchReindex reindex;

    @Inject
    AgroalDataSource dataSource;

    /** A record as the analyzer of version 1 indexed it: its title's pinyin as one lexeme, no syllable pairs. */
    private UUID indexedByVersionOne(String library, String title) throws SQLException {
        UUID id = UUID.fromString(CatalogApi.record(Tokens.librarian(library), Map.of("title", title,
                "authors", List.of("佚名"), "language", "chi")));
        execute("UPDATE bib_record SET search_tokens = array_to_tsvector(?::text[]) WHERE id = ?",
                new String[] {title, "zhongguorenminyinhang"}, id);
        return id;
    }

    @Test
    void shouldIndexAgainWhatAnOlderAnalyzerIndexedAndThenStop() throws SQLException {
        String city = Libraries.unique("RIX");
        CatalogApi.cityWithDesk(city, city + "-DESK");
        UUID record = indexedByVersionOne(city, "中国人民银行");
        given().queryParam("q", "renminyinhang").queryParam("size", 100).when().get("/records").then()
                .statusCode(200).body("items.id", not(hasItem(record.toString())));
        execute("UPDATE search_reindex SET analyzer_version = 1, next_id = NULL", null, null);

        assertTrue(reindex.reindex() >= 1);

        assertTrue(matches(record, "renmin & minyin & yinhang & zgrmyh"));
        assertEquals(SearchReindex.ANALYZER_VERSION, state()[0]);
        assertNull(state()[1]);
        given().queryParam("q", "renminyinhang").queryParam("size", 100).when().get("/records").then()
                .statusCode(200).body("items.id", hasItem(record.toString()));
        assertEquals(0, reindex.reindex(), "nothing more once every record is indexed by this analyzer");
    }

    @Test
    void shouldResumeAfterTheLastRecordItIndexed() throws SQLException {
        String city = Libraries.unique("RIY");
        CatalogApi.cityWithDesk(city, city + "-DESK");
        UUID record = indexedByVersionOne(city, "中国人民大学");
        execute("UPDATE search_reindex SET analyzer_version = 1, next_id = ?", null, record);

        reindex.reindex();

        assertFalse(matches(record, "renmin"), "records up to next_id were done before the restart");
        assertEquals(SearchReindex.ANALYZER_VERSION, state()[0]);
    }

    private boolean matches(UUID record, String tsQuery) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT search_tokens @@ ?::tsquery FROM bib_record WHERE id = ?")) {
            s.setString(1, tsQuery);
            s.setObject(2, record);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private Object[] state() throws SQLException {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT analyzer_version, next_id FROM search_reindex WHERE id = 1")) {
            rs.next();
            return new Object[] {rs.getInt(1), rs.getObject(2)};
        }
    }

    private void execute(String sql, String[] lexemes, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int at = 1;
            if (lexemes != null) {
                s.setArray(at++, c.createArrayOf("text", lexemes));
            }
            if (id != null) {
                s.setObject(at, id);
            }
            s.executeUpdate();
        }
    }
}
