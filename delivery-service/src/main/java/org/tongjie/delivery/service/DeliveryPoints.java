package org.tongjie.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.tongjie.delivery.domain.DeliveryPoint;
import org.tongjie.delivery.repository.DeliveryPointRepository;

import java.time.Clock;
import java.util.List;

/** The hubs and collection points of each library, as the catalog announces them. */
@ApplicationScoped
public class DeliveryPoints {

    private final DeliveryPointRepository repository;
    private final Clock clock;

    DeliveryPoints(DeliveryPointRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String code, String libraryCode, String name, String type, boolean holdPickup,
            boolean deliveryHub) {
        repository.findByIdOptional(code).ifPresentOrElse(
                point -> point.describe(libraryCode, name, type, holdPickup, deliveryHub, clock.instant()),
                () -> repository.persist(DeliveryPoint.of(code, libraryCode, name, type, holdPickup, deliveryHub,
                        clock.instant())));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordLibrary(String code, String parentCode, String name, String regionCode) {
        repository.getEntityManager().merge(org.tongjie.delivery.domain.Library.of(code, parentCode, name, regionCode,
                clock.instant()));
    }

    public List<DeliveryPoint> ofLibrary(String libraryCode) {
        return repository.ofLibrary(libraryCode);
    }
}
