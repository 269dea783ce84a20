package org.tongjie.platform.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * bcrypt hashing of passwords and PINs, a fast digest of the secrets the network generates itself (machine
 * clients'), and generation of strong secrets.
 */
public final class SecretHashing {

    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int COST = 10;
    private static final String DIGEST_PREFIX = "sha256:";

    private SecretHashing() {
    }

    public static String hash(String secret) {
        return BcryptUtil.bcryptHash(secret, COST);
    }

    /**
     * A fast digest ({@code sha256:<hex>}) for secrets this network generates itself ({@link #newSecret}: 256
     * random bits), which no guessing can reach: bcrypt's deliberate slowness protects chosen passwords and PINs,
     * and would cost a machine client's every token request about 80 ms of CPU for nothing.
     */
    public static String digest(String generatedSecret) {
        return DIGEST_PREFIX + HexFormat.of().formatHex(sha256(generatedSecret));
    }

    /** Whether {@code secret} is the one hashed: a {@link #digest} or a bcrypt {@link #hash}. */
    public static boolean matches(String secret, String storedHash) {
        if (storedHash.startsWith(DIGEST_PREFIX)) {
            byte[] stored;
            try {
                stored = HexFormat.of().parseHex(storedHash, DIGEST_PREFIX.length(), storedHash.length());
            } catch (IllegalArgumentException e) {
                return false;
            }
            return MessageDigest.isEqual(stored, sha256(secret));
        }
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            Password stored = factory.translate(ModularCrypt.decode(storedHash));
            return factory.verify(stored, secret.toCharArray());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A random secret of 32 bytes, URL-safe. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
