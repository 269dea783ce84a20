package org.tongjie.deploy.cluster;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A launcher killed without a chance to clean up ({@code kill -9}, a crashed test JVM) takes Kafka with it and leaves
 * its services and its PostgreSQL orphaned: each service must notice and stop by itself, and the run's PostgreSQL be
 * stopped and its directory deleted, so that nothing of a finished run holds ports, memory, CPU or disk.
 */
class KilledLauncherIT {

    @Test
    void shouldStopEveryServiceAndPostgresqlWhenTheLauncherIsKilled() throws Exception {
        Path repository = SharedCluster.repository();
        Path module = repository.resolve("deploy/local-cluster/target");
        Path work = module.resolve("it-killed");
        String classpath = String.join(java.io.File.pathSeparator, module.resolve("test-classes").toString(),
                module.resolve("classes").toString(), Files.readString(module.resolve("launcher.classpath")).trim());
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath, KilledLauncher.class.getName(),
                repository.toString(), work.toString()).redirectErrorStream(true).start();
        List<Long> services = List.of();
        try {
            services = servicePids(launcher);
            assertEquals(4, services.size(), "the four services started");

            launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (services.stream().anyMatch(Processes::alive) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            for (long pid : services) {
                assertFalse(Processes.alive(pid), "service " + pid + " stopped after its launcher was killed");
            }
            while (Processes.mentioning(work).findAny().isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertEquals(List.of(), Processes.mentioning(work).map(p -> p.info().commandLine().orElse("?")).toList(),
                    "the run's PostgreSQL and its guard stopped after the launcher was killed");
            try (var runs = Files.list(work.resolve("infra"))) {
                assertEquals(List.of(), runs.filter(p -> p.getFileName().toString().startsWith("run-")).toList(),
                        "the run's directory was deleted");
            }
        } finally {
            launcher.destroyForcibly();
            // A failed run must not leave its services or its PostgreSQL to the tests after it.
            services.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            Processes.mentioning(work).forEach(ProcessHandle::destroy);
        }
    }

    /** Reads the launcher's output up to the line with the service JVMs' process ids. */
    private static List<Long> servicePids(Process launcher) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<List<Long>> pids = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("services ")) {
                        return Arrays.stream(line.substring("services ".length()).split(" ")).map(Long::valueOf)
                                .toList();
                    }
                }
                return List.of();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<Long> found = pids.get(180, TimeUnit.SECONDS);
        // Keep draining the output so that the launcher never blocks on a full pipe.
        CompletableFuture.runAsync(() -> out.lines().forEach(line -> { }));
        return found;
    }
}
