package io.jenkins.plugins.gitops.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void shouldBeEmptyWhenTextsAreEqual() {
        assertThat(UnifiedDiff.between("a", List.of("x", "y"), "b", List.of("x", "y"), 100)).isEmpty();
    }

    @Test
    void shouldShowOneChangeWithThreeLinesOfContext() {
        List<String> before = lines(1, 10);
        List<String> after = new ArrayList<>(before);
        after.set(4, "five");

        assertThat(UnifiedDiff.between("live", before, "desired", after, 100)).isEqualTo("""
                --- live
                +++ desired
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """);
    }

    @Test
    void shouldJoinChangesWhoseContextsTouchAndSplitOthers() {
        List<String> before = lines(1, 30);
        List<String> after = new ArrayList<>(before);
        after.set(2, "three");
        after.set(8, "nine");
        after.set(25, "twenty-six");

        String diff = UnifiedDiff.between("a", before, "b", after, 100);

        assertThat(diff.lines().filter(line -> line.startsWith("@@"))).containsExactly("@@ -1,12 +1,12 @@", "@@ -23,7 +23,7 @@");
    }

    @Test
    void shouldShowInsertionsAndDeletionsAtTheEdges() {
        assertThat(UnifiedDiff.between("a", List.of(), "b", List.of("x", "y"), 100))
                .isEqualTo("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n");
        assertThat(UnifiedDiff.between("a", List.of("x", "y", "z"), "b", List.of("y", "z"), 100))
                .isEqualTo("--- a\n+++ b\n@@ -1,3 +1,2 @@\n-x\n y\n z\n");
        assertThat(UnifiedDiff.between("a", List.of("x"), "b", List.of("x", "y"), 100))
                .isEqualTo("--- a\n+++ b\n@@ -1 +1,2 @@\n x\n+y\n");
    }

    @Test
    void shouldFindTheShortestEditScript() {
        List<String> before = List.of("a", "b", "c", "a", "b", "b", "a");
        List<String> after = List.of("c", "b", "a", "b", "a", "c");

        String diff = UnifiedDiff.between("x", before, "y", after, 100);

        assertThat(diff.lines().filter(line -> line.startsWith("-") || line.startsWith("+")).count())
                .as("Myers' example needs 5 edits, plus the two header lines").isEqualTo(7);
    }

    @Test
    void shouldCutLongDiffsAndSayHowMuchWasLeftOut() {
        List<String> before = lines(1, 100);
        List<String> after = lines(1001, 1100);

        String diff = UnifiedDiff.between("a", before, "b", after, 20);

        assertThat(diff.lines()).hasSize(20);
        assertThat(diff).endsWith("... 184 more diff lines not shown (limit 20 lines)\n");
    }

    @Test
    void shouldStillDiffWhenTheTextsHaveNothingInCommon() {
        List<String> before = lines(1, 3_000);
        List<String> after = lines(10_001, 13_000);

        String diff = UnifiedDiff.between("a", before, "b", after, 10_000);

        assertThat(diff.lines().filter(line -> line.startsWith("-") && !line.startsWith("---"))).hasSize(3_000);
        assertThat(diff.lines().filter(line -> line.startsWith("+") && !line.startsWith("+++"))).hasSize(3_000);
    }

    private static List<String> lines(int first, int last) {
        return IntStream.rangeClosed(first, last).mapToObj(Integer::toString).toList();
    }
}
