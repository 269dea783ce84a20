package org.tongjie.delivery.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tongjie.delivery.service.DeliveryOrders;
import org.tongjie.delivery.service.Transfers;
import org.tongjie.platform.events.EventEnvelope;
import org.tongjie.platform.inbox.InboundEvents;

import java.time.Instant;
import java.util.List;
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
        inbound.handleBatch(CONSUMER + ".circulation-copies", jsons, envelope -> {
            CopyMoved e = envelope.dataAs(inbound.mapper(), CopyMoved.class);
            switch (envelope.eventType()) {
                case "TransferRequested" -> transfers.requested(e.copyId(), e.barcode(), e.title(),
                        e.fromServicePointCode(), e.toServicePointCode(), e.reason());
                case "CopyStatusChanged" -> transfers.copyStatus(e.copyId(), e.status(), e.servicePointCode());
                default -> {
                    // Other copy events do not concern delivery.
                }
            }
        }, this::deadLetter);
    }

    /** A whole poll per transaction, like copy events. */
    @Incoming("circulation-loans")
    @Blocking
    public void onLoanEvents(List<String> jsons) {
        inbound.handleBatch(CONSUMER + ".circulation-loans", jsons, this::applyLoan, this::deadLetter);
    }

    private void applyLoan(EventEnvelope envelope) {
        LoanFacts loan = envelope.dataAs(inbound.mapper(), LoanFacts.class);
        if (loan.cardNumber() == null || loan.barcode() == null) {
            return;
        }
        boolean open = !"LoanClosed".equals(envelope.eventType());
        em.createNativeQuery("INSERT INTO patron_loan (loan_id, card_number, copy_id, barcode, due_at, open, version)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (loan_id) DO UPDATE SET due_at = excluded.due_at,"
                + " open = excluded.open, version = excluded.version WHERE patron_loan.version < excluded.version")
                .setParameter(1, loan.loanId()).setParameter(2, loan.cardNumber()).setParameter(3, loan.copyId())
                .setParameter(4, loan.barcode()).setParameter(5, loan.dueAt()).setParameter(6, open)
                .setParameter(7, loan.version()).executeUpdate();
    }

    /** A whole poll per transaction: a holdings sync registers records by the thousand. */
    @Incoming("catalog-records")
    @Blocking
    public void onRecordEvents(List<String> jsons) {
        inbound.handleBatch(CONSUMER + ".catalog-records", jsons, this::applyRecord, this::deadLetter);
    }

    private void applyRecord(EventEnvelope envelope) {
        RecordFacts r = envelope.dataAs(inbound.mapper(), RecordFacts.class);
        if (r.recordId() == null || r.title() == null) {
            return;
        }
        em.createNativeQuery("INSERT INTO catalog_record (id, title, version) VALUES (?1, ?2, ?3)"
                + " ON CONFLICT (id) DO UPDATE SET title = excluded.title, version = excluded.version"
                + " WHERE catalog_record.version < excluded.version")
                .setParameter(1, r.recordId()).setParameter(2, r.title()).setParameter(3, r.version())
                .executeUpdate();
    }
}
