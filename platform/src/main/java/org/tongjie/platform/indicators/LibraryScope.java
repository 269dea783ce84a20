package org.tongjie.platform.indicators;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tongjie.platform.library.Ancestry;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Caller;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which libraries a report covers, from this service's own copy of the library tree (a table with {@code code}
 * and {@code parent_code}, named by {@code tongjie.indicators.library-table}), and whether the caller may see
 * them: operators and network administrators everything, a library's administrator its own tree.
 */
@ApplicationScoped
public class LibraryScope {

    private final AgroalDataSource dataSource;
    private final String table;

    LibraryScope(AgroalDataSource dataSource,
            @ConfigProperty(name = "tongjie.indicators.library-table", defaultValue = "library") String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("tongjie.indicators.library-table must be a plain table name");
        }
        this.dataSource = dataSource;
        this.table = table;
    }

    /**
     * The libraries a report on {@code library} covers (with {@code tree}, every library below it too), or the
     * whole network when it is null. Refuses with 404 for an unknown library and 403 outside the caller's tree.
     */
    public List<String> resolve(Caller caller, String library, boolean tree) throws SQLException {
        boolean networkWide = caller.actsNetworkWide();
        String asked = library != null ? library : networkWide ? null : caller.library().orElse(null);
        try (Connection connection = dataSource.getConnection()) {
            if (asked == null) {
                if (!networkWide) {
                    throw ProblemException.forbidden("LIBRARY_SCOPE_VIOLATION", "This account acts for no library");
                }
                return codes(connection, "SELECT code FROM " + table + " ORDER BY code", null);
            }
            List<String> ancestry = Ancestry.of(asked, code -> parentOf(connection, code));
            if (!exists(connection, asked)) {
                throw ProblemException.notFound("LIBRARY_NOT_FOUND", "No library " + asked);
            }
            if (!networkWide && (caller.library().isEmpty() || !ancestry.contains(caller.library().get()))) {
                throw ProblemException.forbidden("LIBRARY_SCOPE_VIOLATION", "This account reports on library "
                        + caller.library().orElse("(none)") + " and the libraries below it, not " + asked);
            }
            if (!tree) {
                return List.of(asked);
            }
            return codes(connection, "WITH RECURSIVE below(code, depth) AS (SELECT code, 0 FROM " + table
                    + " WHERE code = ? UNION ALL SELECT l.code, b.depth + 1 FROM " + table + " l JOIN below b"
                    + " ON l.parent_code = b.code WHERE b.depth < " + Ancestry.MAX_DEPTH + ")"
                    + " SELECT DISTINCT code FROM below ORDER BY code", asked);
        }
    }

    /** Whether {@code libraries} (codes resolved by {@link #resolve}) are every library of the network. */
    public boolean wholeNetwork(List<String> libraries) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM " + table);
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1) == libraries.size();
        }
    }

    private boolean exists(Connection connection, String code) throws SQLException {
        return !codes(connection, "SELECT code FROM " + table + " WHERE code = ?", code).isEmpty();
    }

    private String parentOf(Connection connection, String code) {
        try {
            List<String> parent = codes(connection, "SELECT parent_code FROM " + table + " WHERE code = ?", code);
            return parent.isEmpty() ? null : parent.get(0);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the library tree", e);
        }
    }

    private static List<String> codes(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            List<String> codes = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    codes.add(rs.getString(1));
                }
            }
            return codes;
        }
    }
}
