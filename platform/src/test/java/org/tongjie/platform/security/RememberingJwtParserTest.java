package org.tongjie.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RememberingJwtParserTest {

    private static final String ISSUER = "https://tongjie.local/issuer";
    private static final KeyPair KEYS = keys();

    /** The real parser, counting the tokens it is asked to verify. */
    private static final class CountingParser extends DefaultJWTParser {
        final AtomicInteger parsed = new AtomicInteger();

        CountingParser() {
            super(context());
        }

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            parsed.incrementAndGet();
            return super.parse(token);
        }
    }

    private static final class SettableClock extends Clock {
        Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final CountingParser verifier = new CountingParser();
    private final SettableClock clock = new SettableClock();
    private final RememberingJwtParser parser = new RememberingJwtParser(verifier, clock);

    @Test
    void shouldVerifyATokenOnceAndAnswerItsRepeatsFromMemory() throws Exception {
        String token = token("librarian.njl", Instant.now().plusSeconds(600));

        JsonWebToken first = parser.parse(token);
        JsonWebToken again = parser.parse(token);

        assertEquals("librarian.njl", first.getSubject());
        assertSame(first, again);
        assertEquals(1, verifier.parsed.get());
        assertEquals("reader.1", parser.parse(token("reader.1", Instant.now().plusSeconds(600))).getSubject());
        assertEquals(2, verifier.parsed.get());
    }

    @Test
    void shouldAnswerEveryClaimAsTheVerifiedTokenDoes() throws Exception {
        String token = token("librarian.njl", Instant.now().plusSeconds(600));
        JsonWebToken plain = verifier.parse(token);
        JsonWebToken remembered = parser.parse(token);

        for (int reading = 0; reading < 2; reading++) {
            assertEquals(plain.getSubject(), remembered.getSubject());
            assertEquals(plain.getName(), remembered.getName());
            assertEquals(plain.getGroups(), remembered.getGroups());
            assertEquals(plain.getExpirationTime(), remembered.getExpirationTime());
            assertEquals(plain.getIssuer(), remembered.getIssuer());
            assertEquals(plain.getRawToken(), remembered.getRawToken());
            assertEquals("NJL", remembered.<String>getClaim(Caller.LIBRARY_CLAIM));
            assertEquals(plain.<String>getClaim(Caller.LIBRARY_CLAIM), remembered.<String>getClaim(Caller.LIBRARY_CLAIM));
            assertNull(remembered.getClaim(Caller.BOOKSTORE_CLAIM));
            assertEquals(plain.getClaimNames(), remembered.getClaimNames());
        }
    }

    @Test
    void shouldRefuseATamperedOrForeignTokenEveryTimeAndRememberNothing() throws Exception {
        String token = token("librarian.njl", Instant.now().plusSeconds(600));
        String[] parts = token.split("\\.");
        String otherClaims = token("admin", Instant.now().plusSeconds(600)).split("\\.")[1];
        String tampered = parts[0] + "." + otherClaims + "." + parts[2];

        assertThrows(ParseException.class, () -> parser.parse(tampered));
        assertThrows(ParseException.class, () -> parser.parse(tampered));
        assertThrows(ParseException.class, () -> parser.parse("not.a.token"));
        assertEquals(3, verifier.parsed.get());
    }

    @Test
    void shouldVerifyAgainOnceTheTokenExpiresAndRefuseAnExpiredOne() throws Exception {
        String token = token("librarian.njl", Instant.now().plusSeconds(60));
        parser.parse(token);
        parser.parse(token);
        assertEquals(1, verifier.parsed.get());

        clock.now = clock.now.plusSeconds(61);
        parser.parse(token);
        assertEquals(2, verifier.parsed.get(), "a remembered token past its expiry is handed to the verifier");

        String expired = token("librarian.njl", Instant.now().minusSeconds(5));
        assertThrows(ParseException.class, () -> parser.parse(expired));
        assertThrows(ParseException.class, () -> parser.parse(expired));
        assertEquals(4, verifier.parsed.get());
    }

    private static JWTAuthContextInfo context() {
        JWTAuthContextInfo context = new JWTAuthContextInfo(KEYS.getPublic(), ISSUER);
        context.setClockSkew(0);
        return context;
    }

    private static String token(String subject, Instant expiry) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setClaim("groups", List.of(Roles.LIBRARIAN));
        claims.setClaim(Caller.LIBRARY_CLAIM, "NJL");
        claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(expiry.getEpochSecond() - 900));
        claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(expiry.getEpochSecond()));
        claims.setJwtId(Base64.getUrlEncoder().encodeToString(subject.getBytes()) + expiry.getEpochSecond());
        JsonWebSignature signature = new JsonWebSignature();
        signature.setPayload(claims.toJson());
        signature.setKey(KEYS.getPrivate());
        signature.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        signature.setHeader("typ", "JWT");
        return signature.getCompactSerialization();
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
