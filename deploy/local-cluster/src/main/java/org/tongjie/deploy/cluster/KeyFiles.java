package org.tongjie.deploy.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** The token-signing key pair of a local cluster, generated at its first start and kept for later starts. */
record KeyFiles(Path publicKey, Path privateKey) {

    static KeyFiles loadOrGenerate(Path directory) throws IOException {
        KeyFiles keys = new KeyFiles(directory.resolve("jwt-public.pem"), directory.resolve("jwt-private.pem"));
        if (Files.isRegularFile(keys.publicKey()) && Files.isRegularFile(keys.privateKey())) {
            return keys;
        }
        Files.createDirectories(directory);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            write(keys.privateKey(), "PRIVATE KEY", pair.getPrivate().getEncoded());
            write(keys.publicKey(), "PUBLIC KEY", pair.getPublic().getEncoded());
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not generate the token-signing key pair", e);
        }
    }

    private static void write(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system; the file stays with default permissions.
        }
    }
}
