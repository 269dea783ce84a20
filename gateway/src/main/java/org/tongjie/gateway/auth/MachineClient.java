package org.tongjie.gateway.auth;

import org.tongjie.platform.security.SecretHashing;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A district library system calling with client credentials, acting for one library. */
@Entity
@Table(name = "machine_client")
public class MachineClient {

    @Id
    @Column(name = "client_id")
    private String clientId;
    @Column(name = "secret_hash")
    private String secretHash;
    @Column(name = "display_name")
    private String displayName;
    @Column(name = "library_code")
    private String libraryCode;
    @Column(name = "bookstore_code")
    private String bookstoreCode;
    private boolean enabled;
    @Column(name = "secret_rotated_at")
    private Instant secretRotatedAt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Version
    private long version;

    protected MachineClient() {
    }

    public static MachineClient create(String clientId, String secret, String displayName, String libraryCode,
            String bookstoreCode, Instant now) {
        MachineClient client = new MachineClient();
        client.clientId = clientId;
        client.secretHash = SecretHashing.digest(secret);
        client.displayName = displayName;
        client.libraryCode = libraryCode;
        client.bookstoreCode = bookstoreCode;
        client.enabled = true;
        client.createdAt = now;
        return client;
    }

    public boolean acceptsSecret(String secret) {
        return enabled && SecretHashing.matches(secret, secretHash);
    }

    /** Replaces the secret; the old one stops working at once. */
    public void rotateSecret(String secret, Instant now) {
        secretHash = SecretHashing.digest(secret);
        secretRotatedAt = now;
    }

    public Instant secretRotatedAt() {
        return secretRotatedAt;
    }

    public String clientId() {
        return clientId;
    }

    public String displayName() {
        return displayName;
    }

    public String libraryCode() {
        return libraryCode;
    }

    /** The partner bookstore this client is, or null for a library system. */
    public String bookstoreCode() {
        return bookstoreCode;
    }
}
