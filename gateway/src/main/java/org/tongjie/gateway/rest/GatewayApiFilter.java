package org.tongjie.gateway.rest;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.tongjie.platform.problem.Problem;
import org.tongjie.platform.rest.ApiConventionsFilter;

import java.util.List;

/**
 * The gateway's API document: the platform conventions, plus the reader's {@code /api/v1/me/...} paths, which
 * the gateway forwards to the services for the signed-in reader (each is documented in full in its service's
 * document; these entries say where).
 */
public class GatewayApiFilter extends ApiConventionsFilter {

    private record Alias(String path, PathItem.HttpMethod method, String summary, String target, String success) {
    }

    private static final List<Alias> ALIASES = List.of(
            new Alias("/me/loans", PathItem.HttpMethod.GET, "My loans", "GET /patrons/{card}/loans (loan)", "200"),
            new Alias("/me/holds", PathItem.HttpMethod.GET, "My holds, with queue positions",
                    "GET /patrons/{card}/holds (loan)", "200"),
            new Alias("/me/holds", PathItem.HttpMethod.POST, "Place a hold", "POST /holds (loan)", "201"),
            new Alias("/me/holds/{id}", PathItem.HttpMethod.GET, "One of my holds", "GET /holds/{id} (loan)", "200"),
            new Alias("/me/holds/{id}", PathItem.HttpMethod.DELETE, "Cancel my hold", "DELETE /holds/{id} (loan)",
                    "200"),
            new Alias("/me/holds/{id}/suspension", PathItem.HttpMethod.PUT, "Suspend or resume my hold",
                    "PUT /holds/{id}/suspension (loan)", "200"),
            new Alias("/me/renewals", PathItem.HttpMethod.POST, "Renew my loan", "POST /circulation/renewals (loan)",
                    "200"),
            new Alias("/me/delivery-quotes", PathItem.HttpMethod.POST, "Quote a home delivery",
                    "POST /delivery-quotes (delivery)", "200"),
            new Alias("/me/delivery-orders", PathItem.HttpMethod.GET, "My delivery orders with tracking",
                    "GET /delivery-orders (delivery)", "200"),
            new Alias("/me/delivery-orders", PathItem.HttpMethod.POST, "Order books to my door or a locker",
                    "POST /delivery-orders (delivery)", "201"),
            new Alias("/me/delivery-orders/{id}", PathItem.HttpMethod.GET, "One of my delivery orders",
                    "GET /delivery-orders/{id} (delivery)", "200"),
            new Alias("/me/delivery-orders/{id}/cancellation", PathItem.HttpMethod.POST, "Cancel my delivery order",
                    "POST /delivery-orders/{id}/cancellation (delivery)", "200"),
            new Alias("/me/delivery-addresses", PathItem.HttpMethod.GET, "My delivery addresses",
                    "GET /delivery-addresses (delivery)", "200"),
            new Alias("/me/delivery-addresses", PathItem.HttpMethod.POST, "Save a delivery address",
                    "POST /delivery-addresses (delivery)", "201"),
            new Alias("/me/return-pickups", PathItem.HttpMethod.GET, "My return pickups",
                    "GET /return-pickups (delivery)", "200"),
            new Alias("/me/return-pickups", PathItem.HttpMethod.POST, "Have my books collected for return",
                    "POST /return-pickups (delivery)", "201"),
            new Alias("/me/shipments/{id}", PathItem.HttpMethod.GET, "Track one of my parcels",
                    "GET /shipments/{id} (delivery)", "200"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        super.filterOpenAPI(openAPI);
        for (Alias alias : ALIASES) {
            String path = "/api/v1" + alias.path();
            PathItem item = openAPI.getPaths().getPathItem(path);
            if (item == null) {
                item = OASFactory.createPathItem();
                openAPI.getPaths().addPathItem(path, item);
            }
            item.setOperation(alias.method(), operation(alias));
        }
    }

    private static Operation operation(Alias alias) {
        APIResponses responses = OASFactory.createAPIResponses()
                .addAPIResponse(alias.success(), OASFactory.createAPIResponse().description("As the service answers"))
                .addAPIResponse("401", problem("No valid token"))
                .addAPIResponse("403", problem("PATRON_TOKEN_REQUIRED: a reader's token is needed"))
                .addAPIResponse("404", problem("Not found, or not the reader's"))
                .addAPIResponse("429", problem("QUOTA_EXCEEDED"))
                .addAPIResponse("503", problem("UPSTREAM_UNAVAILABLE"));
        Operation operation = OASFactory.createOperation().summary(alias.summary())
                .description("For the signed-in reader: forwarded as " + alias.target() + ", which takes the reader "
                        + "from the token. Request and response are those of the service's operation.")
                .tags(List.of("Me")).responses(responses);
        if (alias.path().contains("{id}")) {
            operation.addParameter(OASFactory.createParameter().name("id").in(Parameter.In.PATH).required(true)
                    .schema(OASFactory.createSchema().type(List.of(
                            org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING)).format("uuid")));
        }
        return operation;
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem"))));
    }
}
