package org.tongjie.loan.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;
import org.tongjie.loan.domain.Patron;
import org.tongjie.loan.domain.PatronType;
import org.tongjie.loan.domain.ResidentId;
import org.tongjie.loan.repository.PatronRepository;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Caller;

import java.time.Clock;
import java.util.List;

/** Registering readers, checking their PINs, and taking fine payments. */
@ApplicationScoped
public class Patrons {

    private final PatronRepository patrons;
    private final Caller caller;
    private final ReaderScope readers;
    private final Clock clock;
    private final CirculationIndicators indicators;

    Patrons(PatronRepository patrons, Caller caller, ReaderScope readers, Clock clock,
            CirculationIndicators indicators) {
        this.indicators = indicators;
        this.patrons = patrons;
        this.readers = readers;
        this.caller = caller;
        this.clock = clock;
    }

    /** A reader to register. */
    public record NewPatron(String cardNumber, String name, PatronType type, String homeLibrary, String pin,
            String residentId, String phone) {
    }

    @Transactional
    public Patron register(NewPatron request) {
        caller.requireActsFor(request.homeLibrary());
        if (request.residentId() != null && !ResidentId.isValid(request.residentId())) {
            throw ProblemException.invalidField("INVALID_RESIDENT_ID", "residentId",
                    "Not a valid resident identity card number (check character wrong)");
        }
        if (patrons.findByCard(request.cardNumber()).isPresent()) {
            throw ProblemException.conflict("CARD_NUMBER_TAKEN", "Card " + request.cardNumber() + " is in use");
        }
        if (request.residentId() != null && patrons.residentIdTaken(ResidentId.digest(request.residentId()))) {
            throw ProblemException.conflict("RESIDENT_ID_REGISTERED", "This resident already has a card");
        }
        Patron patron = Patron.register(request.cardNumber(), request.name(), request.type(), request.homeLibrary(),
                request.pin(), request.residentId(), request.phone(), clock.instant());
        try {
            patrons.persistAndFlush(patron);
        } catch (ConstraintViolationException e) {
            throw ProblemException.conflict("CARD_NUMBER_TAKEN", "Card or resident already registered");
        }
        indicators.registered(patron, clock.instant());
        return patron;
    }

    /** A reader signing up in the app: no card yet, so one is made. */
    public record SelfRegistration(String name, String homeLibrary, String pin, String residentId, String phone) {
    }

    /** Below this age a reader is a child; from {@link #SENIOR_AGE} a senior. */
    static final int CHILD_UNDER = 14;
    static final int SENIOR_AGE = 60;

    /**
     * Registers a reader who signs up without a desk (电子读者证). The resident ID is required — it is checked,
     * its birth date sets the reader's type (CHILD under 14, SENIOR from 60, else ADULT) and one resident
     * gets one card — and the home library must be one of the network's. The card number is assigned.
     */
    @Transactional
    public Patron selfRegister(SelfRegistration request) {
        if (!ResidentId.isValid(request.residentId())) {
            throw ProblemException.invalidField("INVALID_RESIDENT_ID", "residentId",
                    "Not a valid resident identity card number (check character wrong)");
        }
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        java.time.LocalDate born = ResidentId.birthDate(request.residentId()).filter(date -> !date.isAfter(today))
                .orElseThrow(() -> ProblemException.invalidField("INVALID_RESIDENT_ID", "residentId",
                        "The birth date in the resident ID is not a real date"));
        if (patrons.getEntityManager().find(org.tongjie.loan.domain.LibraryNode.class, request.homeLibrary())
                == null) {
            throw ProblemException.invalidField("LIBRARY_UNKNOWN", "homeLibrary",
                    "No library " + request.homeLibrary() + " in the network");
        }
        if (patrons.residentIdTaken(ResidentId.digest(request.residentId()))) {
            throw ProblemException.conflict("RESIDENT_ID_REGISTERED", "This resident already has a card; "
                    + "ask at a desk if it is lost");
        }
        int age = java.time.Period.between(born, today).getYears();
        PatronType type = age < CHILD_UNDER ? PatronType.CHILD : age >= SENIOR_AGE ? PatronType.SENIOR
                : PatronType.ADULT;
        long number = ((Number) patrons.getEntityManager()
                .createNativeQuery("SELECT nextval('self_registered_card_seq')").getSingleResult()).longValue();
        Patron patron = Patron.selfRegistered(String.format("E%011d", number), request.name(), type,
                request.homeLibrary(), request.pin(), request.residentId(), request.phone(), clock.instant());
        try {
            patrons.persistAndFlush(patron);
        } catch (ConstraintViolationException e) {
            throw ProblemException.conflict("RESIDENT_ID_REGISTERED", "This resident already has a card");
        }
        indicators.registered(patron, clock.instant());
        return patron;
    }

    /** A patron as the caller may see them: staff see anyone, a patron only themselves (others: 404). */
    public Patron visible(String cardNumber) {
        Patron patron = patrons.findByCard(cardNumber).orElseThrow(() -> notFound(cardNumber));
        if (readers.hidesCard(cardNumber)) {
            throw notFound(cardNumber);
        }
        return patron;
    }

    /**
     * Checks card and PIN for the gateway. The failure count is committed even when the check fails, so
     * five wrong PINs lock the card whatever the caller does next.
     */
    public Patron verifyPin(String cardNumber, String pin) {
        Patron.PinCheck result = QuarkusTransaction.requiringNew().call(() -> patrons.lockByCard(cardNumber)
                .map(p -> p.checkPin(pin, clock.instant())).orElse(Patron.PinCheck.REFUSED));
        return switch (result) {
            case ACCEPTED -> patrons.findByCard(cardNumber).orElseThrow();
            case LOCKED -> throw new ProblemException(423, "CARD_LOCKED", "Card locked",
                    "Too many wrong PINs; try again in 15 minutes or ask at a desk", List.of());
            case REFUSED -> throw new ProblemException(401, "INVALID_CREDENTIALS", "Sign-in refused",
                    "Wrong card number or PIN", List.of());
        };
    }

    /** Records a fine payment taken at a desk; returns the patron with the new balance. */
    @Transactional
    public Patron pay(String cardNumber, long fen) {
        Patron patron = patrons.lockByCard(cardNumber).orElseThrow(() -> notFound(cardNumber));
        indicators.finePaid(patron, clock.instant(), patron.pay(fen));
        return patron;
    }

    private static ProblemException notFound(String cardNumber) {
        return ProblemException.notFound("PATRON_NOT_FOUND", "No patron with card " + cardNumber);
    }
}
