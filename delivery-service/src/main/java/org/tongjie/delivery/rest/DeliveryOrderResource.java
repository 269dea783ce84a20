package org.tongjie.delivery.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.delivery.domain.DeliveryOrder;
import org.tongjie.delivery.rest.dto.DeliveryDtos;
import org.tongjie.delivery.rest.dto.OrderResponse;
import org.tongjie.delivery.service.DeliveryOrders;
import org.tongjie.platform.idempotency.Idempotent;
import org.tongjie.platform.rest.ApiConventionsFilter;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.security.Roles;

import java.net.URI;
import java.util.UUID;

@Path("/")
@Tag(name = "Delivery orders", description = "网借: readers order books delivered home or to a community locker")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeliveryOrderResource {

    private final DeliveryOrders orders;

    DeliveryOrderResource(DeliveryOrders orders) {
        this.orders = orders;
    }

    @POST
    @Path("delivery-quotes")
    @RolesAllowed(Roles.PATRON)
    @Operation(summary = "Quote the delivery fee", description = "Checks the order as it would be placed (records, "
            + "service area, order size) and prices it from the library's fee rules. Nothing is reserved.")
    @APIResponse(responseCode = "200", description = "The quote")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid reader token")
    @APIResponse(responseCode = "403", description = "Not a reader")
    @APIResponse(responseCode = "422", description = "TOO_MANY_RECORDS, DUPLICATE_RECORD, RECORD_NOT_FOUND, "
            + "OUTSIDE_SERVICE_AREA, ADDRESS_UNKNOWN, DELIVERY_POINT_UNKNOWN, DESTINATION_REQUIRED, "
            + "DELIVERY_NOT_OFFERED, LIBRARY_UNKNOWN")
    public DeliveryDtos.Quote quote(@NotNull @Valid DeliveryDtos.OrderRequest request) {
        DeliveryOrders.Quote q = orders.quote(toRequest(request));
        return new DeliveryDtos.Quote(q.libraryCode(), q.recordIds(), q.titles(), q.destination(), q.feeFen(),
                q.maxRecordsPerOrder());
    }

    @POST
    @Path("delivery-orders")
    @Idempotent
    @Parameter(ref = ApiConventionsFilter.IDEMPOTENCY_KEY)
    @RolesAllowed(Roles.PATRON)
    @Operation(summary = "Place a delivery order", description = "Accepted as REQUESTED; circulation then promises "
            + "the nearest available copy of each record within the library's branches (within the reader's loan "
            + "limit) and the order becomes CONFIRMED with one shipment per source library, or UNFILLED. Records "
            + "without a copy are dropped with a reason and the fee is recomputed; poll the order to see it.")
    @APIResponse(responseCode = "201", description = "Placed (REQUESTED)")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid reader token")
    @APIResponse(responseCode = "403", description = "Not a reader")
    @APIResponse(responseCode = "422", description = "TOO_MANY_RECORDS, DUPLICATE_RECORD, RECORD_NOT_FOUND, "
            + "OUTSIDE_SERVICE_AREA, ADDRESS_UNKNOWN, DELIVERY_POINT_UNKNOWN, DESTINATION_REQUIRED, "
            + "DELIVERY_NOT_OFFERED, LIBRARY_UNKNOWN, IDEMPOTENCY_KEY_REUSED")
    public Response place(@NotNull @Valid DeliveryDtos.OrderRequest request) {
        DeliveryOrder order = orders.place(toRequest(request));
        return Response.created(URI.create("/delivery-orders/" + order.id())).entity(view(order)).build();
    }

    @GET
    @Path("delivery-orders")
    @RolesAllowed({Roles.PATRON, Roles.LIBRARIAN, Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "List delivery orders", description = "A reader sees their own; staff name their library. "
            + "Each order comes with its lines and its shipments' tracking status.")
    @APIResponse(responseCode = "200", description = "A page of orders, newest first")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "422", description = "LIBRARY_REQUIRED")
    public Page<OrderResponse> list(@QueryParam("library") String library,
            @QueryParam("status") DeliveryOrder.Status status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10000) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        Page<DeliveryOrder> found = orders.list(library, status, page, size);
        var ids = found.items().stream().map(DeliveryOrder::id).toList();
        var lines = orders.linesOf(ids);
        var shipments = orders.shipmentsOf(ids);
        return found.map(o -> OrderResponse.from(o, lines.getOrDefault(o.id(), java.util.List.of()),
                shipments.getOrDefault(o.id(), java.util.List.of())));
    }

    @GET
    @Path("delivery-orders/{id}")
    @RolesAllowed({Roles.PATRON, Roles.LIBRARIAN, Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Get a delivery order with its lines and shipments")
    @APIResponse(responseCode = "200", description = "The order")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "ORDER_NOT_FOUND (also for another reader's order)")
    public OrderResponse get(@PathParam("id") UUID id) {
        return view(orders.visible(id));
    }

    @POST
    @Path("delivery-orders/{id}/cancellation")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.PATRON, Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Cancel a delivery order", description = "Only before any of its books is handed to a "
            + "courier; every copy promised to it goes back on the shelf or to the next reader. Cancelling twice is "
            + "harmless.")
    @APIResponse(responseCode = "200", description = "Cancelled")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "ORDER_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "ORDER_NOT_CANCELLABLE")
    public OrderResponse cancel(@PathParam("id") UUID id) {
        return view(orders.cancel(id));
    }

    private OrderResponse view(DeliveryOrder order) {
        return OrderResponse.from(order, orders.lines(order.id()), orders.shipmentsOf(order.id()));
    }

    private static DeliveryOrders.Request toRequest(DeliveryDtos.OrderRequest r) {
        return new DeliveryOrders.Request(r.libraryCode(), r.recordIds(), r.addressId(), r.deliveryPointCode());
    }
}
