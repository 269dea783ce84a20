package org.tongjie.deploy.testinfra;

import io.smallrye.jwt.build.Jwt;

import java.time.Duration;
import java.util.Set;

/**
 * Real RS256 access tokens for service tests, signed with the key {@link InfrastructureTestResource}
 * configured, in the shape the gateway issues them.
 */
public final class Tokens {

    private Tokens() {
    }

    /** A network-wide administrator (no library scope). */
    public static String networkAdmin() {
        return sign("admin@network", Set.of("ADMIN"), null);
    }

    public static String admin(String library) {
        return sign("admin@" + library, Set.of("ADMIN"), library);
    }

    public static String librarian(String library) {
        return sign("librarian@" + library, Set.of("LIBRARIAN"), library);
    }

    /** A district library system's machine client. */
    public static String system(String library) {
        return sign("client@" + library, Set.of("SYSTEM"), library);
    }

    public static String patron(String cardNumber) {
        return sign(cardNumber, Set.of("PATRON"), null);
    }

    public static String operator() {
        return sign("operator", Set.of("OPERATOR"), null);
    }

    public static String sign(String subject, Set<String> roles, String library) {
        var builder = Jwt.issuer(InfrastructureTestResource.ISSUER).subject(subject).upn(subject).groups(roles)
                .expiresIn(Duration.ofMinutes(10));
        if (library != null) {
            builder.claim("library", library);
        }
        return builder.sign();
    }
}
