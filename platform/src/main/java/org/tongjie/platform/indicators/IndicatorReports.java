package org.tongjie.platform.indicators;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.roaringbitmap.RoaringBitmap;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the rolled-up indicators of a set of libraries over a range of days, per period, per library and in all:
 * counts summed, stocks as levels at each period's end, durations as medians, distinct members per calendar month.
 * A handful of grouped reads of pre-summed rows, whatever the size of the network's own tables.
 */
@ApplicationScoped
public class IndicatorReports {

    /** How a range is cut into periods. */
    public enum Granularity {
        DAY(ChronoUnit.DAYS, "day"), MONTH(ChronoUnit.MONTHS, "month"), YEAR(ChronoUnit.YEARS, "year"),
        TOTAL(null, "year");

        private final ChronoUnit unit;
        private final String trunc;

        Granularity(ChronoUnit unit, String trunc) {
            this.unit = unit;
            this.trunc = trunc;
        }

        LocalDate start(LocalDate day) {
            return switch (this) {
                case DAY, TOTAL -> day;
                case MONTH -> day.withDayOfMonth(1);
                case YEAR -> day.withDayOfYear(1);
            };
        }
    }

    @Schema(description = "The indicators of a set of libraries over a range of days")
    public record Report(
            @Schema(description = "Libraries counted: the one asked for and, with tree=true, every library below it")
            List<String> libraries,
            LocalDate from, LocalDate to, Granularity granularity,
            @Schema(description = "One entry per period, oldest first") List<Period> periods,
            @Schema(description = "Each library's own figures over the whole range") List<LibraryValues> byLibrary,
            @Schema(description = "All the libraries together over the whole range") Map<String, Number> total) {
    }

    @Schema(description = "One period (a day, month or year, cut to the range)")
    public record Period(@Schema(example = "2026-10") String period, LocalDate from, LocalDate to,
            @Schema(description = "Indicator name → value; see the endpoint's description for the names")
            Map<String, Number> values) {
    }

    @Schema(description = "One library's figures over the whole range")
    public record LibraryValues(@Schema(example = "YHT") String library, Map<String, Number> values) {
    }

    private final AgroalDataSource dataSource;
    private final java.time.Clock clock;
    private final java.time.ZoneId zone;

