package org.tongjie.catalog.events;

import org.tongjie.catalog.domain.ServicePoint;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

/** A service point opened at a library (topic {@code catalog.libraries}, keyed by the library). */
public record ServicePointOpened(String code, String libraryCode, String name, String type, boolean lend,
        boolean acceptReturns, boolean holdPickup, boolean deliveryHub) implements DomainEvent {

    public static ServicePointOpened of(ServicePoint point) {
        ServicePoint.Capabilities c = point.capabilities();
        return new ServicePointOpened(point.code(), point.libraryCode(), point.name(), point.type().name(), c.lend(),
                c.acceptReturns(), c.holdPickup(), c.deliveryHub());
    }

    @Override
    public String topic() {
        return Topics.CATALOG_LIBRARIES;
    }

    @Override
    public String aggregateType() {
        return "Library";
    }

    @Override
    public String aggregateId() {
        return libraryCode;
    }
}
