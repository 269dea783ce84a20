package org.tongjie.platform.events;

/** Kafka topic names, one per producing aggregate family (documented in deploy/asyncapi.yaml). */
public final class Topics {

    public static final String CATALOG_LIBRARIES = "catalog.libraries";
    public static final String CATALOG_RECORDS = "catalog.records";
    public static final String CATALOG_COPIES = "catalog.copies";
    public static final String CIRCULATION_COPIES = "circulation.copies";
    public static final String CIRCULATION_LOANS = "circulation.loans";
    public static final String CIRCULATION_HOLDS = "circulation.holds";
    public static final String CIRCULATION_PURCHASES = "circulation.purchases";
    public static final String DELIVERY_ORDERS = "delivery.orders";
    public static final String DELIVERY_SHIPMENTS = "delivery.shipments";
    public static final String DELIVERY_RETURNS = "delivery.returns";
    public static final String DELIVERY_TRANSFERS = "delivery.transfers";

    private Topics() {
    }
}
