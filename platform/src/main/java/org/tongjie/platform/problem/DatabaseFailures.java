package org.tongjie.platform.problem;

import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Predicate;

/** Tells a database that could not be reached apart from a request or an event the database refused. */
public final class DatabaseFailures {

    private static final int MAX_DEPTH = 20;

    private DatabaseFailures() {
    }

    /**
     * The connection to PostgreSQL broke or could not be had: connection exceptions (SQLSTATE class 08), the
     * server shutting down or starting up (57P01 to 57P03), or no pooled connection within the acquisition
     * timeout. The work did not commit, or its outcome is unknown; trying again later is the remedy.
     */
    public static boolean unreachable(Throwable e) {
        return causedBy(e, sql -> {
            String state = sql.getSQLState();
            if (state != null) {
                return state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03");
            }
            return sql.getMessage() != null
                    && sql.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout");
        });
    }

    /**
     * PostgreSQL refuses text with NUL characters (SQLSTATE 22021, 22P05) whether it came in a path, a query or
     * a body: the caller's mistake, and nothing was written.
     */
    public static boolean unstorableText(Throwable e) {
        return causedBy(e, sql -> "22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()));
    }

    /**
     * Whether an SQL exception passing the test is among the causes, or among the exceptions suppressed along
     * the way (a failed commit reports the driver's error as suppressed by the transaction manager's).
     */
    static boolean causedBy(Throwable e, Predicate<SQLException> test) {
        return causedBy(e, test, 0);
    }

    private static boolean causedBy(Throwable e, Predicate<SQLException> test, int depth) {
        for (Throwable cause = e; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLException sql && test.test(sql)) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (causedBy(suppressed, test, depth + 1)) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
