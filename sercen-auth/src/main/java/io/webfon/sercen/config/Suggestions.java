package io.webfon.sercen.config;

/** "Did you mean" hints for unknown keys: the known key nearest by edit distance, if it is near enough. */
final class Suggestions {
    private Suggestions() {
    }

    static String forKey(String id) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Key k : SercenSchema.KEYS) {
            int d = distance(id, k.id());
            if (d < bestDistance) {
                bestDistance = d;
                best = k.id();
            }
        }
        return best != null && bestDistance <= Math.max(2, id.length() / 4) ? " (did you mean " + best + "?)" : "";
    }

    static int distance(String a, String b) {
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
