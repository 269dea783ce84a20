package org.tongjie.catalog.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tongjie.catalog.fixtures.CatalogApi;
import org.tongjie.catalog.fixtures.Libraries;
import org.tongjie.deploy.testinfra.TopicReader;
import org.tongjie.deploy.testinfra.Tokens;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tongjie.catalog.fixtures.CatalogApi.post;

@QuarkusTest
class CopyResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    @Test
    void shouldPublishCopyRegisteredInTheEnvelopeKeyedByTheCopy() throws Exception {
        String city = Libraries.unique("JLL");
        String desk = city + "-DESK";
        CatalogApi.cityWithDesk(city, desk);
        String recordId = CatalogApi.record(Tokens.librarian(city), Libraries.hongLouMeng(randomIsbn()));
        String barcode = "C" + System.nanoTime();

        String copyId = post(Tokens.librarian(city), "/copies", Map.of("barcode", barcode, "recordId", recordId,
                "homeServicePointCode", desk, "callNumber", "I242.4/C313")).statusCode(201)
                .body("libraryCode", equalTo(city)).body("status", equalTo("ACTIVE")).extract().path("id");

        try (TopicReader reader = new TopicReader(bootstrapServers, "catalog.copies")) {
            List<ConsumerRecord<String, String>> records = reader.readUntil(
                    seen -> seen.stream().anyMatch(r -> r.key().equals(copyId)), Duration.ofSeconds(20));
            ConsumerRecord<String, String> event = records.stream().filter(r -> r.key().equals(copyId)).findFirst()
                    .orElseThrow();
            JsonNode envelope = mapper.readTree(event.value());
            assertEquals("CopyRegistered", envelope.get("eventType").asText());
            assertEquals("Copy", envelope.get("aggregateType").asText());
            assertEquals(copyId, envelope.get("aggregateId").asText());
            assertTrue(envelope.hasNonNull("eventId") && envelope.hasNonNull("occurredAt"));
            assertEquals(barcode, envelope.get("data").get("barcode").asText());
            assertEquals(city, envelope.get("data").get("libraryCode").asText());
            assertEquals(desk, envelope.get("data").get("homeServicePointCode").asText());
        }
        given().when().get("/copies/" + barcode).then().statusCode(200).body("recordId", equalTo(recordId));
    }

    @Test
    void shouldRefuseABarcodeAlreadyInUseAnywhereInTheNetwork() {
        String city = Libraries.unique("JLL");
        CatalogApi.cityWithDesk(city, city + "-DESK");
        String recordId = CatalogApi.record(Tokens.librarian(city), Libraries.hongLouMeng(randomIsbn()));
        Map<String, Object> copy = Map.of("barcode", "D" + System.nanoTime(), "recordId", recordId,
                "homeServicePointCode", city + "-DESK");
        post(Tokens.librarian(city), "/copies", copy).statusCode(201);
        post(Tokens.librarian(city), "/copies", copy).statusCode(409).body("code", equalTo("COPY_BARCODE_TAKEN"));
    }

    @Test
    void shouldRefuseACopyForAnotherLibrarysServicePoint() {
        String city = Libraries.unique("JLL");
        CatalogApi.cityWithDesk(city, city + "-DESK");
        String recordId = CatalogApi.record(Tokens.librarian(city), Libraries.hongLouMeng(randomIsbn()));
        String barcode = "E" + System.nanoTime();
        post(Tokens.librarian("SOMEWHERE-ELSE"), "/copies", Map.of("barcode", barcode, "recordId", recordId,
                "homeServicePointCode", city + "-DESK")).statusCode(403).body("code", equalTo("LIBRARY_SCOPE_VIOLATION"));
        post(Tokens.patron("3201000001"), "/copies", Map.of("barcode", barcode, "recordId", recordId,
                "homeServicePointCode", city + "-DESK")).statusCode(403);
        given().when().get("/copies/" + barcode).then().statusCode(404);
    }

    @Test
    void shouldNormaliseIsbn10AndRefuseAnInvalidIsbn() {
        String city = Libraries.unique("JLL");
        Map<String, Object> record = new HashMap<>(Libraries.hongLouMeng("7-02-000220-6"));
        // The check digit of 7-02-000220 is X, so ...-6 is not an ISBN.
        post(Tokens.librarian(city), "/records", record).statusCode(422).body("code", equalTo("INVALID_ISBN"))
                .body("field", equalTo("isbn"));
        String isbn10 = isbn10();
        record.put("isbn", isbn10);
        post(Tokens.librarian(city), "/records", record).statusCode(201)
                .body("isbn", equalTo(org.apache.commons.validator.routines.ISBNValidator.getInstance()
                        .convertToISBN13(isbn10.replace("-", ""))));
        post(Tokens.librarian(city), "/records", record).statusCode(409).body("code", equalTo("RECORD_ISBN_EXISTS"));
    }

    @Test
    void shouldNameTheMissingRecordAndServicePoint() {
        post(Tokens.librarian("JLL"), "/copies", Map.of("barcode", "F" + System.nanoTime())).statusCode(422)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("homeServicePointCode", "recordId"));
    }

    /** A valid ISBN-13 in the 978-7 (China) range that no other test uses. */
    static String randomIsbn() {
        String body = "9787" + String.format("%08d", (long) (Math.random() * 100_000_000L));
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return body + (10 - sum % 10) % 10;
    }

    static String isbn10() {
        String body = "7" + String.format("%08d", (long) (Math.random() * 100_000_000L));
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (body.charAt(i) - '0') * (10 - i);
        }
        int check = (11 - sum % 11) % 11;
        return body + (check == 10 ? "X" : String.valueOf(check));
    }
}
