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

    /** A library's partner bookstore's client (你选书·我买单). */
    public static String bookstore(String bookstore, String library) {
        return Jwt.issuer(InfrastructureTestResource.ISSUER).subject("client@" + bookstore).upn("client@" + bookstore)
                .groups(Set.of("SYSTEM")).claim("library", library).claim("bookstore", bookstore)
                .expiresIn(Duration.ofMinutes(10)).sign();
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

    /** A token that expired ten minutes ago but is otherwise valid. */
    public static String expired(String subject, Set<String> roles) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(InfrastructureTestResource.ISSUER).subject(subject).upn(subject).groups(roles)
                .issuedAt(now - 1200).expiresAt(now - 600).sign();
    }

    /** A well-signed token from another issuer. */
    public static String ofIssuer(String issuer, String subject, Set<String> roles) {
        return Jwt.issuer(issuer).subject(subject).upn(subject).groups(roles).expiresIn(Duration.ofMinutes(10))
                .sign();
    }

    /** A token of the right issuer signed with a key nobody trusts. */
    public static String signedByAnotherKey(String subject, Set<String> roles) {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(InfrastructureTestResource.ISSUER).subject(subject).upn(subject).groups(roles)
                    .expiresIn(Duration.ofMinutes(10)).sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token whose claims were changed afterwards (the signature no longer matches). */
    public static String tampered(String token, String claim, String value) {
        String[] parts = token.split("\\.");
        var decoder = java.util.Base64.getUrlDecoder();
        var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        String payload = new String(decoder.decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        String changed = payload.replaceFirst("\"" + claim + "\":(\"[^\"]*\"|\\[[^\\]]*\\])",
                java.util.regex.Matcher.quoteReplacement("\"" + claim + "\":" + value));
        return parts[0] + "." + encoder.encodeToString(changed.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    /** An unsigned token ({@code alg: none}) claiming the given roles. */
    public static String unsigned(String subject, Set<String> roles) {
        var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        long exp = System.currentTimeMillis() / 1000 + 600;
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"" + InfrastructureTestResource.ISSUER + "\",\"sub\":\"" + subject
                + "\",\"upn\":\"" + subject + "\",\"groups\":[\"" + String.join("\",\"", roles) + "\"],\"exp\":"
                + exp + "}";
        return encoder.encodeToString(header.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".";
    }
}
