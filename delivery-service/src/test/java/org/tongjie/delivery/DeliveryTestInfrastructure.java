package org.tongjie.delivery;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.tongjie.deploy.testinfra.InfrastructureTestResource;

/** Declares, once for the whole module, the real PostgreSQL database and Kafka broker of the tests. */
@QuarkusTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "delivery"))
public final class DeliveryTestInfrastructure {

    private DeliveryTestInfrastructure() {
    }
}
