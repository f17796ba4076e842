package io.jenkins.plugins.gitops.engine.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A line diff in unified format ({@code ---}, {@code +++}, {@code @@} hunks with three lines of context),
 * found with Myers' algorithm. The output is bounded: after {@code maxLines} lines it ends with a note
 * saying how many lines were left out.
 */
final class UnifiedDiff {

    static final int CONTEXT_LINES = 3;

    /**
     * Beyond this many edits the exact shortest script is not searched for (its trace grows with the
     * square of the edits); the differing middle is shown as removed and added instead.
     */
    static final int MAX_EXACT_EDITS = 2_000;

    private enum Op { EQUAL, DELETE, INSERT }

    /** One line of the edit script: its operation and its 0-based line numbers on either side. */
    private record Edit(Op op, int before, int after, String text) {
    }

    private UnifiedDiff() {
    }

    /**
     * The unified diff of two texts, or an empty string when they are equal.
     *
     * @param maxLines the most lines to return, headers included; at least 3
     */
    static String between(String beforeLabel, List<String> before, String afterLabel, List<String> after, int maxLines) {
        List<Edit> script = editScript(before, after);
        if (script.stream().allMatch(edit -> edit.op() == Op.EQUAL)) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        lines.add("--- " + beforeLabel);
        lines.add("+++ " + afterLabel);
        appendHunks(script, lines);
        return bounded(lines, Math.max(maxLines, 3));
    }

    private static String bounded(List<String> lines, int maxLines) {
        StringBuilder text = new StringBuilder();
        int shown = lines.size() <= maxLines ? lines.size() : maxLines - 1;
        for (int i = 0; i < shown; i++) {
            text.append(lines.get(i)).append('\n');
        }
        if (shown < lines.size()) {
            text.append("... ").append(lines.size() - shown).append(" more diff lines not shown (limit ")
                    .append(maxLines).append(" lines)\n");
        }
        return text.toString();
    }

    private static void appendHunks(List<Edit> script, List<String> out) {
        int i = 0;
        while (i < script.size()) {
            if (script.get(i).op() == Op.EQUAL) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT_LINES);
            // Extend the hunk while the next change is close enough for the contexts to touch.
            int end = i;
            int lastChange = i;
            while (end < script.size()) {
                if (script.get(end).op() != Op.EQUAL) {
                    lastChange = end;
                } else if (end - lastChange > 2 * CONTEXT_LINES) {
                    break;
                }
                end++;
            }
            end = Math.min(script.size(), lastChange + CONTEXT_LINES + 1);
            appendHunk(script.subList(start, end), out);
            i = end;
        }
    }

    private static void appendHunk(List<Edit> hunk, List<String> out) {
        int beforeStart = -1;
        int afterStart = -1;
        int beforeCount = 0;
        int afterCount = 0;
        List<String> body = new ArrayList<>();
        for (Edit edit : hunk) {
            switch (edit.op()) {
                case EQUAL -> {
                    beforeStart = beforeStart < 0 ? edit.before() : beforeStart;
                    afterStart = afterStart < 0 ? edit.after() : afterStart;
                    beforeCount++;
                    afterCount++;
                    body.add(" " + edit.text());
                }
                case DELETE -> {
                    beforeStart = beforeStart < 0 ? edit.before() : beforeStart;
                    afterStart = afterStart < 0 ? edit.after() : afterStart;
                    beforeCount++;
                    body.add("-" + edit.text());
                }
                case INSERT -> {
                    beforeStart = beforeStart < 0 ? edit.before() : beforeStart;
                    afterStart = afterStart < 0 ? edit.after() : afterStart;
                    afterCount++;
                    body.add("+" + edit.text());
                }
            }
        }
        out.add("@@ -" + range(beforeStart, beforeCount) + " +" + range(afterStart, afterCount) + " @@");
        out.addAll(body);
    }

    /** A hunk range: 1-based start and length; an empty range names the line before it, as diff does. */
    private static String range(int start, int count) {
        int first = count == 0 ? start : start + 1;
        return count == 1 ? Integer.toString(first) : first + "," + count;
    }

    private static List<Edit> editScript(List<String> before, List<String> after) {
        int prefix = 0;
        while (prefix < before.size() && prefix < after.size() && before.get(prefix).equals(after.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < before.size() - prefix && suffix < after.size() - prefix
                && before.get(before.size() - 1 - suffix).equals(after.get(after.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> script = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            script.add(new Edit(Op.EQUAL, i, i, before.get(i)));
        }
        List<String> a = before.subList(prefix, before.size() - suffix);
        List<String> b = after.subList(prefix, after.size() - suffix);
        List<Edit> middle = myers(a, b);
        if (middle == null) {
            middle = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                middle.add(new Edit(Op.DELETE, i, 0, a.get(i)));
            }
            for (int j = 0; j < b.size(); j++) {
                middle.add(new Edit(Op.INSERT, a.size(), j, b.get(j)));
            }
        }
        for (Edit edit : middle) {
            script.add(new Edit(edit.op(), edit.before() + prefix, edit.after() + prefix, edit.text()));
        }
        for (int i = 0; i < suffix; i++) {
            int beforeLine = before.size() - suffix + i;
            script.add(new Edit(Op.EQUAL, beforeLine, after.size() - suffix + i, before.get(beforeLine)));
        }
        return script;
    }

    /** Myers' shortest edit script, or {@code null} when it needs more than {@link #MAX_EXACT_EDITS} edits. */
    private static List<Edit> myers(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = n + m;
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        // trace.get(d) holds v[-d-1 .. d+1] as it was before step d.
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= Math.min(max, MAX_EXACT_EDITS) && found < 0; d++) {
            trace.add(Arrays.copyOfRange(v, offset - d - 1, offset + d + 2));
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
                        ? v[offset + k + 1]
                        : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
        }
        if (found < 0) {
            return null;
        }
        List<Edit> reversed = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = found; d >= 0; d--) {
            int[] window = trace.get(d);
            int k = x - y;
            int previousK = k == -d || (k != d && at(window, d, k - 1) < at(window, d, k + 1)) ? k + 1 : k - 1;
            int previousX = d == 0 ? 0 : at(window, d, previousK);
            int previousY = previousX - previousK;
            while (x > previousX && y > previousY) {
                x--;
                y--;
                reversed.add(new Edit(Op.EQUAL, x, y, a.get(x)));
            }
            if (d > 0) {
                if (x == previousX) {
                    reversed.add(new Edit(Op.INSERT, x, previousY, b.get(previousY)));
                } else {
                    reversed.add(new Edit(Op.DELETE, previousX, y, a.get(previousX)));
                }
            }
            x = previousX;
            y = previousY;
        }
        List<Edit> script = new ArrayList<>(reversed.size());
        for (int i = reversed.size() - 1; i >= 0; i--) {
            script.add(reversed.get(i));
        }
        return script;
    }

    private static int at(int[] window, int d, int k) {
        return window[k + d + 1];
    }
}
