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
