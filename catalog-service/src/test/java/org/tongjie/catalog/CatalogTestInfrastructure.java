package org.tongjie.catalog;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.tongjie.deploy.testinfra.InfrastructureTestResource;

/** Declares, once for the whole module, the real PostgreSQL database and Kafka broker of the tests. */
@QuarkusTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "catalog"))
public final class CatalogTestInfrastructure {

    private CatalogTestInfrastructure() {
    }
}
