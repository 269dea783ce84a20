package org.tongjie.deploy.cluster;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's tour, run as a newcomer would paste it — the commands are read from the README itself — against
 * the shared cluster; each step must give the answer the README promises.
 */
class TourIT extends OnSharedCluster {

    @Test
    void shouldGiveEveryAnswerTheReadmeTourPromises() throws Exception {
        Path repository = SharedCluster.repository();
        List<String> blocks = tourBlocks(Files.readString(repository.resolve("README.md")));
        assertEquals(11, blocks.size(), "the helpers and ten steps");

        StringBuilder script = new StringBuilder("set -euo pipefail\n");
        for (int i = 0; i < blocks.size(); i++) {
            script.append("echo; echo '@@STEP ").append(i).append("'\n").append(blocks.get(i)).append('\n');
        }
        String gateway = cluster.started().gatewayUrl();
        String keys = repository.relativize(cluster.started().publicKey().getParent()).toString();
        String runnable = script.toString().replace("http://localhost:8080", gateway)
                .replace("deploy/local-cluster/target/local/keys", keys);

        Process bash = new ProcessBuilder("bash", "-c", runnable).directory(repository.toFile())
                .redirectErrorStream(true).start();
        if (!bash.waitFor(120, TimeUnit.SECONDS)) {
            bash.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(!bash.isAlive(), "the tour finished within two minutes:\n" + output);
        assertEquals(0, bash.exitValue(), output);

        String[] steps = output.split("@@STEP \\d+");
        expect(steps[2], "\"libraryCode\":\"JHL\"", "\"available\":");
        expect(steps[3], "OPEN_IN_TRANSIT");
        expect(steps[4], "JLL0000001001", "JLL-24H", "红楼梦");
        expect(steps[5], "HOLD_SHELF_HERE", "\"holdFor\":\"3201000000002\"");
        expect(steps[6], "\"dueAt\"", "JLL-24H");
        expect(steps[7], "TRANSIT_HOME", "JLL-MAIN", "\"status\":\"CLOSED\"");
        expect(steps[8], "\"status\":\"REQUESTED\"", "\"feeFen\":300");
        assertTrue(steps[9].trim().matches("[0-9a-f-]{36}"), steps[9]);
        expect(steps[10], "HANDED_TO_COURIER");
        expect(steps[11], "\"applied\":true", "\"title\":\"围城\"", "\"status\":\"COMPLETED\"",
                "\"status\":\"DELIVERED\"", "\"complete\":true");
    }

    private static void expect(String step, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(step.contains(fragment), "expected " + fragment + " in:\n" + step);
        }
    }

    /** The bash blocks of the README section "A tour in ten requests", in order. */
    private static List<String> tourBlocks(String readme) {
        int start = readme.indexOf("### A tour in ten requests");
        int end = readme.indexOf("\n## ", start);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher block = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String> blocks = new ArrayList<>();
        while (block.find()) {
            blocks.add(block.group(1).replaceAll("(?m)^ {3,4}", ""));
        }
        return blocks;
    }
}
