package org.tongjie.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.tongjie.delivery.domain.Shipment;
import org.tongjie.delivery.domain.ShipmentItem;
import org.tongjie.delivery.domain.ShipmentStatus;
import org.tongjie.delivery.domain.TrackingEvent;
import org.tongjie.delivery.events.ShipmentStatusChanged;
import org.tongjie.platform.outbox.Outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every shipment move goes through here: a step on the reader's timeline and ShipmentStatusChanged in the same
 * transaction; reports that came too late are kept on the timeline only.
 */
@ApplicationScoped
public class ShipmentJournal {

    private final Outbox outbox;
    private final EntityManager em;
    private final Clock clock;
    private final DeliveryIndicators indicators;

    ShipmentJournal(Outbox outbox, EntityManager em, Clock clock, DeliveryIndicators indicators) {
        this.indicators = indicators;
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
    }

    /** The shipment's new status, when it happened and where, by whom (STAFF, CARRIER, LOCKER, SYSTEM…). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moved(Shipment shipment, Instant occurredAt, String location, String source) {
        em.persist(TrackingEvent.of(shipment.id(), shipment.status(), occurredAt, location, source, true,
                clock.instant()));
        em.flush();
        List<ShipmentItem> items = itemsOf(shipment.id());
        outbox.add(ShipmentStatusChanged.of(shipment, items, occurredAt));
        indicators.shipmentMoved(shipment, items.size(), occurredAt);
    }

    /** A report that does not move the shipment (out of order, or after its end). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notApplied(Shipment shipment, ShipmentStatus reported, Instant occurredAt, String location,
            String source) {
        em.persist(TrackingEvent.of(shipment.id(), reported, occurredAt, location, source, false, clock.instant()));
    }

    public List<ShipmentItem> itemsOf(UUID shipmentId) {
        return em.createQuery("from ShipmentItem where shipmentId = ?1 order by barcode", ShipmentItem.class)
                .setParameter(1, shipmentId).getResultList();
    }

    public List<TrackingEvent> timeline(UUID shipmentId) {
        return em.createQuery("from TrackingEvent where shipmentId = ?1 order by occurredAt, id", TrackingEvent.class)
                .setParameter(1, shipmentId).setMaxResults(200).getResultList();
    }
}
