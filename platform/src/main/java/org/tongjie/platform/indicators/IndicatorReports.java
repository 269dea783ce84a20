package org.tongjie.platform.indicators;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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

    /** Above this many libraries, distinct members are counted for the whole selection only (each count scans). */
    public static final int MEMBER_DETAIL_LIBRARIES = 100;

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
        List<Period> periods = periods(from, to, granularity);
        List<Tally> byPeriod = new ArrayList<>();
        periods.forEach(p -> byPeriod.add(new Tally()));
        Map<String, Tally> byLibrary = new LinkedHashMap<>();
        libraries.forEach(library -> byLibrary.put(library, new Tally()));
        Tally total = new Tally();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        try (Connection connection = dataSource.getConnection()) {
            Array codes = connection.createArrayOf("varchar", libraries.toArray());
            readDaily(connection, codes, from, to, today, granularity, periods, byPeriod, byLibrary, total);
            readCrossOut(connection, codes, from, to, today, granularity, periods, byPeriod, byLibrary, total);
            readLevels(connection, codes, to, today, byPeriod, byLibrary, total);
            readMembers(connection, codes, from, to, granularity, libraries.size() <= MEMBER_DETAIL_LIBRARIES,
                    periods, byPeriod, byLibrary, total);
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

    /** Sums per period and per library, grouped in the database; the total is the periods' sum. */
    private static void readDaily(Connection connection, Array codes, LocalDate from, LocalDate to, LocalDate today,
            Granularity granularity, List<Period> periods, List<Tally> byPeriod, Map<String, Tally> byLibrary,
            Tally total) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT library_code, p, metric, bucket, sum(value), sum(crossing) FROM (SELECT library_code,"
                + " date_trunc('" + granularity.trunc + "', day)::date AS p, metric, bucket, value, CASE WHEN"
                + " counterpart <> '' AND counterpart <> library_code THEN value ELSE 0 END AS crossing FROM "
                + rows("library_code", codes, from, to, today, granularity, params) + " r) f"
                + " GROUP BY GROUPING SETS ((p, metric, bucket), (library_code, metric, bucket))";
        each(connection, sql, params, rs -> {
            String metric = rs.getString(3);
            int bucket = rs.getInt(4);
            long value = rs.getLong(5);
            long cross = rs.getLong(6);
            java.sql.Date day = rs.getDate(2);
            if (day != null) {
                LocalDate start = day.toLocalDate();
                byPeriod.get(periodOf(periods, start.isBefore(from) ? from : start)).add(metric, bucket, value, cross);
                total.add(metric, bucket, value, cross);
            } else {
                byLibrary.get(rs.getString(1)).add(metric, bucket, value, cross);
            }
        });
    }

    /** Counts made at other libraries of facts whose counterpart is ours: our copies lent elsewhere. */
    private static void readCrossOut(Connection connection, Array codes, LocalDate from, LocalDate to,
            LocalDate today, Granularity granularity, List<Period> periods, List<Tally> byPeriod,
            Map<String, Tally> byLibrary, Tally total) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT counterpart, date_trunc('" + granularity.trunc + "', day)::date AS p, metric, sum(value)"
                + " FROM " + rows("counterpart", codes, from, to, today, granularity, params) + " r"
                + " WHERE counterpart <> library_code AND bucket = -1"
                + " GROUP BY GROUPING SETS ((p, metric), (counterpart, metric))";
        each(connection, sql, params, rs -> {
            String metric = rs.getString(3) + ".byOtherLibraries";
            long value = rs.getLong(4);
            java.sql.Date day = rs.getDate(2);
            if (day != null) {
                LocalDate start = day.toLocalDate();
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
     * changed in the later periods.
     */
    private static void readLevels(Connection connection, Array codes, LocalDate to, LocalDate today,
            List<Tally> byPeriod,
            Map<String, Tally> byLibrary, Tally total) throws SQLException {
        Map<String, Map<String, Long>> atEnd = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT library_code, metric, value FROM indicator_total WHERE library_code = ANY(?)")) {
            select.setArray(1, codes);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    atEnd.computeIfAbsent(rs.getString(1), l -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        List<Object> params = new ArrayList<>();
        String later = "SELECT library_code, metric, sum(value) FROM " + rows("library_code", codes, to.plusDays(1),
                LocalDate.of(9999, 12, 31), today, Granularity.MONTH, params) + " r WHERE bucket = -2 GROUP BY 1, 2";
        each(connection, later, params, rs -> atEnd.computeIfAbsent(rs.getString(1), l -> new TreeMap<>())
                .merge(rs.getString(2), -rs.getLong(3), Long::sum));
        atEnd.forEach((library, levels) -> {
            byLibrary.get(library).levels.putAll(levels);
            levels.forEach((metric, level) -> total.levels.merge(metric, level, Long::sum));
        });
        Map<String, Long> level = new TreeMap<>(total.levels);
        for (int i = byPeriod.size() - 1; i >= 0; i--) {
            Tally period = byPeriod.get(i);
            period.levels.putAll(level);
            period.stockChange.forEach((metric, change) -> level.merge(metric, -change, Long::sum));
        }
    }

    /**
     * Distinct members over whole calendar months: in all, and per period and per library when the selection has
     * at most {@value #MEMBER_DETAIL_LIBRARIES} libraries (not per day).
     */
    private static void readMembers(Connection connection, Array codes, LocalDate from, LocalDate to,
            Granularity granularity, boolean detail, List<Period> periods, List<Tally> byPeriod,
            Map<String, Tally> byLibrary, Tally total) throws SQLException {
        String range = " FROM indicator_member WHERE library_code = ANY(?)"
                + " AND month BETWEEN date_trunc('month', ?::date)::date AND ?";
        List<String> queries = new ArrayList<>();
        queries.add("SELECT NULL, metric, count(*) FROM (SELECT DISTINCT metric, member" + range + ") m GROUP BY 2");
        if (detail && granularity != Granularity.DAY) {
            queries.add("SELECT p, metric, count(*) FROM (SELECT DISTINCT date_trunc('" + granularity.trunc
                    + "', month)::date AS p, metric, member" + range + ") m GROUP BY 1, 2");
            queries.add("SELECT library_code, metric, count(*) FROM (SELECT DISTINCT library_code, metric, member"
                    + range + ") m GROUP BY 1, 2");
        }
        for (int q = 0; q < queries.size(); q++) {
            int query = q;
            each(connection, queries.get(q), List.of(codes, Date.valueOf(from), Date.valueOf(to)), rs -> {
                Tally tally = switch (query) {
                    case 0 -> total;
                    case 1 -> {
                        LocalDate start = rs.getDate(1).toLocalDate();
                        yield byPeriod.get(periodOf(periods, start.isBefore(from) ? from : start));
                    }
                    default -> byLibrary.get(rs.getString(1));
                };
                tally.members.merge(rs.getString(2), rs.getLong(3), Long::sum);
            });
        }
        if (granularity == Granularity.TOTAL) {
            byPeriod.get(0).members.putAll(total.members);
        }
    }

    /** Reads one row of a grouped query. */
    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * The summed rows of a range of days for the libraries ({@code column}: whose code is matched): whole
     * calendar months from indicator_monthly (dated by their first day; a range reaching today takes today's month
     * whole), the days of partial months at either end from indicator_daily; days only when reporting per day.
     * Adds its parameters to {@code params}.
     */
    static String rows(String column, Array codes, LocalDate from, LocalDate to, LocalDate today,
            Granularity granularity, List<Object> params) {
        String columns = "library_code, counterpart, metric, bucket, value";
        LocalDate firstWhole = from.getDayOfMonth() == 1 ? from : from.plusMonths(1).withDayOfMonth(1);
        // The month of today counts as whole through its last day: nothing has happened after today yet.
        LocalDate lastWhole = to.plusDays(1).getDayOfMonth() == 1 || !to.isBefore(today) ? to.withDayOfMonth(1)
                : to.withDayOfMonth(1).minusMonths(1);
        List<String> parts = new ArrayList<>();
        if (granularity == Granularity.DAY || lastWhole.isBefore(firstWhole)) {
            parts.add("SELECT day, " + columns + " FROM indicator_daily WHERE " + column + " = ANY(?)"
                    + " AND day BETWEEN ? AND ?");
            params.addAll(List.of(codes, Date.valueOf(from), Date.valueOf(to)));
        } else {
            parts.add("SELECT month AS day, " + columns + " FROM indicator_monthly WHERE " + column + " = ANY(?)"
                    + " AND month BETWEEN ? AND ?");
            params.addAll(List.of(codes, Date.valueOf(firstWhole), Date.valueOf(lastWhole)));
            if (from.isBefore(firstWhole)) {
                parts.add("SELECT day, " + columns + " FROM indicator_daily WHERE " + column + " = ANY(?)"
                        + " AND day BETWEEN ? AND ?");
                params.addAll(List.of(codes, Date.valueOf(from), Date.valueOf(firstWhole.minusDays(1))));
            }
            LocalDate afterWhole = lastWhole.plusMonths(1);
            if (!to.isBefore(afterWhole)) {
                parts.add("SELECT day, " + columns + " FROM indicator_daily WHERE " + column + " = ANY(?)"
                        + " AND day BETWEEN ? AND ?");
                params.addAll(List.of(codes, Date.valueOf(afterWhole), Date.valueOf(to)));
            }
        }
        return "(" + String.join(" UNION ALL ", parts) + ")";
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
