package org.tongjie.deploy.bench;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.tongjie.catalog.search.CatalogAnalyzer;
import org.tongjie.catalog.search.SearchReindex;
import org.tongjie.deploy.cluster.DemoCatalog;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A province-size catalogue written straight into the services' databases in bulk (COPY), the way an initial
 * migration from the district systems would be: records indexed by catalog-service's own analyzer, copies
 * spread over the network's service points, each copy known to loan-service's circulation and to the catalog's
 * availability, and patrons with the demo readers' PIN. Generation is repeatable: the same seed gives the
 * same dataset. Barcodes start with {@code BC}, card numbers with {@code 9}, so they never meet the demo data.
 */
final class Dataset {

    private static final int CHUNK = 5_000;
    private static final String[] PUBLISHERS = {"人民文学出版社", "商务印书馆", "中华书局", "生活·读书·新知三联书店",
        "上海译文出版社", "译林出版社", "江苏人民出版社", "南京大学出版社", "作家出版社", "中信出版社", "人民邮电出版社",
        "机械工业出版社", "清华大学出版社", "科学出版社", "接力出版社", "江苏凤凰少年儿童出版社", "北京大学出版社",
        "浙江文艺出版社", "广西师范大学出版社", "长江文艺出版社"};
    private static final String[] LATIN = {"introduction", "history", "data", "systems", "learning", "modern",
        "china", "economics", "design", "theory", "practice", "language", "science", "world", "city", "river"};
    private static final String CLC = "ABCDEFGHIJKNOPQRSTUVXZ";

    /** Share of the network's copies each library holds (the provincial and the big city libraries most). */
    private static final Map<String, Integer> LIBRARY_WEIGHTS = Map.of("NJL", 30, "SZL", 25, "JLL", 15, "JHL", 12,
            "YHT", 10, "BHL", 8);

    /** Sizes of the dataset. */
    record Size(int records, int copiesPerRecord, int patrons, long seed) {
    }

    /** What was loaded and how long it took. */
    record Loaded(int records, long copies, int patrons, double seconds, Map<String, Double> phases) {
    }

    /** A copy the load may lend: its barcode, its library and the library's lending desk. */
    record LendableCopy(String barcode, String library) {
    }

    private final String jdbcBase;
    private final Vocabulary vocabulary;
    private final Size size;

