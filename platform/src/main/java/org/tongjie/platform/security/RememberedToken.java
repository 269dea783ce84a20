package org.tongjie.platform.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A verified token that answers each claim from memory after its first reading. The parser's own token looks
 * every claim name up among the standard claims first, by an enum lookup that throws for names outside it
 * ({@code library}, {@code bookstore}): a few exceptions per request, and a remembered token serves thousands of
 * requests. What a verified token says cannot change, so each answer is the one the token gave the first time.
 */
final class RememberedToken implements JsonWebToken {

    private final JsonWebToken token;
    private final ConcurrentHashMap<String, Optional<Object>> claims = new ConcurrentHashMap<>();

    RememberedToken(JsonWebToken token) {
        this.token = token;
    }

    @Override
    public String getName() {
        return token.getName();
    }

    @Override
    public Set<String> getClaimNames() {
        return token.getClaimNames();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims.computeIfAbsent(claimName, name -> Optional.ofNullable(token.getClaim(name))).orElse(null);
    }

    @Override
    public String toString() {
        return token.toString();
    }
}
