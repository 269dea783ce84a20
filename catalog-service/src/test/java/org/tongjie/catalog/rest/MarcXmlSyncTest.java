package org.tongjie.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.tongjie.catalog.fixtures.CatalogApi;
import org.tongjie.catalog.fixtures.Libraries;
import org.tongjie.deploy.testinfra.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class MarcXmlSyncTest {

    @Test
    void shouldCatalogueMarc21AndCnmarcRecordsWithTheirCopies() {
        String library = Libraries.unique("MRC");
        CatalogApi.cityWithDesk(library, library + "-DESK");
        String isbn = CopyResourceTest.randomIsbn();
        String tag = "M" + System.nanoTime();
        String xml = collection(marc21(tag + "-1", isbn, tag + "A", library + "-DESK")
                + cnmarc(tag + "-2", tag + "B"));

        sync(library, xml).body("summary.created", equalTo(2))
                .body("entries.ref", contains(tag + "-1", tag + "-2"))
                .body("entries[0].copies.outcome", contains("CREATED"))
                .body("entries[1].copies.outcome", contains("CREATED"));

        String marc21Record = given().when().get("/copies/" + tag + "A").then().statusCode(200)
                .body("callNumber", equalTo("I242.4/C313")).body("loanType", equalTo("BOOK")).extract().path("recordId");
        given().when().get("/records/" + marc21Record).then().body("isbn", equalTo(isbn))
                .body("title", equalTo("红楼梦")).body("subtitle", equalTo("校注本"))
                .body("authors", contains("曹雪芹", "高鹗")).body("publisher", equalTo("人民文学出版社"))
                .body("publicationYear", equalTo(1996)).body("language", equalTo("chi"))
                .body("clcClass", equalTo("I242.4")).body("subjects", contains("章回小说"));
        String cnmarcRecord = given().when().get("/copies/" + tag + "B").then().statusCode(200)
                .body("homeServicePointCode", equalTo(library + "-DESK")).body("callNumber", equalTo("I247.5/L936"))
                .extract().path("recordId");
        given().when().get("/records/" + cnmarcRecord).then().body("title", equalTo("平凡的世界"))
                .body("authors", contains("路遥")).body("publicationYear", equalTo(2009))
                .body("clcClass", equalTo("I247.5")).body("series", equalTo("茅盾文学奖获奖作品全集"));

        sync(library, xml).body("summary.unchanged", equalTo(2));
        given().queryParam("q", "pingfandeshijie").queryParam("library", library).when().get("/records").then()
                .body("items[0].id", equalTo(cnmarcRecord));
    }

    @Test
    void shouldRefuseMalformedXmlAndDoctypesAndWriteNothing() {
        String library = Libraries.unique("MRC");
        CatalogApi.cityWithDesk(library, library + "-DESK");
        sync(library, "<collection xmlns=\"http://www.loc.gov/MARC21/slim\"><record><datafield tag=\"245\">",
                400).body("code", equalTo("MALFORMED_MARCXML"));
        sync(library, "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + collection(marc21("x", null, "XXE" + System.nanoTime(), library + "-DESK").replace("红楼梦", "&x;")),
                400).body("code", equalTo("MALFORMED_MARCXML"));
        sync(library, collection(""), 422).body("field", equalTo("entries"));
        given().queryParam("library", library).when().get("/records").then().body("total", equalTo(0));
    }

    private static ValidatableResponse sync(String library, String xml) {
        return sync(library, xml, 200);
    }

    private static ValidatableResponse sync(String library, String xml, int status) {
        return given().contentType("application/marcxml+xml; charset=UTF-8").auth().oauth2(Tokens.system(library))
                .queryParam("defaultServicePoint", library + "-DESK").body(xml).when().post("/holdings-sync").then()
                .statusCode(status);
    }

    private static String collection(String records) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><collection xmlns=\"http://www.loc.gov/MARC21/slim\">"
                + records + "</collection>";
    }

    private static String marc21(String id, String isbn, String barcode, String servicePoint) {
        return "<record><leader>00000nam a2200000 a 4500</leader>"
                + "<controlfield tag=\"001\">" + id + "</controlfield>"
                + "<controlfield tag=\"008\">960101s1996    ch            000 1 chi d</controlfield>"
                + (isbn == null ? "" : field("020", "a", isbn + " (pbk.) :"))
                + field("084", "a", "I242.4", "2", "clc")
                + field("100", "a", "曹雪芹,")
                + field("245", "a", "红楼梦 :", "b", "校注本 /")
                + field("264", "b", "人民文学出版社,", "c", "1996.")
                + field("650", "a", "章回小说.")
                + field("700", "a", "高鹗,")
                + field("952", "a", servicePoint, "o", "I242.4/C313", "p", barcode, "y", "book")
                + "</record>";
    }

    private static String cnmarc(String id, String barcode) {
        return "<record><leader>00000nam0 2200000   450 </leader>"
                + "<controlfield tag=\"001\">" + id + "</controlfield>"
                + field("101", "a", "CHI")
                + field("200", "a", "平凡的世界")
                + field("210", "c", "北京十月文艺出版社", "d", "2009")
                + field("225", "a", "茅盾文学奖获奖作品全集")
                + field("690", "a", "I247.5")
                + field("701", "a", "路遥")
                + field("905", "b", barcode, "d", "I247.5", "e", "L936")
                + "</record>";
    }

    private static String field(String tag, String... codesAndValues) {
        StringBuilder xml = new StringBuilder("<datafield tag=\"" + tag + "\" ind1=\" \" ind2=\" \">");
        for (int i = 0; i < codesAndValues.length; i += 2) {
            xml.append("<subfield code=\"").append(codesAndValues[i]).append("\">").append(codesAndValues[i + 1])
                    .append("</subfield>");
        }
        return xml.append("</datafield>").toString();
    }
}
