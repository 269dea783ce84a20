package org.tongjie.delivery.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.Session;
import org.tongjie.delivery.service.DeliveryOrders;
import org.tongjie.delivery.service.Transfers;
import org.tongjie.platform.events.EventEnvelope;
import org.tongjie.platform.inbox.InboundEvents;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Follows the other services: circulation's answers to delivery orders ({@code circulation.holds}), transfer
 * needs and copy movements ({@code circulation.copies}), readers' loans ({@code circulation.loans}) and the
 * catalog's records ({@code catalog.records}).
 */
@ApplicationScoped
public class CirculationConsumer {

    static final String CONSUMER = "delivery-service";

    private final InboundEvents inbound;
    private final DeliveryOrders orders;
    private final Transfers transfers;
    private final EntityManager em;
    private final Emitter<String> deadLetters;

    CirculationConsumer(InboundEvents inbound, DeliveryOrders orders, Transfers transfers, EntityManager em,
            @Channel("delivery-dead-letters") Emitter<String> deadLetters) {
        this.inbound = inbound;
        this.orders = orders;
        this.transfers = transfers;
        this.em = em;
        this.deadLetters = deadLetters;
    }

    private void deadLetter(String json) {
        deadLetters.send(json).toCompletableFuture().join();
    }

    /** The fields delivery-service reads of DeliveryOrderAllocated. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Allocated(UUID orderId, List<DeliveryOrders.Allocation> lines) {
    }

    /** The fields delivery-service reads of TransferRequested and CopyStatusChanged. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CopyMoved(UUID copyId, String barcode, String title, String fromServicePointCode,
            String toServicePointCode, String reason, String status, String servicePointCode) {
    }

    /** The fields delivery-service reads of loan events. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LoanFacts(UUID loanId, UUID copyId, String barcode, String cardNumber, Instant dueAt, long version) {
    }

    /** The fields delivery-service reads of RecordRegistered and RecordUpdated. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RecordFacts(UUID recordId, String title, long version) {
    }

    @Incoming("circulation-holds")
    @Blocking
    public void onHoldEvent(String json) {
        inbound.handle(CONSUMER + ".circulation-holds", json, envelope -> {
            if ("DeliveryOrderAllocated".equals(envelope.eventType())) {
                Allocated allocated = envelope.dataAs(inbound.mapper(), Allocated.class);
                orders.allocated(allocated.orderId(), allocated.lines() == null ? List.of() : allocated.lines());
            }
        });
    }

    /** A whole poll per transaction: every check-out and check-in in the network sends these. */
    @Incoming("circulation-copies")
    @Blocking
    public void onCopyEvents(List<String> jsons) {
        inbound.handleBatchTogether(CONSUMER + ".circulation-copies", jsons, this::applyCopyEvents,
                this::deadLetter);
    }

    /**
     * Most copy events are check-outs and check-ins of copies no transfer waits for: the poll's copies with an
     * open transfer are found with one statement, and only their events look further. Transfers are opened only
     * here, so a copy without one when the poll starts gets one only from a TransferRequested earlier in it.
     */
    private void applyCopyEvents(List<EventEnvelope> envelopes) {
        List<CopyMoved> moves = new ArrayList<>(envelopes.size());
        Set<UUID> statusChanged = new HashSet<>();
        for (EventEnvelope envelope : envelopes) {
            CopyMoved e = envelope.dataAs(inbound.mapper(), CopyMoved.class);
            moves.add(e);
            if ("CopyStatusChanged".equals(envelope.eventType())) {
                statusChanged.add(e.copyId());
            }
        }
        Set<UUID> inTransfer = envelopes.size() == 1 ? statusChanged : transfers.withOpenTransfer(statusChanged);
        for (int i = 0; i < envelopes.size(); i++) {
            CopyMoved e = moves.get(i);
            switch (envelopes.get(i).eventType()) {
                case "TransferRequested" -> {
                    transfers.requested(e.copyId(), e.barcode(), e.title(), e.fromServicePointCode(),
                            e.toServicePointCode(), e.reason());
                    inTransfer.add(e.copyId());
                }
                case "CopyStatusChanged" -> {
                    if (inTransfer.contains(e.copyId())) {
                        transfers.copyStatus(e.copyId(), e.status(), e.servicePointCode());
                    }
                }
                default -> {
                    // Other copy events do not concern delivery.
                }
            }
        }
    }

    /** A whole poll per transaction, like copy events, written with one JDBC batch. */
    @Incoming("circulation-loans")
    @Blocking
    public void onLoanEvents(List<String> jsons) {
        inbound.handleBatchTogether(CONSUMER + ".circulation-loans", jsons, this::applyLoans, this::deadLetter);
    }

    private void applyLoans(List<EventEnvelope> envelopes) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO patron_loan (loan_id,"
                    + " card_number, copy_id, barcode, due_at, open, version) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (loan_id) DO UPDATE SET due_at = excluded.due_at, open = excluded.open,"
                    + " version = excluded.version WHERE patron_loan.version < excluded.version")) {
                int rows = 0;
                for (EventEnvelope envelope : envelopes) {
                    LoanFacts loan = envelope.dataAs(inbound.mapper(), LoanFacts.class);
                    if (loan.cardNumber() == null || loan.barcode() == null) {
                        continue;
                    }
                    upsert.setObject(1, loan.loanId());
                    upsert.setString(2, loan.cardNumber());
                    upsert.setObject(3, loan.copyId());
                    upsert.setString(4, loan.barcode());
                    upsert.setObject(5, loan.dueAt() == null ? null
                            : java.time.OffsetDateTime.ofInstant(loan.dueAt(), java.time.ZoneOffset.UTC),
                            java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                    upsert.setBoolean(6, !"LoanClosed".equals(envelope.eventType()));
                    upsert.setLong(7, loan.version());
                    upsert.addBatch();
                    rows++;
                }
                if (rows > 0) {
                    upsert.executeBatch();
                }
            }
        });
    }

    /** A whole poll per transaction in one JDBC batch: a holdings sync registers records by the thousand. */
    @Incoming("catalog-records")
    @Blocking
    public void onRecordEvents(List<String> jsons) {
        inbound.handleBatchTogether(CONSUMER + ".catalog-records", jsons, this::applyRecords, this::deadLetter);
    }

    private void applyRecords(List<EventEnvelope> envelopes) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO catalog_record (id, title,"
                    + " version) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
                    + " version = excluded.version WHERE catalog_record.version < excluded.version")) {
                int rows = 0;
                for (EventEnvelope envelope : envelopes) {
                    RecordFacts r = envelope.dataAs(inbound.mapper(), RecordFacts.class);
                    if (r.recordId() == null || r.title() == null) {
                        continue;
                    }
                    upsert.setObject(1, r.recordId());
                    upsert.setString(2, r.title());
                    upsert.setLong(3, r.version());
                    upsert.addBatch();
                    rows++;
                }
                if (rows > 0) {
                    upsert.executeBatch();
                }
            }
        });
    }
}
