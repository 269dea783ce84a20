package org.tongjie.deploy.cluster;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The files for running beyond one machine, checked offline: the compose file by docker-compose itself
 * (its schema and interpolation), the Kubernetes manifests against the Kubernetes API schemas and the house
 * rules (deploy/k8s/validate). Each check also proves it can fail, on a broken copy. The tools come from
 * Debian (docker-compose) and npm (deploy/k8s/validate); .ci/run installs them, elsewhere these tests are
 * skipped when the tools are missing.
 */
class DeploymentFilesTest {

    private static final Path REPOSITORY = SharedCluster.repository();

    @Test
    void shouldHaveAValidComposeFileThatACorruptedCopyFails() throws Exception {
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed (apt-get install docker-compose)");
        Path compose = REPOSITORY.resolve("deploy/compose/docker-compose.yml");
        Path env = REPOSITORY.resolve("deploy/compose/.env.example");
        Result valid = run(List.of("docker-compose", "--env-file", env.toString(), "-f", compose.toString(),
                "config", "-q"));
        assertEquals(0, valid.exit(), valid.output());

        Path broken = Files.createTempFile(compose.getParent(), "broken-", ".yml");
        try {
            Files.writeString(broken, Files.readString(compose).replaceFirst("start_period:", "start_perod:"));
            Result refused = run(List.of("docker-compose", "--env-file", env.toString(), "-f", broken.toString(),
                    "config", "-q"));
            assertNotEquals(0, refused.exit(), "a misspelt key is refused");
        } finally {
            Files.deleteIfExists(broken);
        }
    }

    @Test
    void shouldHaveKubernetesManifestsThatPassTheSchemasAndHouseRulesWhereABrokenCopyFails() throws Exception {
        Path validator = REPOSITORY.resolve("deploy/k8s/validate");
        assumeTrue(onPath("node") && Files.isDirectory(validator.resolve("node_modules")),
                "node and the validator's packages are needed (npm ci --prefix deploy/k8s/validate)");
        Result valid = run(List.of("node", validator.resolve("validate.mjs").toString(),
                REPOSITORY.resolve("deploy/k8s/base").toString()));
        assertEquals(0, valid.exit(), valid.output());

        Path broken = Files.createTempDirectory("k8s-broken");
        try (var files = Files.list(REPOSITORY.resolve("deploy/k8s/base"))) {
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                if (file.getFileName().toString().equals("loan.yaml")) {
                    text = text.replaceFirst("replicas: 2", "replicas: two").replaceFirst("readinessProbe:",
                            "readinesProbe:");
                }
                Files.writeString(broken.resolve(file.getFileName()), text);
            }
            Result refused = run(List.of("node", validator.resolve("validate.mjs").toString(), broken.toString()));
            assertNotEquals(0, refused.exit());
            org.junit.jupiter.api.Assertions.assertTrue(refused.output().contains("replicas must be integer"),
                    refused.output());
            org.junit.jupiter.api.Assertions.assertTrue(refused.output().contains("no readinessProbe"),
                    refused.output());
        } finally {
            try (var files = Files.list(broken)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(broken);
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(REPOSITORY.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), output);
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
