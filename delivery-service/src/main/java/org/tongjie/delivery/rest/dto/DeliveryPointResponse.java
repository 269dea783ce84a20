package org.tongjie.delivery.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.delivery.domain.DeliveryPoint;

/** A place books are dispatched from or delivered to for collection. */
@Schema(name = "DeliveryPoint")
public record DeliveryPointResponse(String code, String libraryCode, String name, String type, boolean deliveryHub,
        boolean acceptsDeliveries) {

    public static DeliveryPointResponse from(DeliveryPoint point) {
        return new DeliveryPointResponse(point.code(), point.libraryCode(), point.name(), point.type(),
                point.deliveryHub(), point.acceptsDeliveries());
    }
}
