package org.tongjie.catalog.search;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.commons.validator.routines.ISBNValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongjie.catalog.fixtures.CatalogApi;
import org.tongjie.catalog.fixtures.Libraries;
import org.tongjie.deploy.testinfra.Tokens;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class RecordSearchTest {

    /** A city library of its own and one district branch, so other tests' records never interfere. */
    private static String city;
    private static String district;
    private static String hongLouMengIsbn;

    @BeforeEach
    void catalogueOnce() {
        if (city != null) {
            return;
        }
        city = Libraries.unique("SRC");
        district = Libraries.unique("SRD");
        CatalogApi.cityWithDesk(city, city + "-DESK");
        CatalogApi.post(Tokens.networkAdmin(), "/libraries", Libraries.yuhuatai(district, city)).statusCode(201);
        CatalogApi.post(Tokens.networkAdmin(), "/libraries/" + district + "/service-points",
                Libraries.desk(district + "-DESK", "区馆服务台")).statusCode(201);
        hongLouMengIsbn = fixCheckDigit("9787" + String.format("%08d", (long) (Math.random() * 1e8)));
        held(city, record("红楼梦", List.of("曹雪芹"), 1996, "chi", "I242.4", hongLouMengIsbn));
        held(city, record("红楼梦魇", List.of("张爱玲"), 1977, "chi", "I207.41", null));
        held(city, record("三国演义", List.of("罗贯中"), 2011, "chi", "I242.4", null));
        held(city, record("平凡的世界", List.of("路遥"), 2009, "chi", "I247.5", null));
        held(city, record("Les Misérables", List.of("Victor Hugo"), 1862, "fre", "I565.44", null));
        held(city, record("The Story of the Stone", List.of("Cao Xueqin"), 1973, "eng", "I242.4", null));
        held(district, record("边城", List.of("沈从文"), 2002, "chi", "I246.5", null));
    }

    @Test
    void shouldRankTheExactTitleFirstForAChineseQuery() {
        search(Map.of("q", "红楼梦")).body("items[0].title", equalTo("红楼梦"))
                .body("items.title", containsInAnyOrder("红楼梦", "红楼梦魇"));
    }

    @Test
    void shouldFindByFullPinyinAndByInitials() {
        search(Map.of("q", "hongloumeng")).body("items.title", containsInAnyOrder("红楼梦", "红楼梦魇"));
        search(Map.of("q", "hlm")).body("items.title", hasItem("红楼梦"));
        search(Map.of("q", "hl")).body("items.title", hasItems("红楼梦", "红楼梦魇"));
        search(Map.of("q", "sg")).body("items.title", hasItem("三国演义"))
                .body("items.title", not(hasItem("红楼梦")));
        search(Map.of("q", "pingfan")).body("items.title", contains("平凡的世界"));
        search(Map.of("q", "loumeng")).body("items.title", containsInAnyOrder("红楼梦", "红楼梦魇"));
        search(Map.of("q", "guoyan")).body("items.title", contains("三国演义"));
        search(Map.of("q", "sanguoyanyi")).body("items.title", contains("三国演义"));
        search(Map.of("q", "sanguoyany")).body("items.title", contains("三国演义"));
        search(Map.of("q", "sanguoyanyu")).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void shouldFindSimplifiedRecordsWithTraditionalCharacters() {
        search(Map.of("q", "紅樓夢")).body("items[0].title", equalTo("红楼梦"));
    }

    @Test
    void shouldIgnoreCaseAndAccentsInLatinText() {
        search(Map.of("q", "MISERABLES")).body("items.title", contains("Les Misérables"));
        search(Map.of("q", "misérables hugo")).body("items.title", contains("Les Misérables"));
        // The translation by its author's name, and the original by its author's name in pinyin (曹雪芹).
        search(Map.of("q", "cao xueqin")).body("items.title",
                containsInAnyOrder("The Story of the Stone", "红楼梦"));
    }

    @Test
    void shouldFindARecordByItsIsbn10AndIsbn13() {
        String isbn10 = isbn10Of(hongLouMengIsbn);
        assertEquals(hongLouMengIsbn, ISBNValidator.getInstance().validate(isbn10));
        given().queryParam("q", isbn10).when().get("/records").then().statusCode(200)
                .body("items.title", contains("红楼梦")).body("total", equalTo(1));
        given().queryParam("q", hongLouMengIsbn.substring(0, 3) + "-" + hongLouMengIsbn.substring(3)).when()
                .get("/records").then().statusCode(200).body("items.title", contains("红楼梦"));
    }

    @Test
    void shouldAnswerASingleCharacterQuery() {
        search(Map.of("q", "梦")).body("items.title", containsInAnyOrder("红楼梦", "红楼梦魇"));
    }

    @Test
    void shouldCombineFilters() {
        search(Map.of("language", "eng")).body("items.title", contains("The Story of the Stone"));
        search(Map.of("yearFrom", 2000)).body("items.title", containsInAnyOrder("三国演义", "平凡的世界"));
        search(Map.of("clc", "I24")).body("items.title", containsInAnyOrder("红楼梦", "三国演义", "平凡的世界",
                "The Story of the Stone"));
        search(Map.of("clc", "I24", "language", "chi", "yearTo", 2000)).body("items.title", contains("红楼梦"));
        search(Map.of("q", "红楼", "yearFrom", 1990)).body("items.title", contains("红楼梦"));
    }

    @Test
    void shouldCountFacetsOverTheMatches() {
        ValidatableResponse response = search(Map.of()).body("total", equalTo(6)).body("totalExact", equalTo(true));
        response.body("facets.language.find { it.value == 'chi' }.count", equalTo(4))
                .body("facets.language.find { it.value == 'eng' }.count", equalTo(1))
                .body("facets.clc.find { it.value == 'I' }.count", equalTo(6))
                .body("facets.library.find { it.value == '" + city + "' }.count", equalTo(6))
                .body("facets.availability.find { it.value == 'AVAILABLE' }.count", equalTo(6))
                .body("items[0].copies", equalTo(1)).body("items[0].available", equalTo(1))
                .body("items[0].holdings[0].libraryCode", equalTo(city));
    }

    @Test
    void shouldIncludeBranchesOnlyWhenAsked() {
        search(Map.of("q", "边城")).body("items", org.hamcrest.Matchers.empty());
        search(Map.of("q", "边城", "includeDescendants", true)).body("items.title", contains("边城"));
        given().queryParam("q", "边城").queryParam("library", district).when().get("/records").then()
                .statusCode(200).body("items.title", contains("边城"));
    }

    @Test
    void shouldPageStablyWithoutRepeatsOrGaps() {
        for (String sort : List.of("relevance", "year")) {
            List<String> whole = search(Map.of("size", 6, "sort", sort)).extract().jsonPath().getList("items.id");
            List<String> paged = new ArrayList<>();
            for (int page = 0; page < 3; page++) {
                paged.addAll(search(Map.of("size", 2, "page", page, "sort", sort)).extract().jsonPath()
                        .getList("items.id"));
            }
            assertEquals(whole, paged, "sort " + sort);
            assertEquals(6, whole.stream().distinct().count());
        }
        // Ranked by relevance, a page is cut from the ranked matches, the same ones the facets count.
        List<String> byPage = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            byPage.addAll(search(Map.of("q", "红楼梦", "size", 1, "page", page)).body("total", equalTo(2))
                    .body("facets.language[0].count", equalTo(2)).extract().jsonPath().getList("items.title"));
        }
        assertEquals(List.of("红楼梦", "红楼梦魇"), byPage);
        search(Map.of("sort", "year", "size", 2)).body("items.publicationYear", contains(2011, 2009));
    }

    @Test
    void shouldRefuseBadSearchParametersWithTheFieldNamed() {
        given().queryParam("size", 10_000).when().get("/records").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("size"));
        given().queryParam("library", "NO-SUCH-LIBRARY").when().get("/records").then().statusCode(422)
                .body("code", equalTo("LIBRARY_UNKNOWN")).body("field", equalTo("library"));
        given().queryParam("yearFrom", 2010).queryParam("yearTo", 2000).when().get("/records").then()
                .statusCode(422).body("code", equalTo("INVALID_YEAR_RANGE"));
        given().queryParam("q", "x".repeat(201)).when().get("/records").then().statusCode(400)
                .body("field", equalTo("q"));
        given().queryParam("sort", "price").when().get("/records").then().statusCode(400)
                .body("field", equalTo("sort"));
    }

    @Test
    void shouldTreatQuerySyntaxAsPlainText() {
        search(Map.of("q", "红楼梦' | ! & ( :*")).body("items[0].title", equalTo("红楼梦"))
                .body("items.title", not(hasItem("三国演义")));
        search(Map.of("q", "!三国")).body("items.title", contains("三国演义"));
    }

    private static ValidatableResponse search(Map<String, Object> parameters) {
        Map<String, Object> all = new HashMap<>(parameters);
        all.putIfAbsent("library", city);
        return given().queryParams(all).when().get("/records").then().statusCode(200);
    }

    private static Map<String, Object> record(String title, List<String> authors, int year, String language,
            String clc, String isbn) {
        Map<String, Object> record = new HashMap<>(Map.of("title", title, "authors", authors, "publicationYear", year,
                "language", language, "clcClass", clc));
        if (isbn != null) {
            record.put("isbn", isbn);
        }
        return record;
    }

    private static void held(String library, Map<String, Object> record) {
        String recordId = CatalogApi.record(Tokens.librarian(library), record);
        CatalogApi.post(Tokens.librarian(library), "/copies", Map.of("barcode", "S" + System.nanoTime(),
                "recordId", recordId, "homeServicePointCode", library + "-DESK")).statusCode(201);
    }

    private static String isbn10Of(String isbn13) {
        String nine = isbn13.substring(3, 12);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nine.charAt(i) - '0') * (10 - i);
        }
        int check = (11 - sum % 11) % 11;
        return nine + (check == 10 ? "X" : String.valueOf(check));
    }

    private static String fixCheckDigit(String twelve) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return twelve + (10 - sum % 10) % 10;
    }
}
