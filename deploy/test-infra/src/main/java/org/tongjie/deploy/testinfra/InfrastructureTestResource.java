package org.tongjie.deploy.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a service under test at the shared PostgreSQL database named by the {@code database} argument,
 * the shared Kafka broker, and a freshly generated token-signing key pair.
 */
public class InfrastructureTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://tongjie.test/issuer";

    private String database = "postgres";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        InfrastructureProcess infrastructure = InfrastructureProcess.shared();
        TestKeys keys = TestKeys.shared();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", infrastructure.jdbcUrl(database));
        config.put("quarkus.datasource.username", infrastructure.username());
        config.put("quarkus.datasource.password", infrastructure.password());
        config.put("kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers());
        config.put("mp.jwt.verify.publickey.location", keys.publicKey().toUri().toString());
        config.put("mp.jwt.verify.issuer", ISSUER);
        config.put("smallrye.jwt.sign.key.location", keys.privateKey().toUri().toString());
        config.put("smallrye.jwt.new-token.issuer", ISSUER);
        return config;
    }

    @Override
    public void stop() {
        // The child process lives for the whole test JVM and stops with it.
    }
}
