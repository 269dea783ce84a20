package org.tongjie.deploy.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * A check-out-shaped transaction per request, as the benchmark's pgbench script runs it, behind the same HTTP
 * stack as the services: lock the copy, mark it lent, insert the loan and the outbox row carrying its event, in
 * one transaction on a worker thread; answer 201 with the loan as JSON. No gateway, token, Hibernate, relay or
 * consumer: what the cluster adds to a check-out is measured against this.
 */
@Path("/check-outs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CheckOutResource {

    private static final Duration LOAN_PERIOD = Duration.ofDays(30);

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    CheckOutResource(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Lend copy {@code copyId} to reader {@code patronId}. */
    public record CheckOut(Integer copyId, Integer patronId) {
    }

    /** The loan made. */
    public record Loan(UUID id, int copyId, int patronId, Instant loanedAt, Instant dueAt) {
    }

    @POST
    @Transactional
    public Response checkOut(CheckOut request) throws SQLException, JsonProcessingException {
        if (request == null || request.copyId() == null || request.patronId() == null) {
            return Response.status(400).entity(Map.of("detail", "copyId and patronId are required")).build();
        }
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT status FROM ref_copy WHERE id = ? FOR UPDATE")) {
                lock.setInt(1, request.copyId());
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        return Response.status(404).entity(Map.of("detail", "no copy " + request.copyId())).build();
                    }
                    if (!rs.getString(1).equals("AVAILABLE")) {
                        return Response.status(409).entity(Map.of("detail", "copy is " + rs.getString(1))).build();
                    }
                }
            }
            try (PreparedStatement lend = connection.prepareStatement("UPDATE ref_copy SET status = 'CHECKED_OUT',"
                    + " version = version + 1, updated_at = now() WHERE id = ?")) {
                lend.setInt(1, request.copyId());
                lend.executeUpdate();
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Loan loan = new Loan(UUID.randomUUID(), request.copyId(), request.patronId(), now, now.plus(LOAN_PERIOD));
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ref_loan (id, copy_id, patron_id,"
                    + " loaned_at, due_at, status) VALUES (?, ?, ?, ?, ?, 'OPEN')")) {
                insert.setObject(1, loan.id());
                insert.setInt(2, loan.copyId());
                insert.setInt(3, loan.patronId());
                insert.setTimestamp(4, Timestamp.from(loan.loanedAt()));
                insert.setTimestamp(5, Timestamp.from(loan.dueAt()));
                insert.executeUpdate();
            }
            try (PreparedStatement event = connection.prepareStatement("INSERT INTO ref_outbox (id, aggregateid,"
                    + " type, timestamp, payload, topic) VALUES (?, ?, 'CopyStatusChanged', ?, ?::jsonb,"
                    + " 'circulation.copies')")) {
                event.setObject(1, UUID.randomUUID());
                event.setString(2, Integer.toString(loan.copyId()));
                event.setTimestamp(3, Timestamp.from(now));
                event.setString(4, json.writeValueAsString(Map.of("copyId", loan.copyId(), "status", "CHECKED_OUT",
                        "patronId", loan.patronId(), "loanId", loan.id())));
                event.executeUpdate();
            }
            return Response.status(201).entity(loan).build();
        }
    }
}
