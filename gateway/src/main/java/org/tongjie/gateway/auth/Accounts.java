package org.tongjie.gateway.auth;

import org.tongjie.platform.security.SecretHashing;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.tongjie.gateway.config.GatewayConfig;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Staff accounts and machine clients: creation by administrators, and credential checks for tokens. */
@ApplicationScoped
public class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class);
    /** Verified against when an account does not exist, so timing does not reveal which names exist. */
    private static final String DECOY_HASH = SecretHashing.hash(SecretHashing.newSecret());
    /** Compared with an unknown client's secret, so that an unknown client id answers as fast as a known one. */
    private static final String DECOY_DIGEST = SecretHashing.digest(SecretHashing.newSecret());

    private final EntityManager em;
    private final Clock clock;
    private final GatewayConfig config;
    private final Caller caller;

    Accounts(EntityManager em, Clock clock, GatewayConfig config, Caller caller) {
        this.em = em;
        this.clock = clock;
        this.config = config;
        this.caller = caller;
    }

    @Transactional
    void createBootstrapAdmin(@Observes StartupEvent event) {
        config.bootstrapAdmin().ifPresent(admin -> {
            if (em.find(StaffAccount.class, admin.username()) == null) {
                em.persist(StaffAccount.create(admin.username(), admin.password(), "Network administrator",
                        Roles.ADMIN, null, clock.instant()));
                LOG.infof("Created network administrator %s", admin.username());
            }
        });
    }

    /** A staff account, created by a network administrator or by an administrator of the same library. */
    @Transactional
    public StaffAccount createStaff(String username, String password, String displayName, String role,
            String libraryCode) {
        if (Roles.OPERATOR.equals(role) || libraryCode == null) {
            requireNetworkAdmin();
        } else {
            caller.requireActsFor(libraryCode);
        }
        if (em.find(StaffAccount.class, username) != null) {
            throw ProblemException.conflict("USERNAME_TAKEN", "Account " + username + " already exists");
        }
        StaffAccount account = StaffAccount.create(username, password, displayName, role, libraryCode,
                clock.instant());
        em.persist(account);
        return account;
    }

    /** A machine client with a new random secret, returned once to the caller. */
    @Transactional
    public MachineClient createClient(String clientId, String secret, String displayName, String libraryCode,
            String bookstoreCode) {
        caller.requireActsFor(libraryCode);
        if (em.find(MachineClient.class, clientId) != null) {
            throw ProblemException.conflict("CLIENT_ID_TAKEN", "Client " + clientId + " already exists");
        }
        if (bookstoreCode != null && em.createQuery("select count(c) from MachineClient c where c.bookstoreCode = ?1",
                Long.class).setParameter(1, bookstoreCode).getSingleResult() > 0) {
            throw ProblemException.conflict("BOOKSTORE_HAS_CLIENT", "Bookstore " + bookstoreCode
                    + " already has a client; rotate its secret instead");
        }
        MachineClient client = MachineClient.create(clientId, secret, displayName, libraryCode, bookstoreCode,
                clock.instant());
        em.persist(client);
        return client;
    }

    /**
     * Signs a staff member in. Wrong passwords are counted in a transaction of their own, so the count stands
     * even though the caller is refused; too many lock the account (400 ACCOUNT_LOCKED says so, and until when).
     */
    public StaffAccount signIn(String username, String password) {
        Instant now = clock.instant();
        record Attempt(StaffAccount account, StaffAccount.SignIn outcome) {
        }
        Attempt attempt = QuarkusTransaction.requiringNew().call(() -> {
            StaffAccount account = em.find(StaffAccount.class, username, LockModeType.PESSIMISTIC_WRITE);
            if (account == null) {
                SecretHashing.matches(password, DECOY_HASH);
                return new Attempt(null, StaffAccount.SignIn.REFUSED);
            }
            return new Attempt(account, account.signIn(password, now, config.staffLockoutAttempts(),
                    config.staffLockoutDuration()));
        });
        return switch (attempt.outcome()) {
            case ACCEPTED -> attempt.account();
            case LOCKED -> throw new ProblemException(400, "ACCOUNT_LOCKED", "Account locked",
                    "Too many wrong passwords: the account is locked for "
                            + config.staffLockoutDuration().toMinutes() + " minutes, or until an administrator "
                            + "sets a new password", List.of());
            case REFUSED -> throw new ProblemException(400, "INVALID_GRANT", "Sign-in refused",
                    "Wrong username or password", List.of());
        };
    }

    /** A staff account that may still get tokens (enabled, not locked), for a refresh. */
    public Optional<StaffAccount> activeStaff(String username) {
        StaffAccount account = em.find(StaffAccount.class, username);
        return account != null && account.enabled() && !account.isLocked(clock.instant()) ? Optional.of(account)
                : Optional.empty();
    }

    /** An administrator of the account's library (or of the network) sets a new password. */
    @Transactional
    public StaffAccount resetPassword(String username, String password) {
        StaffAccount account = em.find(StaffAccount.class, username, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw ProblemException.notFound("ACCOUNT_NOT_FOUND", "No staff account " + username);
        }
        if (account.libraryCode() == null) {
            requireNetworkAdmin();
        } else {
            caller.requireActsFor(account.libraryCode());
        }
        account.resetPassword(password);
        return account;
    }

    /** A new secret for a machine client, returned once; the old secret stops working at once. */
    @Transactional
    public MachineClient rotateSecret(String clientId, String secret) {
        MachineClient client = em.find(MachineClient.class, clientId, LockModeType.PESSIMISTIC_WRITE);
        if (client == null) {
            throw ProblemException.notFound("CLIENT_NOT_FOUND", "No client " + clientId);
        }
        caller.requireActsFor(client.libraryCode());
        client.rotateSecret(secret, clock.instant());
        return client;
    }

    public Optional<MachineClient> clientWithSecret(String clientId, String secret) {
        MachineClient client = em.find(MachineClient.class, clientId);
        if (client == null) {
            SecretHashing.matches(secret, DECOY_DIGEST);
            return Optional.empty();
        }
        return client.acceptsSecret(secret) ? Optional.of(client) : Optional.empty();
    }

    private void requireNetworkAdmin() {
        if (!caller.hasRole(Roles.ADMIN) || caller.library().isPresent()) {
            throw ProblemException.forbidden("NETWORK_ADMIN_REQUIRED",
                    "Only a network administrator can create operators and network-wide accounts");
        }
    }
}