    IndicatorReports(AgroalDataSource dataSource, java.time.Clock clock,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "tongjie.indicators.zone",
                    defaultValue = "Asia/Shanghai") java.time.ZoneId zone) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.zone = zone;
    }

    /** Everything counted, summed for one period, one library or the whole selection. */
    private static final class Tally {
        final Map<String, Long> counts = new TreeMap<>();
        final Map<String, Long> stockChange = new TreeMap<>();
        final Map<String, TreeMap<Integer, Long>> durations = new TreeMap<>();
        final Map<String, Long> levels = new TreeMap<>();
        final Map<String, Long> members = new TreeMap<>();

        void add(String metric, int bucket, long value, long cross) {
            if (bucket == Indicators.COUNT) {
                counts.merge(metric, value, Long::sum);
                if (cross != 0) {
                    counts.merge(metric + ".ofOtherLibraries", cross, Long::sum);
                }
            } else if (bucket == Indicators.STOCK) {
                stockChange.merge(metric, value, Long::sum);
            } else if (bucket >= 0) {
                durations.computeIfAbsent(metric, m -> new TreeMap<>()).merge(bucket, value, Long::sum);
            }
        }

        /**
         * For the whole network, what was done with another library's copy is also what was done elsewhere with
         * one of ours: both names get the same count.
         */
        void crossingIsBoth() {
            Map<String, Long> byOthers = new TreeMap<>();
            counts.forEach((metric, value) -> {
                if (metric.endsWith(".ofOtherLibraries")) {
                    byOthers.put(metric.substring(0, metric.length() - ".ofOtherLibraries".length())
                            + ".byOtherLibraries", value);
                }
            });
            counts.putAll(byOthers);
        }

        Map<String, Number> values() {
            Map<String, Number> values = new TreeMap<>();
            values.putAll(counts);
            values.putAll(levels);
            values.putAll(members);
            durations.forEach((metric, histogram) -> {
                long n = histogram.values().stream().mapToLong(Long::longValue).sum();
                values.put(metric + ".count", n);
                values.put(metric + ".medianSeconds", Math.round(median(histogram, n)));
            });
            return values;
        }

        private static double median(TreeMap<Integer, Long> histogram, long n) {
            long seen = 0;
            for (var bucket : histogram.entrySet()) {
                seen += bucket.getValue();
                if (seen * 2 >= n) {
                    return Indicators.secondsOf(bucket.getKey());
                }
            }
            return 0;
        }
    }

    /** The periods a range is cut into. */
    public static List<Period> periods(LocalDate from, LocalDate to, Granularity granularity) {
        List<Period> periods = new ArrayList<>();
        if (granularity == Granularity.TOTAL) {
            periods.add(new Period(from + ".." + to, from, to, Map.of()));
            return periods;
        }
        for (LocalDate start = granularity.start(from); !start.isAfter(to); start = start.plus(1, granularity.unit)) {
            LocalDate end = start.plus(1, granularity.unit).minusDays(1);
            String name = switch (granularity) {
                case MONTH -> start.toString().substring(0, 7);
                case YEAR -> String.valueOf(start.getYear());
                default -> start.toString();
            };
            periods.add(new Period(name, start.isBefore(from) ? from : start, end.isAfter(to) ? to : end, Map.of()));
        }
        return periods;
    }

    public Report report(List<String> libraries, LocalDate from, LocalDate to, Granularity granularity)
            throws SQLException {
        return report(libraries, false, true, from, to, granularity);
    }

    /**
     * The report on {@code libraries}; {@code network}: they are every library of the network, whose distinct
     * members are then read from the network's own bitmaps; {@code perLibrary}: with each library's own figures
     * (without, byLibrary is empty and the report reads less).
     */
    public Report report(List<String> libraries, boolean network, boolean perLibrary, LocalDate from, LocalDate to,
            Granularity granularity) throws SQLException {
        List<Period> periods = periods(from, to, granularity);
        List<Tally> byPeriod = new ArrayList<>();
        periods.forEach(p -> byPeriod.add(new Tally()));
        Map<String, Tally> byLibrary = new LinkedHashMap<>();
        if (perLibrary) {
            libraries.forEach(library -> byLibrary.put(library, new Tally()));
        }
        Tally total = new Tally();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        try (Connection connection = dataSource.getConnection()) {
            Array codes = connection.createArrayOf("varchar", libraries.toArray());
            // The whole network's periods and total come from its own sums, not from every library's.
            Array scope = network ? connection.createArrayOf("varchar", new Object[] {MemberBitmaps.NETWORK}) : codes;
            readPeriods(connection, scope, network, from, to, today, granularity, periods, byPeriod, total);
            if (network) {
                for (Tally tally : byPeriod) {
                    tally.crossingIsBoth();
                }
                total.crossingIsBoth();
            } else {
                readCrossOut(connection, codes, from, to, today, granularity, "p", periods, byPeriod, byLibrary,
                        total);
            }
            if (perLibrary) {
                readLibraries(connection, codes, from, to, today, byLibrary);
                readCrossOut(connection, codes, from, to, today, Granularity.TOTAL, "counterpart", periods, byPeriod,
                        byLibrary, total);
            }
            readLevels(connection, scope, codes, network, to, today, byPeriod, byLibrary, total);
            readMembers(connection, codes, network, from, to, granularity, periods, byPeriod, byLibrary, total);
        }
        List<Period> filled = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            Period p = periods.get(i);
            filled.add(new Period(p.period(), p.from(), p.to(), byPeriod.get(i).values()));
        }
        List<LibraryValues> libraryValues = new ArrayList<>();
        byLibrary.forEach((library, tally) -> libraryValues.add(new LibraryValues(library, tally.values())));
        return new Report(libraries, from, to, granularity, filled, libraryValues, total.values());
    }

    private static int periodOf(List<Period> periods, LocalDate day) {
        int low = 0;
        int high = periods.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (periods.get(mid).from().isAfter(day)) {
                high = mid - 1;
            } else {
                low = mid;
            }
        }
        return low;
    }

    /**
     * Sums per period, grouped in the database; the total is the periods' sum. {@code network}: {@code scope} is
     * the network's own sums, where a fact of another library's copy has the counterpart '*'.
     */
    private static void readPeriods(Connection connection, Array scope, boolean network, LocalDate from,
            LocalDate to, LocalDate today, Granularity granularity, List<Period> periods, List<Tally> byPeriod,
            Tally total) throws SQLException {
        List<Object> params = new ArrayList<>();
        String crossing = network ? "counterpart = '" + MemberBitmaps.NETWORK + "'"
                : "counterpart <> '' AND counterpart <> library_code";
        String sql = "SELECT date_trunc('" + granularity.trunc + "', day)::date AS p, metric, bucket, sum(value),"
                + " sum(CASE WHEN " + crossing + " THEN value ELSE 0 END) FROM "
                + rows("library_code", scope, from, to, today, granularity, "", params) + " r GROUP BY 1, 2, 3";
        each(connection, sql, params, rs -> {
            LocalDate start = rs.getDate(1).toLocalDate();
            String metric = rs.getString(2);
            int bucket = rs.getInt(3);
            byPeriod.get(periodOf(periods, start.isBefore(from) ? from : start)).add(metric, bucket, rs.getLong(4),
                    rs.getLong(5));
            total.add(metric, bucket, rs.getLong(4), rs.getLong(5));
        });
    }

    /** Each library's own sums over the whole range, read from whole months where it can. */
    private static void readLibraries(Connection connection, Array codes, LocalDate from, LocalDate to,
            LocalDate today, Map<String, Tally> byLibrary) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT library_code, metric, bucket, sum(value), sum(CASE WHEN counterpart <> '' AND"
                + " counterpart <> library_code THEN value ELSE 0 END) FROM "
                + rows("library_code", codes, from, to, today, Granularity.TOTAL, "", params) + " r GROUP BY 1, 2, 3";
        each(connection, sql, params, rs -> byLibrary.get(rs.getString(1)).add(rs.getString(2), rs.getInt(3),
                rs.getLong(4), rs.getLong(5)));
    }

    /**
     * Counts made at other libraries of facts whose counterpart is ours (our copies lent elsewhere), per period
     * ({@code by} "p") or per library ({@code by} "counterpart").
     */
    private static void readCrossOut(Connection connection, Array codes, LocalDate from, LocalDate to,
            LocalDate today, Granularity granularity, String by, List<Period> periods, List<Tally> byPeriod,
            Map<String, Tally> byLibrary, Tally total) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT " + by + ", metric, sum(value) FROM (SELECT date_trunc('" + granularity.trunc
                + "', day)::date AS p, counterpart, metric, value FROM "
                + rows("counterpart", codes, from, to, today, granularity, "bucket = -1", params) + " r"
                + " WHERE counterpart <> library_code) c GROUP BY 1, 2";
        each(connection, sql, params, rs -> {
            String metric = rs.getString(2) + ".byOtherLibraries";
            long value = rs.getLong(3);
            if (by.equals("p")) {
                LocalDate start = rs.getDate(1).toLocalDate();
                byPeriod.get(periodOf(periods, start.isBefore(from) ? from : start)).counts
                        .merge(metric, value, Long::sum);
                total.counts.merge(metric, value, Long::sum);
            } else {
                byLibrary.get(rs.getString(1)).counts.merge(metric, value, Long::sum);
            }
        });
    }

    /**
     * Levels of stocks at the end of each period: today's level, less what changed after the range, less what
     * changed in the later periods. The network's from its own totals; each library's when asked for.
     */
    private static void readLevels(Connection connection, Array scope, Array codes, boolean network, LocalDate to,
            LocalDate today, List<Tally> byPeriod, Map<String, Tally> byLibrary, Tally total) throws SQLException {
        Map<String, Map<String, Long>> atEnd = levelsAt(connection, network && byLibrary.isEmpty() ? scope : codes,
                to, today);
        if (network && !byLibrary.isEmpty()) {
            atEnd.putAll(levelsAt(connection, scope, to, today));
        }
        atEnd.forEach((library, levels) -> {
            if (byLibrary.containsKey(library)) {
                byLibrary.get(library).levels.putAll(levels);
            }
            if (network == MemberBitmaps.NETWORK.equals(library)) {
                levels.forEach((metric, level) -> total.levels.merge(metric, level, Long::sum));
            }
        });
        Map<String, Long> level = new TreeMap<>(total.levels);
        for (int i = byPeriod.size() - 1; i >= 0; i--) {
            Tally period = byPeriod.get(i);
            period.levels.putAll(level);
            period.stockChange.forEach((metric, change) -> level.merge(metric, -change, Long::sum));
        }
    }

    /** Each library's stock levels at the end of {@code to}. */
    private static Map<String, Map<String, Long>> levelsAt(Connection connection, Array codes, LocalDate to,
            LocalDate today) throws SQLException {
        Map<String, Map<String, Long>> atEnd = new HashMap<>();
        each(connection, "SELECT library_code, metric, value FROM indicator_total WHERE library_code = ANY(?)",
                List.of(codes), rs -> atEnd.computeIfAbsent(rs.getString(1), l -> new TreeMap<>())
                        .put(rs.getString(2), rs.getLong(3)));
        List<Object> params = new ArrayList<>();
        String later = "SELECT library_code, metric, sum(value) FROM " + rows("library_code", codes, to.plusDays(1),
                LocalDate.of(9999, 12, 31), today, Granularity.MONTH, "bucket = -2", params) + " r GROUP BY 1, 2";
        each(connection, later, params, rs -> atEnd.computeIfAbsent(rs.getString(1), l -> new TreeMap<>())
                .merge(rs.getString(2), -rs.getLong(3), Long::sum));
        return atEnd;
    }

    /**
     * Distinct members over whole calendar months, in all, per period (not per day) and per library: the
     * cardinality of the union of their monthly bitmaps. The whole network reads its own bitmaps; a smaller
     * selection unites its libraries'.
     */
    private static void readMembers(Connection connection, Array codes, boolean network, LocalDate from,
            LocalDate to, Granularity granularity, List<Period> periods, List<Tally> byPeriod,
            Map<String, Tally> byLibrary, Tally total) throws SQLException {
        Map<String, RoaringBitmap> all = new TreeMap<>();
        Map<Integer, Map<String, RoaringBitmap>> perPeriod = new TreeMap<>();
        Map<String, Map<String, RoaringBitmap>> perLibrary = new HashMap<>();
        Array read = network && byLibrary.isEmpty() ? connection.createArrayOf("varchar", new Object[0]) : codes;
        MemberBitmaps.load(connection, read, network, from, to).forEach((key, bitmap) -> {
            boolean networkRow = MemberBitmaps.NETWORK.equals(key.library());
            if (!networkRow && byLibrary.containsKey(key.library())) {
                perLibrary.computeIfAbsent(key.library(), l -> new TreeMap<>())
                        .computeIfAbsent(key.metric(), m -> new RoaringBitmap()).or(bitmap);
            }
            if (networkRow == network) {
                all.computeIfAbsent(key.metric(), m -> new RoaringBitmap()).or(bitmap);
                if (granularity == Granularity.MONTH || granularity == Granularity.YEAR) {
                    LocalDate start = key.month().isBefore(from) ? from : key.month();
                    perPeriod.computeIfAbsent(periodOf(periods, start), p -> new TreeMap<>())
                            .computeIfAbsent(key.metric(), m -> new RoaringBitmap()).or(bitmap);
                }
            }
        });
        all.forEach((metric, bitmap) -> total.members.put(metric, bitmap.getLongCardinality()));
        perPeriod.forEach((period, metrics) -> metrics.forEach((metric, bitmap) ->
                byPeriod.get(period).members.put(metric, bitmap.getLongCardinality())));
        perLibrary.forEach((library, metrics) -> metrics.forEach((metric, bitmap) ->
                byLibrary.get(library).members.put(metric, bitmap.getLongCardinality())));
        if (granularity == Granularity.TOTAL) {
            byPeriod.get(0).members.putAll(total.members);
        }
    }

    /** Reads one row of a grouped query. */
    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * The summed rows of a range of days for the libraries ({@code column}: whose code is matched; {@code filter}:
     * a further condition, or empty): whole calendar months from indicator_monthly (dated by their first day; a
     * range reaching today takes today's month whole), and the partial months at either end — days only when
     * reporting per day. A partial month is read as its days, or, when it covers more than half of the month, as
     * the month less the days outside the range (negated rows dated outside it), whichever reads fewer days.
     * Adds its parameters to {@code params}.
     */
    static String rows(String column, Array codes, LocalDate from, LocalDate to, LocalDate today,
            Granularity granularity, String filter, List<Object> params) {
        Rows rows = new Rows(column, codes, filter, params);
        LocalDate firstWhole = from.getDayOfMonth() == 1 ? from : from.plusMonths(1).withDayOfMonth(1);
        // The month of today counts as whole through its last day: nothing has happened after today yet.
        LocalDate lastWhole = to.plusDays(1).getDayOfMonth() == 1 || !to.isBefore(today) ? to.withDayOfMonth(1)
                : to.withDayOfMonth(1).minusMonths(1);
        if (granularity == Granularity.DAY || lastWhole.isBefore(firstWhole)) {
            rows.days(from, to, false);
            return rows.sql();
        }
        rows.months(firstWhole, lastWhole);
        if (from.isBefore(firstWhole)) {
            LocalDate monthStart = from.withDayOfMonth(1);
            int before = from.getDayOfMonth() - 1;
            if (before < from.lengthOfMonth() - before) {
                rows.months(monthStart, monthStart);
                rows.days(monthStart, from.minusDays(1), true);
            } else {
                rows.days(from, firstWhole.minusDays(1), false);
            }
        }
        LocalDate afterWhole = lastWhole.plusMonths(1);
        if (!to.isBefore(afterWhole)) {
            int after = to.lengthOfMonth() - to.getDayOfMonth();
            if (after < to.getDayOfMonth()) {
                rows.months(afterWhole, afterWhole);
                rows.days(to.plusDays(1), to.withDayOfMonth(to.lengthOfMonth()), true);
            } else {
                rows.days(afterWhole, to, false);
            }
        }
        return rows.sql();
    }

    /** The parts of {@link #rows}: monthly and daily reads, some of them negated. */
    private static final class Rows {
        private static final String COLUMNS = "library_code, counterpart, metric, bucket, ";
        private final String column;
        private final Array codes;
        private final String filter;
        private final List<Object> params;
        private final List<String> parts = new ArrayList<>();

        Rows(String column, Array codes, String filter, List<Object> params) {
            this.column = column;
            this.codes = codes;
            this.filter = filter.isEmpty() ? "" : " AND " + filter;
            this.params = params;
        }

        void months(LocalDate first, LocalDate last) {
            parts.add("SELECT month AS day, " + COLUMNS + "value FROM indicator_monthly WHERE " + column
                    + " = ANY(?) AND month BETWEEN ? AND ?" + filter);
            params.addAll(List.of(codes, Date.valueOf(first), Date.valueOf(last)));
        }

        void days(LocalDate first, LocalDate last, boolean negated) {
            parts.add("SELECT day, " + COLUMNS + (negated ? "-value" : "value") + " AS value FROM indicator_daily"
                    + " WHERE " + column + " = ANY(?) AND day BETWEEN ? AND ?" + filter);
            params.addAll(List.of(codes, Date.valueOf(first), Date.valueOf(last)));
        }

        String sql() {
            return "(" + String.join(" UNION ALL ", parts) + ")";
        }
    }

    /** Runs a query with its parameters (arrays of library codes, dates) and reads every row. */
    private static void each(Connection connection, String sql, List<Object> params, Row row) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                select.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }
}
