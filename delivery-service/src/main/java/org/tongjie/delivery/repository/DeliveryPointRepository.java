package org.tongjie.delivery.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.delivery.domain.DeliveryPoint;

import java.util.List;

/** Delivery points by library. */
@ApplicationScoped
public class DeliveryPointRepository implements PanacheRepositoryBase<DeliveryPoint, String> {

    public List<DeliveryPoint> ofLibrary(String libraryCode) {
        return list("libraryCode", Sort.by("code"), libraryCode);
    }
}
