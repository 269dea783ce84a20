package org.tongjie.platform;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.tongjie.deploy.testinfra.InfrastructureTestResource;

/** Declares, once for the whole module, the real PostgreSQL and Kafka every platform test runs against. */
@QuarkusTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "postgres"))
public final class PlatformTestInfrastructure {

    private PlatformTestInfrastructure() {
    }
}
