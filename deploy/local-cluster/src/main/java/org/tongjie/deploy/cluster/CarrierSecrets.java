package org.tongjie.deploy.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The webhook secrets of the couriers a local cluster accepts (sf, jd), generated at its first start and kept
 * in a file for later starts, so a courier simulator can sign its calls.
 */
record CarrierSecrets(Path file, Map<String, String> secrets) {

    static final List<String> CARRIERS = List.of("sf", "jd");

    /**
     * The X-Tongjie-Signature header a courier sends with an event: sha256= and the hex HMAC-SHA256, under the
     * carrier's secret, of the timestamp header, a dot and the body.
     */
    static String signature(String secret, String timestamp, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static CarrierSecrets loadOrGenerate(Path directory) throws IOException {
        Path file = directory.resolve("carrier-secrets.properties");
        Properties stored = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                stored.load(in);
            }
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        SecureRandom random = new SecureRandom();
        boolean generated = false;
        for (String carrier : CARRIERS) {
            String secret = stored.getProperty(carrier);
            if (secret == null) {
                byte[] bytes = new byte[24];
                random.nextBytes(bytes);
                secret = HexFormat.of().formatHex(bytes);
                stored.setProperty(carrier, secret);
                generated = true;
            }
            secrets.put(carrier, secret);
        }
        if (generated) {
            Files.createDirectories(directory);
            try (Writer out = Files.newBufferedWriter(file)) {
                stored.store(out, "Courier webhook secrets (HMAC-SHA256) of this local cluster");
            }
        }
        return new CarrierSecrets(file, secrets);
    }
}
