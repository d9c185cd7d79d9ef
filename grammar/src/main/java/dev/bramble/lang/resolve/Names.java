package dev.bramble.lang.resolve;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" suggestions: the known names closest to a misspelt one. */
public final class Names {
    private Names() {}

    /** Names longer than this get no suggestions (nobody misspells a 65-character name into another). */
    static final int MAX_NAME = 64;

    /** Up to {@code limit} candidates within a small edit distance, closest first. */
    public static List<String> closest(String wanted, Collection<String> candidates, int limit) {
        String w = wanted.toLowerCase(Locale.ROOT);
        // Bounded work: the distance costs |a|·|b|, and a pasted name may be megabytes long.
        if (w.length() > MAX_NAME) return List.of();
        int tolerance = Math.max(2, w.length() / 3);
        List<String> hits = new ArrayList<>();
        for (String c : candidates) {
            // The distance is at least the difference in length: most candidates need no table.
            if (c.length() > MAX_NAME || Math.abs(c.length() - w.length()) > tolerance) continue;
            if (distance(w, c.toLowerCase(Locale.ROOT)) <= tolerance) hits.add(c);
        }
        hits.sort(Comparator.comparingInt((String c) -> distance(w, c.toLowerCase(Locale.ROOT))).thenComparing(c -> c));
        return hits.size() > limit ? List.copyOf(hits.subList(0, limit)) : List.copyOf(hits);
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous; previous = current; current = t;
        }
        return previous[b.length()];
    }

    public static String didYouMean(List<String> suggestions) {
        if (suggestions.isEmpty()) return "";
        if (suggestions.size() == 1) return "; did you mean '" + suggestions.get(0) + "'?";
        return "; did you mean one of " + String.join(", ", suggestions.stream().map(s -> "'" + s + "'").toList()) + "?";
    }
}
