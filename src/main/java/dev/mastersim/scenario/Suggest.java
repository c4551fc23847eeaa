package dev.mastersim.scenario;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" suggestions by edit distance, for scenario keys and command names. */
public final class Suggest {
    private Suggest() {}

    /**
     * The candidate closest to {@code word}, or null when none is close: at most one edit for words of up to
     * four letters, two up to nine, three beyond (a swap of neighbours counts as one edit: {@code raeds}).
     */
    public static String closest(String word, Collection<String> candidates) {
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
        if (best == null || bestDistance > allowed(Math.max(word.length(), best.length()))) {
            return null;
        }
        return best;
    }

    private static int allowed(int length) {
        return length <= 4 ? 1 : length <= 9 ? 2 : 3;
    }

    /**
     * Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbouring letters as
     * one edit (optimal string alignment); long words are compared by their first 64 characters.
     */
    static int distance(String a, String b) {
        a = a.length() > 64 ? a.substring(0, 64) : a;
        b = b.length() > 64 ? b.substring(0, 64) : b;
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i][j - 1] + 1, d[i - 1][j] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
