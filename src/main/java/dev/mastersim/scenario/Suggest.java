package dev.mastersim.scenario;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" suggestions by edit distance. */
final class Suggest {
    private Suggest() {}

    /** The candidate closest to {@code word}, or null when none is close (distance above a third of its length). */
    static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = word.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (best == null || bestDistance > Math.max(1, Math.max(word.length(), best.length()) / 3)) {
            return null;
        }
        return best;
    }

    /** Levenshtein distance; long words are compared by their first 64 characters. */
    static int distance(String a, String b) {
        a = a.length() > 64 ? a.substring(0, 64) : a;
        b = b.length() > 64 ? b.substring(0, 64) : b;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
