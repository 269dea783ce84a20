package org.tongjie.platform.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/** bcrypt hashing of passwords, PINs and client secrets, and generation of strong secrets. */
public final class SecretHashing {

    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int COST = 10;

    private SecretHashing() {
    }

    public static String hash(String secret) {
        return BcryptUtil.bcryptHash(secret, COST);
    }

    public static boolean matches(String secret, String storedHash) {
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            Password stored = factory.translate(ModularCrypt.decode(storedHash));
            return factory.verify(stored, secret.toCharArray());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A random secret of 32 bytes, URL-safe. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
