package org.tongjie.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.tongjie.delivery.domain.DeliveryAddress;
import org.tongjie.delivery.domain.DeliveryPoint;
import org.tongjie.delivery.domain.DeliverySettings;
import org.tongjie.delivery.domain.Library;
import org.tongjie.platform.library.Ancestry;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Caller;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Libraries' delivery rules and readers' addresses, and the checks every order and return pickup passes: the
 * library delivers, the address is its reader's and inside the service area, the delivery point belongs to it.
 */
@ApplicationScoped
public class DeliveryRules {

    private static final int MAX_ADDRESSES = 20;

    private final EntityManager em;
    private final Caller caller;
    private final Clock clock;

    DeliveryRules(EntityManager em, Caller caller, Clock clock) {
        this.em = em;
        this.caller = caller;
        this.clock = clock;
    }

    @Transactional
    public DeliverySettings configure(String libraryCode, DeliverySettings.Rules rules) {
        library(libraryCode, "libraryCode");
        caller.requireActsFor(libraryCode);
        DeliverySettings settings = em.find(DeliverySettings.class, libraryCode);
        if (settings == null) {
            settings = DeliverySettings.of(libraryCode, rules, clock.instant());
            em.persist(settings);
        } else {
            settings.change(rules, clock.instant());
        }
        em.flush();
        return settings;
    }

    /** The rules that apply to orders served by a library: its own, else its nearest ancestor's. */
    public Optional<DeliverySettings> settingsFor(String libraryCode) {
        for (String code : ancestry(libraryCode)) {
            DeliverySettings settings = em.find(DeliverySettings.class, code);
            if (settings != null) {
                return Optional.of(settings);
            }
        }
        return Optional.empty();
    }

    /** The settings of a library that offers delivery, or a 422 naming the field. */
    public DeliverySettings requireDelivering(String libraryCode) {
        library(libraryCode, "libraryCode");
        return settingsFor(libraryCode).orElseThrow(() -> ProblemException.invalidField("DELIVERY_NOT_OFFERED",
                "libraryCode", "Library " + libraryCode + " does not deliver books"));
    }

    public Library library(String code, String field) {
        Library library = code == null ? null : em.find(Library.class, code);
        if (library == null) {
            throw ProblemException.invalidField("LIBRARY_UNKNOWN", field, "No library " + code);
        }
        return library;
    }

    /** The library and its ancestors, nearest first. */
    public List<String> ancestry(String libraryCode) {
        return Ancestry.of(libraryCode, code -> {
            Library node = em.find(Library.class, code);
            return node == null ? null : node.parentCode();
        });
    }

    /** The reader's own saved address, inside the library's service area. */
    public DeliveryAddress addressInArea(String cardNumber, UUID addressId, DeliverySettings settings) {
        DeliveryAddress address = em.find(DeliveryAddress.class, addressId);
        if (address == null || !address.belongsTo(cardNumber)) {
            throw ProblemException.invalidField("ADDRESS_UNKNOWN", "addressId", "You have no address " + addressId);
        }
        if (!settings.covers(address.regionCode())) {
            throw ProblemException.invalidField("OUTSIDE_SERVICE_AREA", "addressId", "Region " + address.regionCode()
                    + " is outside the service area of " + settings.libraryCode() + " (" + settings.rules().regions()
                    + ")");
        }
        return address;
    }

    /** Any service point of the network, or a 422 naming the field. */
    public DeliveryPoint servicePoint(String code, String field) {
        DeliveryPoint point = code == null ? null : em.find(DeliveryPoint.class, code);
        if (point == null) {
            throw ProblemException.invalidField("SERVICE_POINT_UNKNOWN", field, "No service point " + code);
        }
        return point;
    }

    /** A community delivery point or locker of the serving library or one of its branches. */
    public DeliveryPoint deliveryPointOf(String libraryCode, String code) {
        DeliveryPoint point = em.find(DeliveryPoint.class, code);
        if (point == null || !point.acceptsDeliveries()) {
            throw ProblemException.invalidField("DELIVERY_POINT_UNKNOWN", "deliveryPointCode",
                    code + " is not a place that accepts deliveries");
        }
        if (!ancestry(point.libraryCode()).contains(libraryCode)) {
            throw ProblemException.invalidField("OUTSIDE_SERVICE_AREA", "deliveryPointCode",
                    code + " does not belong to " + libraryCode + " or its branches");
        }
        return point;
    }

    @Transactional
    public DeliveryAddress saveAddress(String cardNumber, String recipient, String phone, String regionCode,
            String line) {
        if (addressesOf(cardNumber).size() >= MAX_ADDRESSES) {
            throw new ProblemException(422, "ADDRESS_LIMIT_REACHED", "Too many addresses",
                    "At most " + MAX_ADDRESSES + " saved addresses", List.of());
        }
        DeliveryAddress address = DeliveryAddress.of(cardNumber, recipient, phone, regionCode, line, clock.instant());
        em.persist(address);
        return address;
    }

    public List<DeliveryAddress> addressesOf(String cardNumber) {
        return em.createQuery("from DeliveryAddress where cardNumber = ?1 and removed = false order by createdAt, id",
                DeliveryAddress.class).setParameter(1, cardNumber).setMaxResults(MAX_ADDRESSES).getResultList();
    }

    @Transactional
    public void removeAddress(String cardNumber, UUID id) {
        DeliveryAddress address = em.find(DeliveryAddress.class, id);
        if (address == null || !address.belongsTo(cardNumber)) {
            throw ProblemException.notFound("ADDRESS_UNKNOWN", "You have no address " + id);
        }
        address.remove();
    }

    /** The titles of the records, in order (one query); a 422 naming the first unknown one. */
    public List<String> titles(List<UUID> recordIds) {
        java.util.Map<UUID, String> known = new java.util.HashMap<>();
        em.createQuery("from CatalogRecord where id in ?1", org.tongjie.delivery.domain.CatalogRecord.class)
                .setParameter(1, recordIds).getResultList().forEach(r -> known.put(r.id(), r.title()));
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < recordIds.size(); i++) {
            String title = known.get(recordIds.get(i));
            if (title == null) {
                throw ProblemException.invalidField("RECORD_NOT_FOUND", "recordIds[" + i + "]",
                        "No record " + recordIds.get(i) + " in the union catalog");
            }
            titles.add(title);
        }
        return titles;
    }
}
