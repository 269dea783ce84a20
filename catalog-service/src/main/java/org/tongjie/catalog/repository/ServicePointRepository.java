package org.tongjie.catalog.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.catalog.domain.ServicePoint;

import java.util.List;

/** Service points by code and library. */
@ApplicationScoped
public class ServicePointRepository implements PanacheRepositoryBase<ServicePoint, String> {

    public List<ServicePoint> ofLibrary(String libraryCode) {
        return list("libraryCode", Sort.by("code"), libraryCode);
    }

    public List<ServicePoint> ofLibraries(List<String> libraryCodes) {
        return list("libraryCode in ?1", Sort.by("libraryCode").and("code"), libraryCodes);
    }
}
