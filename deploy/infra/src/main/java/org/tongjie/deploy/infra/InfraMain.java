package org.tongjie.deploy.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs PostgreSQL and Kafka in this JVM until told to stop. Prints {@value #READY_PREFIX} and a JSON
 * description once both accept connections. With {@code --exit-on-stdin-eof} it takes commands on its
 * standard input and stops when that closes, so it dies with the parent process that started it (test JVMs).
 */
public final class InfraMain {

    public static final String READY_PREFIX = "TONGJIE-INFRA-READY ";
    public static final String DONE_PREFIX = "TONGJIE-INFRA-DONE ";

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
            obeyUntilEndOfInput(infrastructure);
            System.exit(0);
        }
        stop.await();
    }

    /** Reads commands ({@code kafka-stop}, {@code kafka-start}) until standard input ends. */
    private static void obeyUntilEndOfInput(Infrastructure infrastructure) {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                switch (line.trim()) {
                    case "kafka-stop" -> infrastructure.kafka().pause();
                    case "kafka-start" -> infrastructure.kafka().resume();
                    default -> {
                        System.out.println(DONE_PREFIX + "unknown " + line.trim());
                        continue;
                    }
                }
                System.out.println(DONE_PREFIX + line.trim());
                System.out.flush();
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone as well.
        }
    }
}