    Dataset(int postgresPort, Vocabulary vocabulary, Size size) {
        this.jdbcBase = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/";
        this.vocabulary = vocabulary;
        this.size = size;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcBase + database, "postgres", "postgres");
    }

    /** Card number of the i-th generated patron. */
    static String cardNumber(int i) {
        return String.format("9%012d", i);
    }

    /** Whether a word occurs in a publisher's name (and so in nearly every record's lexemes). */
    static boolean inPublisherName(String word) {
        for (String publisher : PUBLISHERS) {
            if (publisher.contains(word) || word.contains("出版")) {
                return true;
            }
        }
        return false;
    }

    /** Id of the i-th generated record. */
    static UUID recordId(int i) {
        return new UUID(0x7e57_0000_0000_0000L | (i / CHUNK), i);
    }

    /** Barcode of the i-th generated copy. */
    static String barcode(long i) {
        return String.format("BC%010d", i);
    }

    Loaded load() throws Exception {
        long begin = System.nanoTime();
        Map<String, Double> phases = new LinkedHashMap<>();
        Map<String, List<String>> points = servicePoints();
        List<String> weightedLibraries = new ArrayList<>();
        LIBRARY_WEIGHTS.forEach((library, weight) -> {
            if (points.containsKey(library)) {
                for (int i = 0; i < weight; i++) {
                    weightedLibraries.add(library);
                }
            }
        });
        Set<String> takenIsbns = takenIsbns();
        String pinHash = demoPinHash();

        int chunks = (size.records() + CHUNK - 1) / CHUNK;
        AtomicLong copies = new AtomicLong();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                work.add(pool.submit(() -> {
                    try (Connection catalog = connect("catalog"); Connection loan = connect("loan");
                            Connection delivery = connect("delivery")) {
                        prepareStaging(catalog);
                        for (int chunk = first; chunk < chunks; chunk += threads) {
                            copies.addAndGet(writeChunk(chunk, catalog, loan, delivery, points, weightedLibraries,
                                    takenIsbns));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        phases.put("records_and_copies", seconds(begin));
        try (Connection catalog = connect("catalog"); Statement s = catalog.createStatement()) {
            // Indexed by this analyzer already: catalog-service need not walk the records again.
            s.executeUpdate("UPDATE search_reindex SET analyzer_version = " + SearchReindex.ANALYZER_VERSION
                    + ", next_id = NULL");
        }
        long patronsBegin = System.nanoTime();
        writePatrons(pinHash, points);
        phases.put("patrons", seconds(patronsBegin));
        long analyseBegin = System.nanoTime();
        analyse();
        phases.put("analyse", seconds(analyseBegin));
        return new Loaded(size.records(), copies.get(), size.patrons(), seconds(begin), phases);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private Map<String, List<String>> servicePoints() throws SQLException {
        Map<String, List<String>> points = new LinkedHashMap<>();
        try (Connection c = connect("catalog"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT library_code, code FROM service_point ORDER BY code")) {
            while (rs.next()) {
                points.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return points;
    }

    private Set<String> takenIsbns() throws SQLException {
        Set<String> isbns = new HashSet<>();
        try (Connection c = connect("catalog"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT isbn FROM bib_record WHERE isbn IS NOT NULL")) {
            while (rs.next()) {
                isbns.add(rs.getString(1));
            }
        }
        return isbns;
    }

    private String demoPinHash() throws SQLException {
        try (Connection c = connect("loan"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pin_hash FROM patron WHERE card_number = '3201140000001'")) {
            if (!rs.next()) {
                throw new IllegalStateException("The demo reader 3201140000001 is missing; load the demo data first");
            }
            return rs.getString(1);
        }
    }

    private static void prepareStaging(Connection catalog) throws SQLException {
        try (Statement s = catalog.createStatement()) {
            s.execute("CREATE TEMP TABLE record_stage (id uuid, isbn char(13), title varchar(500),"
                    + " subtitle varchar(500),"
                    + " authors text[], publisher varchar(200), publication_year smallint, language varchar(8),"
                    + " clc_class varchar(32), subjects text[], a text[], b text[], c text[], title_key varchar(500))");
        }
    }

    private long writeChunk(int chunk, Connection catalog, Connection loan, Connection delivery,
            Map<String, List<String>> points, List<String> weightedLibraries, Set<String> takenIsbns)
            throws SQLException, IOException {
        SplittableRandom random = new SplittableRandom(size.seed() * 1_000_003L + chunk);
        StringBuilder records = new StringBuilder(CHUNK * 600);
        StringBuilder catalogCopies = new StringBuilder(CHUNK * 3 * 160);
        StringBuilder availability = new StringBuilder(CHUNK * 3 * 120);
        StringBuilder circulation = new StringBuilder(CHUNK * 3 * 220);
        StringBuilder names = new StringBuilder(CHUNK * 80);
        String now = Instant.now().toString();
        int firstRecord = chunk * CHUNK;
        int lastRecord = Math.min(size.records(), firstRecord + CHUNK);
        long copies = 0;
        for (int r = firstRecord; r < lastRecord; r++) {
            UUID id = recordId(r);
            String isbn = isbn(r, takenIsbns);
            boolean english = random.nextInt(100) < 6;
            String title = english ? latinTitle(random) : title(random);
            String subtitle = random.nextInt(100) < 25 ? vocabulary.draw(random) + vocabulary.draw(random) : null;
            List<String> authors = authors(random, english);
            String publisher = PUBLISHERS[random.nextInt(PUBLISHERS.length)];
            List<String> subjects = List.of(vocabulary.draw(random), vocabulary.draw(random));
            String clc = CLC.charAt(random.nextInt(CLC.length())) + Integer.toString(random.nextInt(1, 99));
            int year = 1980 + random.nextInt(47);
            row(records, id, isbn, title, subtitle, array(authors), publisher, year, english ? "eng" : "chi", clc,
                    array(subjects), array(lexemes(title, subtitle)),
                    array(lexemes(String.join(" ", authors), null)),
                    array(lexemes(String.join(" ", subjects), publisher)), CatalogAnalyzer.key(title));
            row(names, id, title, 0);
            int count = 1 + random.nextInt(size.copiesPerRecord() * 2 - 1);
            for (int i = 0; i < count; i++) {
                long n = (long) r * size.copiesPerRecord() * 2 + i;
                String library = weightedLibraries.get(random.nextInt(weightedLibraries.size()));
                List<String> its = points.get(library);
                String home = random.nextInt(100) < 70 ? library + "-MAIN" : its.get(random.nextInt(its.size()));
                if (!its.contains(home)) {
                    home = its.get(0);
                }
                UUID copyId = new UUID(0xc0b1_0000_0000_0000L | chunk, n);
                String barcode = barcode(n);
                row(catalogCopies, copyId, barcode, id, library, home, clc + "/" + n, "STANDARD", "ACTIVE", now, now,
                        0);
                row(availability, copyId, id, library, "AVAILABLE", null, -1, now, library);
                row(circulation, copyId, barcode, id, title, library, home, home, "STANDARD", "AVAILABLE", 0, now, now,
                        0, "f", null);
                copies++;
            }
        }
        copy(catalog, "record_stage", records);
        try (Statement s = catalog.createStatement()) {
            s.executeUpdate("INSERT INTO bib_record (id, isbn, title, subtitle, authors, publisher, publication_year,"
                    + " language, clc_class, created_at, updated_at, version, subjects, search_tokens, title_key,"
                    + " cataloguing_library) SELECT id, isbn, title, subtitle, authors, publisher, publication_year,"
                    + " language, clc_class, now(), now(), 0, subjects, setweight(array_to_tsvector(a), 'A')"
                    + " || setweight(array_to_tsvector(b), 'B') || setweight(array_to_tsvector(c), 'C'), title_key,"
                    + " 'NJL' FROM record_stage");
            s.execute("TRUNCATE record_stage");
        }
        copy(catalog, "copy (id, barcode, record_id, library_code, home_service_point_code, call_number, loan_type,"
                + " status, created_at, updated_at, version)", catalogCopies);
        copy(catalog, "copy_circulation (copy_id, record_id, library_code, status, due_date, version, updated_at,"
                + " shelf_library)", availability);
        copy(loan, "circulation_copy (copy_id, barcode, record_id, title, library_code, home_service_point_code,"
                + " current_service_point_code, loan_type, status, catalog_version, created_at, updated_at, version,"
                + " withdrawn_from_catalog, destination_service_point_code)", circulation);
        copy(delivery, "catalog_record (id, title, version)", names);
        return copies;
    }

    private void writePatrons(String pinHash, Map<String, List<String>> points) throws SQLException, IOException {
        List<String> libraries = new ArrayList<>(points.keySet());
        String[] types = {"ADULT", "ADULT", "ADULT", "ADULT", "STUDENT", "SENIOR", "CHILD"};
        SplittableRandom random = new SplittableRandom(size.seed());
        String now = Instant.now().toString();
        try (Connection loan = connect("loan")) {
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < size.patrons(); i++) {
                row(rows, new UUID(0x9a7e_0000_0000_0000L, i), cardNumber(i), DemoCatalog.name(random),
                        types[random.nextInt(types.length)], libraries.get(random.nextInt(libraries.size())), pinHash,
                        0, 0, now, 0, "STAFF");
                if (rows.length() > 4_000_000) {
                    copyPatrons(loan, rows);
                }
            }
            copyPatrons(loan, rows);
        }
    }

    private static void copyPatrons(Connection loan, StringBuilder rows) throws SQLException, IOException {
        copy(loan, "patron (id, card_number, name, patron_type, home_library, pin_hash, failed_pin_attempts,"
                + " fine_balance_fen, created_at, version, registered_by)", rows);
    }

    private void analyse() throws SQLException {
        for (String[] target : List.of(new String[] {"catalog", "bib_record, copy, copy_circulation"},
                new String[] {"loan", "circulation_copy, patron"}, new String[] {"delivery", "catalog_record"})) {
            try (Connection c = connect(target[0]); Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE " + target[1]);
            }
        }
    }

    private static void copy(Connection connection, String table, StringBuilder rows) throws SQLException,
            IOException {
        if (rows.length() == 0) {
            return;
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        copy.copyIn("COPY " + table + " FROM STDIN", new StringReader(rows.toString()));
        rows.setLength(0);
    }

    /** One line of COPY's text format; {@code null} is \N, lists are already array literals. */
    private static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                out.append("\\N");
            } else {
                String text = v.toString();
                for (int j = 0; j < text.length(); j++) {
                    char ch = text.charAt(j);
                    switch (ch) {
                        case '\\' -> out.append("\\\\");
                        case '\t' -> out.append("\\t");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        default -> out.append(ch);
                    }
                }
            }
        }
        out.append('\n');
    }

    /** A PostgreSQL array literal of text values. */
    private static String array(Iterable<String> values) {
        StringBuilder a = new StringBuilder("{");
        for (String v : values) {
            if (a.length() > 1) {
                a.append(',');
            }
            a.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return a.append('}').toString();
    }

    private static Set<String> lexemes(String first, String second) {
        Set<String> all = new LinkedHashSet<>(CatalogAnalyzer.indexLexemes(first));
        all.addAll(CatalogAnalyzer.indexLexemes(second));
        return all;
    }

    private String title(SplittableRandom random) {
        int shape = random.nextInt(10);
        String a = vocabulary.draw(random);
        String b = vocabulary.draw(random);
        return switch (shape) {
            case 0, 1 -> a + b;
            case 2 -> a + "的" + b;
            case 3 -> a + "与" + b;
            case 4 -> a + b + vocabulary.draw(random);
            case 5 -> "论" + a;
            case 6 -> a + "研究";
            case 7 -> "中国" + a + "史";
            case 8 -> a + "：" + b + vocabulary.draw(random);
            default -> a;
        };
    }

    private static String latinTitle(SplittableRandom random) {
        int words = 2 + random.nextInt(3);
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String word = LATIN[random.nextInt(LATIN.length)];
            title.append(i == 0 ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return title.toString();
    }

    private static List<String> authors(SplittableRandom random, boolean english) {
        int count = random.nextInt(100) < 80 ? 1 : 2;
        List<String> authors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            authors.add(english ? LATIN[random.nextInt(LATIN.length)] + " " + (char) ('A' + random.nextInt(26))
                    + "." : DemoCatalog.name(random));
        }
        return authors;
    }

    /** A valid ISBN-13 in China's group (978-7), unique per record index; none where the demo data has it. */
    static String isbn(int index, Set<String> taken) {
        String body = "9787" + String.format("%08d", index * 7919L % 100_000_000L);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (body.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        String isbn = body + (10 - sum % 10) % 10;
        return taken.contains(isbn) ? null : isbn;
    }
}
