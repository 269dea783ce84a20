package org.tongjie.deploy.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Run directories under a base directory, each owned by one live process. A run whose owner died
 * (for instance by {@code kill -9}) may leave its postmaster behind; reaping stops it and frees the disk.
 */
final class StaleRuns {

    private static final String OWNER_FILE = "owner.pid";

    private StaleRuns() {
    }

    static Path claim(Path baseDirectory) throws IOException {
        long pid = ProcessHandle.current().pid();
        Path run = baseDirectory.resolve("run-" + pid + "-" + System.currentTimeMillis());
        Files.createDirectories(run);
        Files.writeString(run.resolve(OWNER_FILE), Long.toString(pid), StandardCharsets.UTF_8);
        return run;
    }

    static void reap(Path baseDirectory) throws IOException {
        List<Path> runs;
        try (Stream<Path> children = Files.list(baseDirectory)) {
            runs = children.filter(p -> p.getFileName().toString().startsWith("run-")).toList();
        }
        for (Path run : runs) {
            if (readPid(run.resolve(OWNER_FILE)).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            stopOrphanedPostmaster(run.resolve("pg"));
            delete(run);
        }
    }

    private static void stopOrphanedPostmaster(Path dataDirectory) {
        readPid(dataDirectory.resolve("postmaster.pid")).flatMap(ProcessHandle::of).ifPresent(postmaster -> {
            String command = postmaster.info().command().orElse("");
            if (!command.contains("postgres")) {
                return;
            }
            postmaster.destroy();
            try {
                postmaster.onExit().get(java.util.concurrent.TimeUnit.SECONDS.toMillis(10),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                postmaster.destroyForcibly();
            }
        });
    }

    private static Optional<Long> readPid(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + directory + ": " + e);
        }
    }
}
