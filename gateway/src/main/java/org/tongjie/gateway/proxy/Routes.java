package org.tongjie.gateway.proxy;

import java.util.Map;
import java.util.Optional;

/** Which service owns each top-level resource under {@code /api/v1}. */
public final class Routes {

    public static final String API_PREFIX = "/api/v1";

    private static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("libraries", "catalog"),
            Map.entry("records", "catalog"),
            Map.entry("copies", "catalog"),
            Map.entry("search", "catalog"),
            Map.entry("collections", "catalog"),
            Map.entry("holdings-sync", "catalog"),
            Map.entry("circulation", "loan"),
            Map.entry("patrons", "loan"),
            Map.entry("patron-registrations", "loan"),
            Map.entry("loans", "loan"),
            Map.entry("holds", "loan"),
            Map.entry("loan-policies", "loan"),
            Map.entry("closed-days", "loan"),
            Map.entry("floating-collections", "loan"),
            Map.entry("fines", "loan"),
            Map.entry("bookstores", "loan"),
            Map.entry("purchase-rules", "loan"),
            Map.entry("expiring-holds", "loan"),
            Map.entry("blocked-patrons", "loan"),
            Map.entry("delivery-orders", "delivery"),
            Map.entry("shipments", "delivery"),
            Map.entry("transfers", "delivery"),
            Map.entry("carriers", "delivery"),
            Map.entry("return-pickups", "delivery"),
            Map.entry("delivery-settings", "delivery"),
            Map.entry("delivery-addresses", "delivery"),
            Map.entry("delivery-quotes", "delivery"),
            Map.entry("locker-collections", "delivery"),
            Map.entry("pick-lists", "delivery"),
            Map.entry("transfer-dispatches", "delivery"),
            Map.entry("transfer-receipts", "delivery"),
            Map.entry("stuck-deliveries", "delivery"),
            Map.entry("delivery-points", "delivery"));

    private static final java.util.Set<String> BULK = java.util.Set.of("holdings-sync");

    private Routes() {
    }

    /** Whether a path below the API prefix is a bulk request that may take minutes. */
    public static boolean isBulk(String pathBelowPrefix) {
        return BULK.contains(segment(pathBelowPrefix));
    }

    /** The service owning a path below the API prefix, e.g. {@code /libraries/JLL} → catalog. */
    public static Optional<String> ownerOf(String pathBelowPrefix) {
        return Optional.ofNullable(OWNER.get(segment(pathBelowPrefix)));
    }

    /** Where a reader's {@code /me/...} request goes: the owning service and the path there. */
    public record Target(String service, String path) {
    }

    /**
     * The service request behind a signed-in reader's {@code /me/...} request (path below {@code /me}), e.g.
     * {@code GET /me/loans} → loan-service {@code /patrons/{card}/loans}, {@code POST /me/holds} → {@code /holds}.
     * The services take the reader from the token and refuse anything not theirs.
     */
    public static Optional<Target> ofReader(String method, String pathBelowMe, String cardNumber) {
        String card = java.net.URLEncoder.encode(cardNumber, java.nio.charset.StandardCharsets.UTF_8);
        String first = segment(pathBelowMe);
        String rest = pathBelowMe.substring(Math.min(pathBelowMe.length(), first.length() + 1));
        boolean whole = rest.isEmpty();
        return Optional.ofNullable(switch (first) {
            case "loans" -> whole ? new Target("loan", "/patrons/" + card + "/loans") : null;
            case "holds" -> whole && "GET".equals(method) ? new Target("loan", "/patrons/" + card + "/holds")
                    : new Target("loan", "/holds" + rest);
            case "renewals" -> whole ? new Target("loan", "/circulation/renewals") : null;
            case "delivery-orders", "delivery-addresses", "delivery-quotes", "return-pickups", "shipments" ->
                    new Target("delivery", "/" + first + rest);
            default -> null;
        });
    }

    private static String segment(String pathBelowPrefix) {
        String trimmed = pathBelowPrefix.startsWith("/") ? pathBelowPrefix.substring(1) : pathBelowPrefix;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }
}
