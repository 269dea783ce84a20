package org.tongjie.gateway.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.gateway.config.GatewayConfig;
import org.tongjie.platform.security.Caller;

import java.util.Set;

/** Signs short-lived RS256 access tokens with the gateway's private key. */
@ApplicationScoped
public class TokenIssuer {

    private final GatewayConfig config;

    TokenIssuer(GatewayConfig config) {
        this.config = config;
    }

    /** An issued token and how long it lives. */
    public record IssuedToken(String accessToken, long expiresInSeconds) {
    }

    public IssuedToken issue(String subject, Set<String> roles, String libraryCode) {
        return issue(subject, roles, libraryCode, null);
    }

    /** A token for a partner bookstore of a library (or, with a null bookstore, as above). */
    public IssuedToken issue(String subject, Set<String> roles, String libraryCode, String bookstoreCode) {
        JwtClaimsBuilder claims = Jwt.subject(subject).upn(subject).groups(roles)
                .expiresIn(config.tokenLifetime());
        if (libraryCode != null) {
            claims.claim(Caller.LIBRARY_CLAIM, libraryCode);
        }
        if (bookstoreCode != null) {
            claims.claim(Caller.BOOKSTORE_CLAIM, bookstoreCode);
        }
        return new IssuedToken(claims.sign(), config.tokenLifetime().toSeconds());
    }
}
