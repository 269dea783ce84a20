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

import java.time.Clock;
import java.util.Optional;

/** Staff accounts and machine clients: creation by administrators, and credential checks for tokens. */
@ApplicationScoped
public class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class);
    /** Verified against when an account does not exist, so timing does not reveal which names exist. */
    private static final String DECOY_HASH = SecretHashing.hash(SecretHashing.newSecret());

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
    public MachineClient createClient(String clientId, String secret, String displayName, String libraryCode) {
        caller.requireActsFor(libraryCode);
        if (em.find(MachineClient.class, clientId) != null) {
            throw ProblemException.conflict("CLIENT_ID_TAKEN", "Client " + clientId + " already exists");
        }
        MachineClient client = MachineClient.create(clientId, secret, displayName, libraryCode, clock.instant());
        em.persist(client);
        return client;
    }

    public Optional<StaffAccount> staffWithPassword(String username, String password) {
        StaffAccount account = em.find(StaffAccount.class, username);
        if (account == null) {
            SecretHashing.matches(password, DECOY_HASH);
            return Optional.empty();
        }
        return account.acceptsPassword(password) ? Optional.of(account) : Optional.empty();
    }

    public Optional<MachineClient> clientWithSecret(String clientId, String secret) {
        MachineClient client = em.find(MachineClient.class, clientId);
        if (client == null) {
            SecretHashing.matches(secret, DECOY_HASH);
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
