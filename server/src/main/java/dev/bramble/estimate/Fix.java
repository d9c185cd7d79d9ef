package dev.bramble.estimate;

import dev.bramble.lang.source.Range;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One quick fix a budget diagnostic offers: replace {@code range} with {@code newText}.
 * {@code kind} is {@code device}, {@code format}, {@code storage} or {@code lanes}. Carried in
 * {@code Diagnostic.data} under {@code "fixes"} as plain maps (JSON-friendly).
 */
public record Fix(String kind, String title, Range range, String newText) {
    public Map<String, Object> toData() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("title", title);
        m.put("range", range);
        m.put("newText", newText);
        return m;
    }
}
