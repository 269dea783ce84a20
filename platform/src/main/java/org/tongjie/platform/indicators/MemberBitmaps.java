package org.tongjie.platform.indicators;

import org.roaringbitmap.RoaringBitmap;

import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Distinct members per library, indicator and calendar month, kept as compressed bitmaps of small member numbers
 * (indicator_member_month, numbered by indicator_member_ordinal) so that the distinct members of any set of
 * libraries and months are the cardinality of a union, exact, without de-duplicating rows. The whole network's
 * members are kept under library {@value #NETWORK} as well.
 */
final class MemberBitmaps {

    /** The library code under which the network's own bitmaps are kept (never a library's code). */
    static final String NETWORK = "*";

    private MemberBitmaps() {
    }

    /** One bitmap's key. */
    record Key(String library, String metric, LocalDate month) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int c = library.compareTo(other.library);
            if (c == 0) {
                c = metric.compareTo(other.metric);
            }
            return c != 0 ? c : month.compareTo(other.month);
        }
    }

    /**
     * Adds members to the bitmaps of their library and month and of the network, in the caller's transaction.
     * Bitmaps are locked in key order, so roll-ups running at once wait for each other instead of deadlocking.
     */
    static void add(Connection connection, Map<Key, Set<UUID>> members) throws SQLException {
        if (members.isEmpty()) {
            return;
        }
        Map<UUID, Integer> ordinals = ordinals(connection, members.values().stream().flatMap(Set::stream)
                .distinct().toList());
        TreeMap<Key, RoaringBitmap> added = new TreeMap<>();
        members.forEach((key, uuids) -> {
            for (Key target : List.of(key, new Key(NETWORK, key.metric(), key.month()))) {
                RoaringBitmap bitmap = added.computeIfAbsent(target, k -> new RoaringBitmap());
                uuids.forEach(member -> bitmap.add(ordinals.get(member)));
            }
        });
        List<Key> keys = new ArrayList<>(added.keySet());
        Array libraries = connection.createArrayOf("varchar", keys.stream().map(Key::library).toArray());
        Array metrics = connection.createArrayOf("varchar", keys.stream().map(Key::metric).toArray());
        Array months = connection.createArrayOf("date", keys.stream().map(k -> Date.valueOf(k.month())).toArray());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO indicator_member_month"
                + " (library_code, metric, month, members, member_count) SELECT l, m, d, ''::bytea, 0"
                + " FROM unnest(?::varchar[], ?::varchar[], ?::date[]) k(l, m, d) ORDER BY 1, 2, 3"
                + " ON CONFLICT DO NOTHING")) {
            insert.setArray(1, libraries);
            insert.setArray(2, metrics);
            insert.setArray(3, months);
            insert.executeUpdate();
        }
        try (PreparedStatement lock = connection.prepareStatement("SELECT library_code, metric, month, members"
                + " FROM indicator_member_month WHERE (library_code, metric, month) IN"
                + " (SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::date[]))"
                + " ORDER BY library_code, metric, month FOR UPDATE");
                PreparedStatement update = connection.prepareStatement("UPDATE indicator_member_month"
                        + " SET members = ?, member_count = ? WHERE library_code = ? AND metric = ? AND month = ?")) {
            lock.setArray(1, libraries);
            lock.setArray(2, metrics);
            lock.setArray(3, months);
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    Key key = new Key(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate());
                    RoaringBitmap bitmap = read(rs.getBytes(4));
                    int before = bitmap.getCardinality();
                    bitmap.or(added.get(key));
                    if (bitmap.getCardinality() != before) {
                        update.setBytes(1, write(bitmap));
                        update.setInt(2, bitmap.getCardinality());
                        update.setString(3, key.library());
                        update.setString(4, key.metric());
                        update.setDate(5, Date.valueOf(key.month()));
                        update.addBatch();
                    }
                }
            }
            update.executeBatch();
        }
    }

    /** Each member's number, numbering those seen for the first time (only those: numbers stay dense). */
    private static Map<UUID, Integer> ordinals(Connection connection, List<UUID> members) throws SQLException {
        Map<UUID, Integer> ordinals = new HashMap<>();
        String select = "SELECT member, ordinal FROM indicator_member_ordinal WHERE member = ANY(?)";
        Array all = connection.createArrayOf("uuid", members.toArray());
        read(connection, select, all, ordinals);
        List<UUID> unnumbered = members.stream().filter(m -> !ordinals.containsKey(m)).sorted().toList();
        if (!unnumbered.isEmpty()) {
            Array fresh = connection.createArrayOf("uuid", unnumbered.toArray());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO indicator_member_ordinal"
                    + " (member) SELECT unnest(?::uuid[]) ON CONFLICT DO NOTHING")) {
                insert.setArray(1, fresh);
                insert.executeUpdate();
            }
            read(connection, select, fresh, ordinals);
        }
        return ordinals;
    }

    private static void read(Connection connection, String sql, Array members, Map<UUID, Integer> ordinals)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setArray(1, members);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ordinals.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }
            }
        }
    }

    /**
     * The bitmaps of the given libraries (and, with {@code network}, the network's own) for the calendar months
     * from {@code from}'s to {@code to}'s.
     */
    static Map<Key, RoaringBitmap> load(Connection connection, Array libraries, boolean network, LocalDate from,
            LocalDate to) throws SQLException {
        Map<Key, RoaringBitmap> bitmaps = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT library_code, metric, month, members"
                + " FROM indicator_member_month WHERE (library_code = ANY(?) OR (? AND library_code = '" + NETWORK
                + "')) AND month BETWEEN ? AND ?")) {
            select.setArray(1, libraries);
            select.setBoolean(2, network);
            select.setDate(3, Date.valueOf(from.withDayOfMonth(1)));
            select.setDate(4, Date.valueOf(to.withDayOfMonth(1)));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    bitmaps.put(new Key(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate()),
                            read(rs.getBytes(4)));
                }
            }
        }
        return bitmaps;
    }

    static RoaringBitmap read(byte[] bytes) {
        RoaringBitmap bitmap = new RoaringBitmap();
        if (bytes.length > 0) {
            try {
                bitmap.deserialize(ByteBuffer.wrap(bytes));
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalStateException("An indicator member bitmap cannot be read", e);
            }
        }
        return bitmap;
    }

    static byte[] write(RoaringBitmap bitmap) {
        bitmap.runOptimize();
        ByteBuffer buffer = ByteBuffer.allocate(bitmap.serializedSizeInBytes());
        bitmap.serialize(buffer);
        return buffer.array();
    }
}
