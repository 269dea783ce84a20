package org.tongjie.platform.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretHashingTest {

    @Test
    void shouldMatchAGeneratedSecretWithItsDigestAndNothingElse() {
        String secret = SecretHashing.newSecret();
        String digest = SecretHashing.digest(secret);

        assertTrue(digest.matches("sha256:[0-9a-f]{64}"), digest);
        assertEquals(digest, SecretHashing.digest(secret));
        assertTrue(SecretHashing.matches(secret, digest));
        assertFalse(SecretHashing.matches(secret + "x", digest));
        assertFalse(SecretHashing.matches(SecretHashing.newSecret(), digest));
        assertNotEquals(digest, SecretHashing.digest(SecretHashing.newSecret()));
    }

    @Test
    void shouldStillMatchSecretsHashedWithBcryptAndRefuseMalformedHashes() {
        String pin = "123456";
        String hash = SecretHashing.hash(pin);

        assertTrue(hash.startsWith("$2"), hash);
        assertTrue(SecretHashing.matches(pin, hash));
        assertFalse(SecretHashing.matches("654321", hash));
        assertFalse(SecretHashing.matches(pin, "sha256:not-hex"));
        assertFalse(SecretHashing.matches(pin, "sha256:"));
        assertFalse(SecretHashing.matches(pin, "not a hash"));
    }
}
