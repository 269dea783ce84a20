package org.tongjie.delivery.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.delivery.domain.DeliveryAddress;
import org.tongjie.delivery.domain.DeliverySettings;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of delivery settings, addresses and quotes. */
public final class DeliveryDtos {

    private DeliveryDtos() {
    }

    /** A library's home-delivery rules. Money in fen (¥1 = 100 fen). */
    @Schema(name = "DeliverySettings")
    public record Settings(
            @NotEmpty @Size(max = 200) @Schema(description = "Region code prefixes (GB/T 2260) of the service area",
                    example = "[\"3201\"]")
            List<@NotBlank @Pattern(regexp = "[0-9]{2,6}") String> regions,
            @NotNull @Min(1) @Max(20) @Schema(example = "5") Integer maxRecordsPerOrder,
            @NotNull @Min(0) @Max(100000) @Schema(example = "300") Integer baseFeeFen,
            @NotNull @Min(1) @Max(20) @Schema(example = "3") Integer baseItems,
            @NotNull @Min(0) @Max(100000) @Schema(example = "100") Integer extraItemFeeFen,
            @Min(1) @Max(20) @Schema(description = "Orders of at least this many books are free") Integer freeFromItems,
            @Schema(description = "Delivery to community points and lockers is free") boolean freeToDeliveryPoints,
            @NotNull @Min(1) @Max(30) @Schema(example = "3") Integer lockerPickupDays) {

        public DeliverySettings.Rules rules() {
            return new DeliverySettings.Rules(regions, maxRecordsPerOrder, baseFeeFen, baseItems, extraItemFeeFen,
                    freeFromItems, freeToDeliveryPoints, lockerPickupDays);
        }

        public static Settings from(DeliverySettings settings) {
            DeliverySettings.Rules r = settings.rules();
            return new Settings(r.regions(), r.maxRecordsPerOrder(), r.baseFeeFen(), r.baseItems(),
                    r.extraItemFeeFen(), r.freeFromItems(), r.freeToDeliveryPoints(), r.lockerPickupDays());
        }
    }

    /** An address to save. */
    @Schema(name = "DeliveryAddressRequest")
    public record AddressRequest(
            @NotBlank @Size(max = 50) @Schema(example = "李明") String recipient,
            @NotBlank @Pattern(regexp = "\\+?[0-9 -]{6,20}") @Schema(example = "13800000000") String phone,
            @NotBlank @Pattern(regexp = "[0-9]{6}") @Schema(description = "6-digit administrative region code",
                    example = "320114") String regionCode,
            @NotBlank @Size(max = 200) @Schema(example = "雨花台区软件大道 101 号 3 栋 502") String line) {
    }

    @Schema(name = "DeliveryAddress")
    public record Address(UUID id, String recipient, String phone, String regionCode, String line,
            Instant createdAt) {

        public static Address from(DeliveryAddress a) {
            return new Address(a.id(), a.recipient(), a.phone(), a.regionCode(), a.line(), a.createdAt());
        }
    }

    /** Records to deliver, from a serving library, to a saved address or to a delivery point. */
    @Schema(name = "DeliveryOrderRequest")
    public record OrderRequest(
            @NotBlank @Size(max = 32) @Schema(description = "The library whose delivery service is used",
                    example = "NJL") String libraryCode,
            @NotEmpty @Size(max = 20) List<@NotNull UUID> recordIds,
            @Schema(description = "A saved address (or give deliveryPointCode)") UUID addressId,
            @Size(max = 32) @Schema(description = "A community delivery point or locker", example = "YHT-LOCKER-1")
            String deliveryPointCode) {
    }

    @Schema(name = "DeliveryQuote")
    public record Quote(String libraryCode, List<UUID> recordIds, List<String> titles, String destination,
            @Schema(description = "Fee in fen for all the records asked for", example = "300") int feeFen,
            int maxRecordsPerOrder) {
    }

    /** Scanned barcodes. */
    @Schema(name = "ScanRequest")
    public record Scan(@NotEmpty @Size(max = 200) List<@NotBlank @Size(max = 64) String> barcodes) {
    }

    /** A carrier and its tracking number. */
    @Schema(name = "CourierBooking")
    public record Courier(@NotBlank @Size(max = 32) @Schema(example = "sf") String carrier,
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9-]+") @Schema(example = "SF1234567890")
            String trackingNumber) {
    }

    /** A reader collecting a parcel from a locker. */
    @Schema(name = "LockerCollection")
    public record Collection(@NotBlank @Size(max = 32) String deliveryPointCode,
            @NotBlank @Pattern(regexp = "[0-9]{6}") String pickupCode) {
    }

    /** A return pickup to schedule. */
    @Schema(name = "ReturnPickupRequest")
    public record PickupRequest(@NotBlank @Size(max = 32) @Schema(example = "NJL") String libraryCode,
            @NotNull UUID addressId, @NotNull LocalDate pickupDate,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 64) String> barcodes) {
    }

    /** Where scanned copies are. */
    @Schema(name = "DispatchRequest")
    public record Dispatch(@NotBlank @Size(max = 32) String servicePointCode,
            @NotEmpty @Size(max = 200) List<@NotBlank @Size(max = 64) String> barcodes) {
    }

    /** A receiving scan. */
    @Schema(name = "ReceiptRequest")
    public record Receipt(@NotBlank @Size(max = 32) String servicePointCode,
            @NotBlank @Size(max = 64) String barcode) {
    }

    /** The desk where a courier delivered returned books. */
    @Schema(name = "ReturnReceiptRequest")
    public record PickupReceipt(@NotBlank @Size(max = 32) String servicePointCode) {
    }

}
