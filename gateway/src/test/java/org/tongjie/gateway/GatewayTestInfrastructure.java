package org.tongjie.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.tongjie.deploy.testinfra.InfrastructureTestResource;
import org.tongjie.gateway.proxy.EchoUpstream;

/** Declares, once for the whole module, the real database and broker, and the upstreams the proxy talks to. */
@QuarkusTestResource(value = InfrastructureTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(EchoUpstream.class)
public final class GatewayTestInfrastructure {

    private GatewayTestInfrastructure() {
    }
}
