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

    public boolean acceptsPassword(String password) {
        return enabled && SecretHashing.matches(password, passwordHash);
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
