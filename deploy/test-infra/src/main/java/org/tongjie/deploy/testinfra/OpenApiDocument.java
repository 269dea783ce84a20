package org.tongjie.deploy.testinfra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks an OpenAPI document (as parsed JSON) for what every endpoint must document. */
public final class OpenApiDocument {

    private OpenApiDocument() {
    }

    /**
     * Lists what is missing: a summary per operation, at least one success response, and problem+json
     * content for every 4xx and 5xx response. Empty when the document is complete.
     */
    @SuppressWarnings("unchecked")
    public static List<String> gaps(Map<String, Object> document) {
        List<String> gaps = new ArrayList<>();
        Map<String, Object> paths = (Map<String, Object>) document.getOrDefault("paths", Map.of());
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, value) -> {
            if (!(value instanceof Map<?, ?> operation) || method.equals("parameters")) {
                return;
            }
            String name = method.toUpperCase() + " " + path;
            if (!(operation.get("summary") instanceof String summary) || summary.isBlank()) {
                gaps.add(name + ": no summary");
            }
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            if (responses == null || responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                gaps.add(name + ": no success response");
                return;
            }
            responses.forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) response).get("content");
                    if (content == null || !content.containsKey("application/problem+json")) {
                        gaps.add(name + " " + code + ": not documented as application/problem+json");
                    }
                }
            });
        }));
        return gaps;
    }
}
