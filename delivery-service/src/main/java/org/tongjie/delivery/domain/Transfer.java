package org.tongjie.delivery.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.tongjie.platform.ids.TimeOrderedIds;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A copy that must travel between service points, from the pull off the shelf to the receiving scan. */
@Entity
@Table(name = "transfer")
public class Transfer {

    /** Where a transfer stands. */
    public enum Status { REQUESTED, IN_TRANSIT, RECEIVED, CANCELLED }

    @Id
    private UUID id;
    @Column(name = "copy_id")
    private UUID copyId;
    private String barcode;
    private String title;
    @Column(name = "from_service_point")
    private String fromServicePoint;
    @Column(name = "to_service_point")
    private String toServicePoint;
    @Column(name = "from_library")
    private String fromLibrary;
    @Column(name = "to_library")
    private String toLibrary;
    private String reason;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "dispatched_at")
    private Instant dispatchedAt;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "batch_id")
    private UUID batchId;
    @Version
    private long version;

    protected Transfer() {
    }

    public static Transfer requested(UUID copyId, String barcode, String title, String from, String fromLibrary,
            String to, String toLibrary, String reason, Instant now) {
        Transfer transfer = new Transfer();
        transfer.id = TimeOrderedIds.next();
        transfer.copyId = copyId;
        transfer.barcode = barcode;
        transfer.title = title;
        transfer.fromServicePoint = from;
        transfer.fromLibrary = fromLibrary;
        transfer.toServicePoint = to;
        transfer.toLibrary = toLibrary;
        transfer.reason = reason;
        transfer.status = Status.REQUESTED;
        transfer.requestedAt = now;
        return transfer;
    }

    public String title() {
        return title;
    }

    public void dispatch(UUID batchId, Instant now) {
        this.batchId = batchId;
        status = Status.IN_TRANSIT;
        dispatchedAt = now;
    }

    public void receive(Instant now) {
        status = Status.RECEIVED;
        closedAt = now;
    }

    /** Circulation sent the copy elsewhere (or took it in some other way); nothing to carry any more. */
    public void cancel(Instant now) {
        status = Status.CANCELLED;
        closedAt = now;
    }

    public boolean isOpen() {
        return status == Status.REQUESTED || status == Status.IN_TRANSIT;
    }

    /** Open for longer than the network tolerates. */
    public boolean isStuck(Instant now, Duration after) {
        return isOpen() && requestedAt.plus(after).isBefore(now);
    }

    public UUID id() {
        return id;
    }

    public UUID copyId() {
        return copyId;
    }

    public String barcode() {
        return barcode;
    }

    public String fromServicePoint() {
        return fromServicePoint;
    }

    public String toServicePoint() {
        return toServicePoint;
    }

    public String fromLibrary() {
        return fromLibrary;
    }

    public String toLibrary() {
        return toLibrary;
    }

    public String reason() {
        return reason;
    }

    public Status status() {
        return status;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant dispatchedAt() {
        return dispatchedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public UUID batchId() {
        return batchId;
    }
}
