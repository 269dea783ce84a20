package org.tongjie.deploy.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The targets of BENCHMARKS.md, each judged met or not against the run's own figures. */
final class Targets {

    private Targets() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> evaluate(Map<String, Object> report) {
        List<Map<String, Object>> targets = new ArrayList<>();
        List<Map<String, Object>> scenarios = ((List<Map<String, Object>>) report.get("scenarios")).stream()
                .filter(s -> !s.containsKey("skipped")).toList();
        Map<String, Object> sustained = scenarios.stream().filter(s -> s.get("name").toString().endsWith("-sustained"))
                .findFirst().orElse(null);
        if (sustained != null) {
            double rate = ((Map<String, Double>) sustained.get("streams")).values().iterator().next() * 2;
            double achieved = 0;
            double succeeded = 0;
            double errors = 0;
            OpenLoad.Shortfall left = ((Map<String, OpenLoad.Shortfall>) sustained.get("left_out")).values()
                    .iterator().next();
            for (String op : List.of("check-out", "check-in")) {
                Map<String, Object> s = series(sustained, op);
                achieved += (double) s.get("throughput_per_s");
                succeeded += (double) s.get("throughput_per_s") * (1 - (double) s.get("error_rate"));
                errors = Math.max(errors, (double) s.get("error_rate"));
            }
            Map<String, Map<String, Object>> outbox = (Map<String, Map<String, Object>>) sustained
                    .get("outbox_backlog");
            Map<String, Object> loanOutbox = outbox.getOrDefault("loan", Map.of("max", -1L, "mean_first_half", 0.0,
                    "mean_second_half", 0.0));
            Map<String, Object> lag = ((Map<String, Map<String, Object>>) sustained.get("consumer_lag"))
                    .getOrDefault("catalog-service", Map.of("max", -1L, "mean_second_half", 0.0,
                            "mean_first_half", 0.0));
            boolean bounded = (double) loanOutbox.get("mean_second_half") <= Math.max(2 * rate,
                    2 * (double) loanOutbox.get("mean_first_half"))
                    && (double) lag.get("mean_second_half") <= Math.max(2 * rate,
                    2 * (double) lag.get("mean_first_half"));
            targets.add(target(">= 1,000 check-outs + check-ins per second through the gateway, sustained, no errors,"
                    + " outbox and consumer lag bounded", String.format("%.0f/s offered, %.0f/s completed for %.0f s,"
                    + " error rate %.4f, %d pairs not sent and %d unfinished, loan outbox max %s, catalog lag max %s",
                    rate, achieved, (double) sustained.get("seconds"), errors, left.notSent(), left.unfinished(),
                    loanOutbox.get("max"), lag.get("max")),
                    achieved >= 1000 * 0.99 && errors == 0 && !left.any() && bounded));
            Map<String, Object> reference = (Map<String, Object>) report.get("reference");
            Map<String, Object> bare = reference == null ? null : (Map<String, Object>) reference.get("bare_service");
            // The bare service's most answers a second in any of its phases (flat out, or its queue at 3,000/s),
            // counted over the time each took, its queue's drain included.
            double ceiling = bare == null ? 0 : bare.values().stream().filter(v -> v instanceof Map)
                    .mapToDouble(v -> (double) ((Map<String, Object>) v).get("answered_per_s_over_run")).max()
                    .orElse(0);
            if (ceiling > 0) {
                targets.add(target("the cluster keeps at least a third of one bare Quarkus service's check-outs per"
                        + " second on this machine", String.format("%.0f/s succeeded through the gateway against at"
                        + " most %.0f/s from the bare service: %.0f %%", succeeded, ceiling, 100 * succeeded / ceiling),
                        succeeded * 3 >= ceiling));
            }
        }
        scenarios.stream().filter(s -> s.get("name").equals("circulation-200")).findFirst().ifPresent(s -> {
            double out = (double) series(s, "check-out").get("p99_ms");
            double in = (double) series(s, "check-in").get("p99_ms");
            targets.add(target("p99 < 20 ms at 200 requests per second", String.format("check-out p99 %.1f ms,"
                    + " check-in p99 %.1f ms", out, in), out < 20 && in < 20));
        });
        scenarios.stream().filter(s -> s.get("name").equals("search")).findFirst().ifPresent(s -> {
            double worst = 0;
            StringBuilder text = new StringBuilder();
            for (var e : ((Map<String, Map<String, Object>>) s.get("series")).entrySet()) {
                double p95 = (double) e.getValue().get("p95_ms");
                worst = Math.max(worst, p95);
                text.append(e.getKey()).append(' ').append(p95).append(" ms; ");
            }
            targets.add(target("search p95 < 50 ms over the whole catalogue", "p95 " + text, worst < 50));
        });
        double worstPropagation = 0;
        StringBuilder propagation = new StringBuilder();
        for (Map<String, Object> s : scenarios) {
            Map<String, Object> p = (Map<String, Object>) s.get("propagation");
            if (p != null && s.get("name").toString().startsWith("circulation-")
                    && rateOf(s) <= rateOf(sustained == null ? s : sustained)) {
                worstPropagation = Math.max(worstPropagation, (double) p.get("p99_ms"));
                propagation.append(s.get("name")).append(" p99 ").append(p.get("p99_ms")).append(" ms; ");
            }
        }
        targets.add(target("check-out -> catalog availability p99 < 250 ms (up to the sustained rate)",
                propagation.toString(), worstPropagation > 0 && worstPropagation < 250));
        Map<String, Object> startup = (Map<String, Object>) report.get("startup");
        double ready = (double) startup.get("ready_with_demo_data_s");
        // This run starts its cluster afresh with the production compiler and no class-data archives: its time is
        // the slowest start; deploy/startup-bench.sh times the run command itself.
        targets.add(target("whole cluster ready < 30 s after the run command (built)", ready + " s ("
                + startup.get("jit") + ", no class-data archives; the run command itself: deploy/startup-bench.sh)",
                ready < 30));
        Map<String, Long> rss = (Map<String, Long>) report.get("rss_at_rest_mb");
        long worstRss = rss.entrySet().stream().filter(e -> List.of("catalog", "loan", "delivery", "gateway")
                .contains(e.getKey())).mapToLong(Map.Entry::getValue).max().orElse(-1);
        targets.add(target("< 300 MB resident memory per service at rest", rss.toString(), worstRss < 300));
        return targets;
    }

    @SuppressWarnings("unchecked")
    private static double rateOf(Map<String, Object> scenario) {
        return ((Map<String, Double>) scenario.get("streams")).values().stream().mapToDouble(Double::doubleValue)
                .sum() * 2;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> series(Map<String, Object> scenario, String name) {
        return ((Map<String, Map<String, Object>>) scenario.get("series")).get(name);
    }

    private static Map<String, Object> target(String target, String measured, boolean met) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("target", target);
        t.put("measured", measured);
        t.put("met", met);
        return t;
    }

    @SuppressWarnings("unchecked")
    static String describe(Map<String, Object> report) {
        StringBuilder text = new StringBuilder("Targets:\n");
        for (Map<String, Object> t : (List<Map<String, Object>>) report.get("targets")) {
            text.append(String.format("  [%s] %s%n        %s%n", (boolean) t.get("met") ? "met" : "NOT MET",
                    t.get("target"), t.get("measured")));
        }
        return text.toString();
    }
}
