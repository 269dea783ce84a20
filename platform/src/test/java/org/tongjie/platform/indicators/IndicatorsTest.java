package org.tongjie.platform.indicators;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class IndicatorsTest {

    @Inject
    Indicators indicators;

    @Inject
    IndicatorRollup rollup;

    @Inject
    IndicatorReports reports;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    private static final Instant MARCH = Instant.parse("2026-03-10T04:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-20T04:00:00Z");

    @Test
    void shouldSumCommittedFactsPerPeriodAndLibraryAndForgetRolledBackOnes() throws Exception {
        String city = unique("C");
        String district = unique("D");
        UUID reader = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            indicators.count(city, district, "loans", MARCH, 1);
            indicators.count(city, city, "loans", MARCH, 1);
            indicators.count(district, city, "loans", APRIL, 1);
            indicators.stock(city, "copies", MARCH, 5);
            indicators.stock(city, "copies", APRIL, -2);
            indicators.member(city, "patrons.active", MARCH, reader);
            indicators.member(city, "patrons.active", APRIL, reader);
            indicators.member(district, "patrons.active", APRIL, UUID.randomUUID());
        });
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            indicators.count(city, "loans", MARCH);
            throw new IllegalStateException("the loan failed");
        }));
        rollup.rollUp();
        rollup.rollUp();

        IndicatorReports.Report report = reports.report(List.of(city, district), LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-04-30"), IndicatorReports.Granularity.MONTH);

        Map<String, Number> march = report.periods().get(0).values();
        Map<String, Number> april = report.periods().get(1).values();
        assertEquals("2026-03", report.periods().get(0).period());
        assertEquals(2L, march.get("loans"), "two loans in March, the rolled-back one not among them");
        assertEquals(1L, march.get("loans.ofOtherLibraries"), "one of them of the district's copy");
        assertEquals(1L, april.get("loans"));
        assertEquals(5L, march.get("copies"), "level at the end of March");
        assertEquals(3L, april.get("copies"), "level at the end of April");
        assertEquals(1L, march.get("patrons.active"));
        assertEquals(2L, april.get("patrons.active"));
        assertEquals(2L, report.total().get("patrons.active"), "the reader of both months counts once");
        assertEquals(3L, report.total().get("loans"));
        Map<String, Number> cityValues = report.byLibrary().get(0).values();
        assertEquals(city, report.byLibrary().get(0).library());
        assertEquals(2L, cityValues.get("loans"));
        assertEquals(1L, cityValues.get("loans.byOtherLibraries"), "the district lent one of the city's copies");
        assertEquals(3L, cityValues.get("copies"));

        // Partial months at either end are read from days, whole months from the monthly sums.
        IndicatorReports.Report ragged = reports.report(List.of(city, district), LocalDate.parse("2026-03-05"),
                LocalDate.parse("2026-04-25"), IndicatorReports.Granularity.MONTH);
        assertEquals(2L, ragged.periods().get(0).values().get("loans"));
        assertEquals(1L, ragged.periods().get(1).values().get("loans"));
        IndicatorReports.Report shortEnds = reports.report(List.of(city, district), LocalDate.parse("2026-02-25"),
                LocalDate.parse("2026-04-10"), IndicatorReports.Granularity.TOTAL);
        assertEquals(2L, shortEnds.total().get("loans"), "March whole, a few days of February and April");
        assertEquals(5L, shortEnds.total().get("copies"), "the level on April 10, before two went on the 20th");
        IndicatorReports.Report later = reports.report(List.of(city, district), LocalDate.parse("2026-03-15"),
                LocalDate.parse("2026-05-31"), IndicatorReports.Granularity.TOTAL);
        assertEquals(1L, later.total().get("loans"), "March 10 is before the range");
        assertEquals(3L, later.total().get("copies"), "the level at the end of May");
        IndicatorReports.Report lastYear = reports.report(List.of(city), LocalDate.parse("2025-03-01"),
                LocalDate.parse("2025-03-31"), IndicatorReports.Granularity.TOTAL);
        assertEquals(0L, lastYear.total().get("copies"), "nothing held before the copies came");

        IndicatorReports.Report marchOnly = reports.report(List.of(city), LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-03-31"), IndicatorReports.Granularity.TOTAL);
        assertEquals(5L, marchOnly.total().get("copies"), "the level at the range's end, not today's");
        assertNull(marchOnly.total().get("copies.ofOtherLibraries"));
    }

    @Test
    void shouldCountDistinctMembersAcrossLibrariesMonthsAndYearsForASelectionAndTheNetwork() throws Exception {
        String city = unique("C");
        String district = unique("D");
        String metric = "patrons.active." + unique("t");
        UUID both = UUID.randomUUID();
        UUID december = UUID.randomUUID();
        UUID february = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            indicators.member(city, metric, Instant.parse("2025-12-03T04:00:00Z"), both);
            indicators.member(city, metric, Instant.parse("2026-01-05T04:00:00Z"), both);
            indicators.member(district, metric, Instant.parse("2026-01-20T04:00:00Z"), both);
            indicators.member(district, metric, Instant.parse("2025-12-24T04:00:00Z"), december);
            indicators.member(city, metric, Instant.parse("2026-02-02T04:00:00Z"), february);
        });
        rollup.rollUp();
        for (boolean network : new boolean[] {false, true}) {
            String as = network ? " (the network's rows)" : " (the libraries' rows merged)";
            IndicatorReports.Report months = reports.report(List.of(city, district), network, true,
                    LocalDate.parse("2025-12-01"), LocalDate.parse("2026-01-31"), IndicatorReports.Granularity.MONTH);
            assertEquals(2L, months.periods().get(0).values().get(metric), "December" + as);
            assertEquals(1L, months.periods().get(1).values().get(metric), "January: one reader at two libraries"
                    + as);
            assertEquals(2L, months.total().get(metric), "across the turn of the year, each reader once" + as);
            assertEquals(1L, months.byLibrary().get(0).values().get(metric), "the city: one reader, two months" + as);
            assertEquals(2L, months.byLibrary().get(1).values().get(metric), "the district" + as);
            IndicatorReports.Report totalOnly = reports.report(List.of(city, district), network, false,
                    LocalDate.parse("2025-12-01"), LocalDate.parse("2026-01-31"), IndicatorReports.Granularity.MONTH);
            assertEquals(List.of(), totalOnly.byLibrary());
            assertEquals(months.total(), totalOnly.total(), as);
            assertEquals(months.periods(), totalOnly.periods(), as);
            IndicatorReports.Report years = reports.report(List.of(city, district), network, true,
                    LocalDate.parse("2025-12-15"), LocalDate.parse("2026-02-10"), IndicatorReports.Granularity.YEAR);
            assertEquals(2L, years.periods().get(0).values().get(metric), "2025" + as);
            assertEquals(2L, years.periods().get(1).values().get(metric), "2026, February being in the range" + as);
            assertEquals(3L, years.total().get(metric), as);
            IndicatorReports.Report feb = reports.report(List.of(city, district), network, true,
                    LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28"), IndicatorReports.Granularity.TOTAL);
            assertEquals(1L, feb.periods().get(0).values().get(metric), as);
            assertEquals(1L, feb.byLibrary().get(0).values().get(metric), as);
            assertNull(feb.byLibrary().get(1).values().get(metric), "nobody borrowed at the district" + as);
        }
    }

    @Test
    void shouldReadTheWholeNetworkFromItsOwnSumsWithTheSameNumbers() throws Exception {
        String city = unique("C");
        String district = unique("D");
        String lent = "lent." + unique("t");
        String held = "held." + unique("t");
        QuarkusTransaction.requiringNew().run(() -> {
            indicators.count(city, district, lent, MARCH, 2);
            indicators.count(city, city, lent, MARCH, 1);
            indicators.count(district, "", lent, APRIL, 4);
            indicators.stock(city, held, MARCH, 7);
            indicators.stock(district, held, APRIL, 3);
            indicators.stock(city, held, APRIL, -1);
        });
        rollup.rollUp();
        for (var granularity : IndicatorReports.Granularity.values()) {
            LocalDate from = LocalDate.parse("2026-03-05");
            LocalDate to = LocalDate.parse("2026-04-25");
            IndicatorReports.Report libraries = reports.report(List.of(city, district), false, true, from, to,
                    granularity);
            for (boolean perLibrary : new boolean[] {true, false}) {
                IndicatorReports.Report network = reports.report(List.of(city, district), true, perLibrary, from, to,
                        granularity);
                for (int i = 0; i < libraries.periods().size(); i++) {
                    for (String name : List.of(lent, lent + ".ofOtherLibraries", lent + ".byOtherLibraries", held)) {
                        assertEquals(libraries.periods().get(i).values().get(name),
                                network.periods().get(i).values().get(name), granularity + " " + i + " " + name);
                    }
                }
                for (String name : List.of(lent, lent + ".ofOtherLibraries", lent + ".byOtherLibraries", held)) {
                    assertEquals(libraries.total().get(name), network.total().get(name), granularity + " " + name);
                }
                assertEquals(perLibrary ? libraries.byLibrary() : List.of(), network.byLibrary(),
                        granularity + " per library");
            }
            assertEquals(7L, libraries.total().get(lent));
            assertEquals(2L, libraries.total().get(lent + ".ofOtherLibraries"));
            assertEquals(2L, libraries.total().get(lent + ".byOtherLibraries"));
            assertEquals(9L, libraries.total().get(held));
            assertEquals(2L, libraries.byLibrary().get(1).values().get(lent + ".byOtherLibraries"));
        }
    }

    @Test
    void shouldReadMediansFromDurationsWithinTheBucketWidth() throws Exception {
        String library = unique("M");
        QuarkusTransaction.requiringNew().run(() -> {
            for (int hours : new int[] {1, 2, 30, 30, 30, 40, 400}) {
                indicators.duration(library, "deliveries.orderToDoor", MARCH, Duration.ofHours(hours));
            }
        });
        rollup.rollUp();
        Map<String, Number> total = reports.report(List.of(library), LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-03-31"), IndicatorReports.Granularity.TOTAL).total();
        assertEquals(7L, total.get("deliveries.orderToDoor.count"));
        long median = total.get("deliveries.orderToDoor.medianSeconds").longValue();
        assertTrue(Math.abs(median - 30 * 3600) <= 30 * 3600 * 0.06, "median " + median + "s is not about 30 h");
    }

    @Test
    void shouldWriteAThousandLikeFactsOfOneTransactionAsOneRow() throws Exception {
        String library = unique("B");
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 3_000; i++) {
                indicators.count(library, "copies.added", MARCH);
            }
        });
        try (var connection = dataSource.getConnection();
                var select = connection.prepareStatement("SELECT count(*), sum(value) FROM indicator_fact"
                        + " WHERE library_code = ?")) {
            select.setString(1, library);
            try (var rs = select.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1), "one row for the transaction's 3,000 like facts");
                assertEquals(3_000, rs.getInt(2));
            }
        }
        rollup.rollUp();
        assertEquals(3_000L, reports.report(List.of(library), LocalDate.parse("2026-03-10"),
                LocalDate.parse("2026-03-10"), IndicatorReports.Granularity.DAY).total().get("copies.added"));
    }

    @Test
    void shouldCutARangeIntoPeriodsTrimmedToIt() {
        List<IndicatorReports.Period> periods = IndicatorReports.periods(LocalDate.parse("2026-01-15"),
                LocalDate.parse("2026-03-03"), IndicatorReports.Granularity.MONTH);
        assertEquals(List.of("2026-01", "2026-02", "2026-03"), periods.stream().map(IndicatorReports.Period::period)
                .toList());
        assertEquals(LocalDate.parse("2026-01-15"), periods.get(0).from());
        assertEquals(LocalDate.parse("2026-03-03"), periods.get(2).to());
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }
}
