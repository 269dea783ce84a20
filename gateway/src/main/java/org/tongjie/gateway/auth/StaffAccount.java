package org.tongjie.gateway.auth;

import org.tongjie.platform.security.SecretHashing;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A librarian, administrator or operator who signs in with a password. */
@Entity
@Table(name = "staff_account")
public class StaffAccount {

    @Id
    private String username;
    @Column(name = "password_hash")
    private String passwordHash;
    @Column(name = "display_name")
    private String displayName;
    private String role;
    @Column(name = "library_code")
    private String libraryCode;
    private boolean enabled;
    @Column(name = "failed_attempts")
    private int failedAttempts;
    @Column(name = "locked_until")
    private Instant lockedUntil;
    @Column(name = "created_at")
    private Instant createdAt;
    @Version
    private long version;

    protected StaffAccount() {
    }

    public static StaffAccount create(String username, String password, String displayName, String role,
            String libraryCode, Instant now) {
        StaffAccount account = new StaffAccount();
        account.username = username;
        account.passwordHash = SecretHashing.hash(password);
        account.displayName = displayName;
        account.role = role;
        account.libraryCode = libraryCode;
        account.enabled = true;
        account.createdAt = now;
        return account;
    }

    /** The outcome of a sign-in attempt. */
    public enum SignIn {
        ACCEPTED, REFUSED, LOCKED
    }

    /**
     * Checks a password. {@code maxAttempts} wrong ones in a row lock the account until {@code now + lockFor};
     * while locked, not even the right password is accepted (and it is not checked).
     */
    public SignIn signIn(String password, Instant now, int maxAttempts, java.time.Duration lockFor) {
        if (isLocked(now)) {
            return SignIn.LOCKED;
        }
        if (enabled && SecretHashing.matches(password, passwordHash)) {
            failedAttempts = 0;
            lockedUntil = null;
            return SignIn.ACCEPTED;
        }
        failedAttempts++;
        if (failedAttempts >= maxAttempts) {
            failedAttempts = 0;
            lockedUntil = now.plus(lockFor);
            return SignIn.LOCKED;
        }
        return SignIn.REFUSED;
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public boolean enabled() {
        return enabled;
    }

    /** An administrator sets a new password; the lock is lifted. */
    public void resetPassword(String password) {
        passwordHash = SecretHashing.hash(password);
        failedAttempts = 0;
        lockedUntil = null;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public String role() {
        return role;
    }

    public String libraryCode() {
        return libraryCode;
    }
}
