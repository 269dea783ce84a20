package org.tongjie.deploy.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs PostgreSQL and Kafka in this JVM until told to stop. Prints {@value #READY_PREFIX} and a JSON
 * description once both accept connections. With {@code --exit-on-stdin-eof} it also stops when its
 * standard input closes, so it dies with the parent process that started it (test JVMs).
 */
public final class InfraMain {

    public static final String READY_PREFIX = "TONGJIE-INFRA-READY ";

    private InfraMain() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "tongjie-infra");
        List<String> databases = List.of("catalog", "loan", "delivery", "gateway");
        int postgresPort = 0;
        int kafkaPort = 0;
        boolean durable = false;
        boolean exitOnStdinEof = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--base-dir" -> base = Path.of(args[++i]);
                case "--databases" -> databases = Arrays.asList(args[++i].split(","));
                case "--postgres-port" -> postgresPort = Integer.parseInt(args[++i]);
                case "--kafka-port" -> kafkaPort = Integer.parseInt(args[++i]);
                case "--durable" -> durable = true;
                case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        Infrastructure infrastructure = Infrastructure.start(
                new Infrastructure.Options(base, databases, postgresPort, kafkaPort, durable));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            infrastructure.close();
            stop.countDown();
        }, "infra-shutdown"));
        System.out.println(READY_PREFIX + infrastructure.describe());
        System.out.flush();
        if (exitOnStdinEof) {
            waitForEndOfInput(System.in);
            System.exit(0);
        }
        stop.await();
    }

    private static void waitForEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Input is ignored; only its end matters.
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone as well.
        }
    }
}
