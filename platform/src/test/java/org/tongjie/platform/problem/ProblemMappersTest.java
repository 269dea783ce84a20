package org.tongjie.platform.problem;

import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How errors nobody anticipated are answered: a lost database is the client's cue to retry, not a 500. */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();
    private final UriInfo uri = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(),
            new Class<?>[] {UriInfo.class}, (proxy, method, args) -> method.getName().equals("getPath")
                    ? "/circulation/check-outs" : null);

    @Test
    void shouldAnswer503WhenTheCommitLostItsConnection() {
        RollbackException failedCommit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        failedCommit.addSuppressed(new IllegalStateException("Error trying to commit",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        Response response = mappers.unexpected(new IllegalStateException(failedCommit), uri);
        assertEquals(503, response.getStatus());
        assertEquals("DATABASE_UNAVAILABLE", ((Problem) response.getEntity()).code());
        assertEquals("1", response.getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void shouldAnswer503WhenPostgresIsShuttingDownOrNoConnectionIsFree() {
        assertEquals(503, mappers.unexpected(new RuntimeException(new SQLException(
                "terminating connection due to administrator command", "57P01")), uri).getStatus());
        assertEquals(503, mappers.unexpected(new RuntimeException(new SQLException(
                "the database system is starting up", "57P03")), uri).getStatus());
        assertEquals(503, mappers.unexpected(new SQLException("Sorry, acquisition timeout!"), uri).getStatus());
    }

    @Test
    void shouldKeepOtherDatabaseErrorsAsTheServersFault() {
        Response response = mappers.unexpected(new RuntimeException(new SQLException("duplicate key", "23505")), uri);
        assertEquals(500, response.getStatus());
        assertEquals("INTERNAL_ERROR", ((Problem) response.getEntity()).code());
        assertNull(response.getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void shouldAnswer400ForTextPostgresCannotStore() {
        Response response = mappers.unexpected(new RuntimeException(new SQLException("invalid byte sequence",
                "22021")), uri);
        assertEquals(400, response.getStatus());
        assertEquals("INVALID_CHARACTER", ((Problem) response.getEntity()).code());
    }
}
