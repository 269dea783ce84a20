package org.tongjie.gateway.auth;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.tongjie.gateway.config.GatewayConfig;
import org.tongjie.platform.time.Timestamps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens: random, stored only as a SHA-256 hash, good once. Each use yields a new token of the same
 * family; presenting a used token again means it was copied, and the whole family is revoked. Signing out,
 * a password change or a secret rotation revokes a subject's tokens.
 */
@ApplicationScoped
public class RefreshTokens {

    /** Whose token it is. */
    public enum Kind {
        STAFF, PATRON
    }

    /** A redeemed token: who it was for, and its replacement. */
    public record Redeemed(String subject, Kind kind, String replacement, long expiresInSeconds) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final Clock clock;
    private final GatewayConfig config;

    RefreshTokens(EntityManager em, Clock clock, GatewayConfig config) {
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    /** A new token starting a new family (a sign-in). */
    @Transactional
    public String issue(String subject, Kind kind) {
        return insert(subject, kind, UUID.randomUUID());
    }

    public long lifetimeSeconds(Kind kind) {
        return lifetime(kind).toSeconds();
    }

    /**
     * Exchanges a token for a new one. Empty when the token is unknown, expired, revoked or already used —
     * in the last case its family is revoked too, in a transaction of its own that stands whatever happens next.
     */
    public Optional<Redeemed> redeem(String token) {
        String hash = hash(token);
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT family_id, subject, kind, expires_at, used_at,"
                    + " revoked_at FROM refresh_token WHERE token_hash = ?1 FOR UPDATE").setParameter(1, hash)
                    .getResultList();
            if (rows.isEmpty()) {
                return Optional.<Redeemed>empty();
            }
            Object[] row = rows.get(0);
            UUID family = (UUID) row[0];
            Instant now = clock.instant();
            if (row[5] != null || Timestamps.toInstant(row[3]).isBefore(now)) {
                return Optional.<Redeemed>empty();
            }
            if (row[4] != null) {
                revokeFamily(family, now);
                return Optional.<Redeemed>empty();
            }
            em.createNativeQuery("UPDATE refresh_token SET used_at = ?2 WHERE token_hash = ?1").setParameter(1, hash)
                    .setParameter(2, now).executeUpdate();
            Kind kind = Kind.valueOf((String) row[2]);
            String subject = (String) row[1];
            return Optional.of(new Redeemed(subject, kind, insert(subject, kind, family), lifetimeSeconds(kind)));
        });
    }

    /** Revokes the family of a token (sign-out); unknown tokens are ignored, as RFC 7009 asks. */
    @Transactional
    public void revoke(String token) {
        @SuppressWarnings("unchecked")
        List<UUID> families = em.createNativeQuery("SELECT family_id FROM refresh_token WHERE token_hash = ?1")
                .setParameter(1, hash(token)).getResultList();
        families.forEach(family -> revokeFamily(family, clock.instant()));
    }

    /** Revokes every live token of a subject (password changed, secret rotated, account disabled). */
    @Transactional
    public int revokeAll(String subject, Kind kind) {
        return em.createNativeQuery("UPDATE refresh_token SET revoked_at = ?3 WHERE subject = ?1 AND kind = ?2"
                + " AND revoked_at IS NULL").setParameter(1, subject).setParameter(2, kind.name())
                .setParameter(3, clock.instant()).executeUpdate();
    }

    /** Expired tokens are of no use to anyone; a day after expiry they are deleted. */
    @Scheduled(every = "1h", delayed = "5m",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void purgeExpired() {
        em.createNativeQuery("DELETE FROM refresh_token WHERE expires_at < ?1")
                .setParameter(1, clock.instant().minus(Duration.ofDays(1))).executeUpdate();
    }

    private void revokeFamily(UUID family, Instant now) {
        em.createNativeQuery("UPDATE refresh_token SET revoked_at = ?2 WHERE family_id = ?1 AND revoked_at IS NULL")
                .setParameter(1, family).setParameter(2, now).executeUpdate();
    }

    private String insert(String subject, Kind kind, UUID family) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        em.createNativeQuery("INSERT INTO refresh_token (token_hash, family_id, subject, kind, issued_at, expires_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)").setParameter(1, hash(token)).setParameter(2, family)
                .setParameter(3, subject).setParameter(4, kind.name()).setParameter(5, now)
                .setParameter(6, now.plus(lifetime(kind))).executeUpdate();
        return token;
    }

    private Duration lifetime(Kind kind) {
        return kind == Kind.STAFF ? config.staffRefreshLifetime() : config.patronRefreshLifetime();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
