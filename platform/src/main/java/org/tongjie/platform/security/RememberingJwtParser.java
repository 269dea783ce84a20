package org.tongjie.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;

/**
 * The token parser of the gateway and of every service: it remembers the access tokens it has verified until
 * they expire. A desk or a district system sends the same token with every request for as long as it lives, and
 * checking its RS256 signature and reading its claims each time took a quarter of the gateway's CPU and a tenth
 * of loan-service's under circulation load.
 * <p>
 * What a verified token says cannot change before it expires (access tokens are never revoked; refresh tokens
 * are, and they are not parsed here), so a remembered token is answered exactly as the parser would answer it.
 * From its expiry on it is parsed again, which refuses it once the allowed clock skew has passed too. Only tokens
 * that verified are remembered; at most {@value #CAPACITY}, each for at most {@link #IDLE} after its last use.
 * Their claims are read once too ({@link RememberedToken}).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RememberingJwtParser implements JWTParser {

    static final int CAPACITY = 4096;
    static final Duration IDLE = Duration.ofMinutes(10);

    private final DefaultJWTParser parser;
    private final Clock clock;
    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder().maximumSize(CAPACITY)
            .expireAfterAccess(IDLE).build();

    @Inject
    public RememberingJwtParser(DefaultJWTParser parser) {
        this(parser, Clock.systemUTC());
    }

    RememberingJwtParser(DefaultJWTParser parser, Clock clock) {
        this.parser = parser;
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && clock.instant().getEpochSecond() < known.getExpirationTime()) {
            return known;
        }
        JsonWebToken parsed = new RememberedToken(parser.parse(token));
        if (parsed.getExpirationTime() > 0) {
            verified.put(token, parsed);
        }
        return parsed;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
