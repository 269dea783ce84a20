package org.tongjie.catalog.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.catalog.domain.ServicePoint;
import org.tongjie.catalog.domain.ServicePointType;

/** A service point of a library. */
@Schema(name = "ServicePoint")
public record ServicePointResponse(String code, String libraryCode, String name, ServicePointType type, boolean lend,
        boolean acceptReturns, boolean holdPickup, boolean deliveryHub, String address, Double latitude,
        Double longitude) {

    public static ServicePointResponse from(ServicePoint point) {
        ServicePoint.Capabilities c = point.capabilities();
        return new ServicePointResponse(point.code(), point.libraryCode(), point.name(), point.type(), c.lend(),
                c.acceptReturns(), c.holdPickup(), c.deliveryHub(), point.address(), point.latitude(),
                point.longitude());
    }
}
