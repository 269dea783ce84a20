package org.tongjie.loan.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.tongjie.platform.security.SecretHashing;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A reader with a library card; PIN kept as a bcrypt hash, resident ID only as digest and mask. */
@Entity
@Table(name = "patron")
public class Patron {

    static final int PIN_ATTEMPTS = 5;
    static final Duration LOCK_OUT = Duration.ofMinutes(15);

    @Id
    private UUID id;
    @Column(name = "card_number")
    private String cardNumber;
    private String name;
    @Enumerated(EnumType.STRING)
    @Column(name = "patron_type")
    private PatronType patronType;
    @Column(name = "home_library")
    private String homeLibrary;
    @Column(name = "pin_hash")
    private String pinHash;
    @Column(name = "resident_id_hash")
    private String residentIdHash;
    @Column(name = "resident_id_masked")
    private String residentIdMasked;
    private String phone;
    @jakarta.persistence.Column(name = "registered_by")
    private String registeredBy;
    @Column(name = "failed_pin_attempts")
    private int failedPinAttempts;
    @Column(name = "locked_until")
    private Instant lockedUntil;
    @Column(name = "fine_balance_fen")
    private long fineBalanceFen;
    @Column(name = "created_at")
    private Instant createdAt;
    @Version
    private long version;

    protected Patron() {
    }

    public static Patron register(String cardNumber, String name, PatronType type, String homeLibrary, String pin,
            String residentId, String phone, Instant now) {
        Patron patron = new Patron();
        patron.id = UUID.randomUUID();
        patron.cardNumber = cardNumber;
        patron.name = name;
        patron.patronType = type;
        patron.homeLibrary = homeLibrary;
        patron.pinHash = SecretHashing.hash(pin);
        if (residentId != null) {
            patron.residentIdHash = ResidentId.digest(residentId);
            patron.residentIdMasked = ResidentId.mask(residentId);
        }
        patron.phone = phone;
        patron.createdAt = now;
        patron.registeredBy = "STAFF";
        return patron;
    }

    /** A reader who signed up in the app; their type follows from their age. */
    public static Patron selfRegistered(String cardNumber, String name, PatronType type, String homeLibrary,
            String pin, String residentId, String phone, Instant now) {
        Patron patron = register(cardNumber, name, type, homeLibrary, pin, residentId, phone, now);
        patron.registeredBy = "SELF";
        return patron;
    }

    /** STAFF (registered at a desk) or SELF (signed up in the app). */
    public String registeredBy() {
        return registeredBy;
    }

    /** Outcome of a PIN check. */
    public enum PinCheck { ACCEPTED, REFUSED, LOCKED }

    /** Checks the PIN; five wrong PINs in a row lock the card for fifteen minutes. */
    public PinCheck checkPin(String pin, Instant now) {
        if (isLocked(now)) {
            return PinCheck.LOCKED;
        }
        if (SecretHashing.matches(pin, pinHash)) {
            failedPinAttempts = 0;
            lockedUntil = null;
            return PinCheck.ACCEPTED;
        }
        failedPinAttempts++;
        if (failedPinAttempts >= PIN_ATTEMPTS) {
            lockedUntil = now.plus(LOCK_OUT);
            failedPinAttempts = 0;
            return PinCheck.LOCKED;
        }
        return PinCheck.REFUSED;
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** Blocked from borrowing while the unpaid fines reach the policy's threshold. */
    public boolean isBlockedBy(LoanPolicy policy) {
        return fineBalanceFen >= policy.blockAtFineFen() && policy.blockAtFineFen() > 0;
    }

    public void charge(long fen) {
        fineBalanceFen += fen;
    }

    /** Records a payment; returns what was actually credited (never more than is owed). */
    public long pay(long fen) {
        long credited = Math.min(fen, fineBalanceFen);
        fineBalanceFen -= credited;
        return credited;
    }

    public UUID id() {
        return id;
    }

    public String cardNumber() {
        return cardNumber;
    }

    public String name() {
        return name;
    }

    public PatronType patronType() {
        return patronType;
    }

    public String homeLibrary() {
        return homeLibrary;
    }

    public String residentIdMasked() {
        return residentIdMasked;
    }

    public String phone() {
        return phone;
    }

    public long fineBalanceFen() {
        return fineBalanceFen;
    }
}
