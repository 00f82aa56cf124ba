package dev.falcoc.lsp.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean": names close to a misspelling, by edit distance. */
public final class Names {
    private Names() {}

    public static List<String> similar(String word, Collection<String> names, int max) {
        int limit = Math.max(1, Math.min(3, word.length() / 3));
        record Scored(String name, int d) {}
        List<Scored> s = new ArrayList<>();
        for (String n : names) {
            if (n.equals(word) || Math.abs(n.length() - word.length()) > limit) continue;
            int d = distance(word, n, limit);
            if (d <= limit) s.add(new Scored(n, d));
        }
        s.sort(Comparator.comparingInt(Scored::d).thenComparing(Scored::name));
        List<String> out = new ArrayList<>();
        for (Scored x : s) if (out.size() < max) out.add(x.name());
        return out;
    }

    /** Damerau-Levenshtein (adjacent swaps count once), giving up beyond the limit. */
    static int distance(String a, String b, int limit) {
        int n = a.length(), m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) d[i][0] = i;
        for (int j = 0; j <= m; j++) d[0][j] = j;
        for (int i = 1; i <= n; i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) v = Math.min(v, d[i - 2][j - 2] + 1);
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) return limit + 1;
        }
        return d[n][m];
    }
}
