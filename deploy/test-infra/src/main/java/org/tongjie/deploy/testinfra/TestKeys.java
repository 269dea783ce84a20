package org.tongjie.deploy.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** An RSA key pair made once per test JVM, written as PEM files for token signing and verification. */
public final class TestKeys {

    private static TestKeys shared;

    private final Path publicKey;
    private final Path privateKey;

    private TestKeys(Path publicKey, Path privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    public static synchronized TestKeys shared() {
        if (shared == null) {
            shared = generate();
        }
        return shared;
    }

    private static TestKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path directory = Files.createTempDirectory("tongjie-test-keys");
            directory.toFile().deleteOnExit();
            Path publicKey = write(directory.resolve("public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
            Path privateKey = write(directory.resolve("private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
            return new TestKeys(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        file.toFile().deleteOnExit();
        return file;
    }

    public Path publicKey() {
        return publicKey;
    }

    public Path privateKey() {
        return privateKey;
    }
}
