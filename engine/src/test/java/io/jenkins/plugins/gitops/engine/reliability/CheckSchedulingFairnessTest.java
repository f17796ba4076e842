package io.jenkins.plugins.gitops.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.gitops.engine.sync.CheckSchedule;
import io.jenkins.plugins.gitops.engine.sync.CheckSchedule.Candidate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Many environments due at once, round after round as the plugin's periodic reconciler asks (once a minute,
 * each round's checks finished before the next): never more checks at a time than allowed, the most overdue
 * first, and no environment left waiting forever, whatever else keeps arriving.
 */
class CheckSchedulingFairnessTest {

    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration ROUND = Duration.ofMinutes(1);
    private static final Duration INTERVAL = Duration.ofMinutes(3);
    private static final int ENVIRONMENTS = 100;
    private static final int LIMIT = 10;

    private final CheckSchedule schedule = new CheckSchedule(Duration.ofSeconds(30));

    /** One simulated environment: when it was last checked, and a push notification not yet answered. */
    private static final class Environment {
        private final String id;
        private Instant lastCheck;
        private Instant requested;

        Environment(String id, Instant lastCheck) {
            this.id = id;
            this.lastCheck = lastCheck;
        }

        Candidate candidate() {
            return new Candidate(id, lastCheck, INTERVAL, false, false, requested);
        }
    }

    @Test
    void shouldHandOutAtMostTheLimitMostOverdueFirstAndReachEveryEnvironment() {
        // All due at the same moment; the longer ago the last check, the more overdue.
        Map<String, Environment> environments = environments(i -> START.minus(INTERVAL).minusSeconds(60L * i));

        List<List<String>> rounds = run(environments, 10, round -> List.of());

        assertThat(rounds).allSatisfy(round -> assertThat(round).hasSizeLessThanOrEqualTo(LIMIT));
        assertThat(rounds.get(0)).as("the ten most overdue first").containsExactlyInAnyOrder(
                IntStream.range(ENVIRONMENTS - LIMIT, ENVIRONMENTS).mapToObj(CheckSchedulingFairnessTest::id)
                        .toArray(String[]::new));
        assertThat(firstCheckRound(rounds)).as("every environment within %d rounds", ENVIRONMENTS / LIMIT)
                .hasSize(ENVIRONMENTS).allSatisfy((id, round) -> assertThat(round).isLessThan(ENVIRONMENTS / LIMIT));
    }

    @Test
    void shouldReachEveryEnvironmentWhenNeverCheckedOnesAllWaitAtOnce() {
        Map<String, Environment> environments = environments(i -> null);

        List<List<String>> rounds = run(environments, 10, round -> List.of());

        assertThat(rounds).allSatisfy(round -> assertThat(round).hasSize(LIMIT));
        assertThat(firstCheckRound(rounds)).hasSize(ENVIRONMENTS);
    }

    @Test
    void shouldNotLetAStreamOfPushNotificationsStarveThePeriodicChecks() {
        Map<String, Environment> environments = environments(i -> START.minus(INTERVAL).minusSeconds(i));
        // A busy monorepo: every minute a push notification for more environments than fit in a round.
        List<String> hot = IntStream.range(0, LIMIT + 5).mapToObj(CheckSchedulingFairnessTest::id).toList();

        List<List<String>> rounds = run(environments, ENVIRONMENTS, round -> hot);

        assertThat(rounds).allSatisfy(round -> assertThat(round).hasSizeLessThanOrEqualTo(LIMIT));
        assertThat(firstCheckRound(rounds)).as("every environment is checked at last, not only the pushed ones: "
                + "each round serves the one that waited longest").hasSize(ENVIRONMENTS);
        assertThat(rounds.subList(1, ENVIRONMENTS)).as("and the pushed ones keep the other places")
                .allSatisfy(round -> assertThat(round).filteredOn(hot::contains).hasSizeGreaterThanOrEqualTo(LIMIT - 1));
        assertThat(rounds.get(1)).as("a push is still answered in the next round").containsAll(hot.subList(0, LIMIT - 1));
    }

    @Test
    void shouldServeTheLongestWaitingFirstWhenOneCheckAtATimeIsAllowed() {
        List<Candidate> candidates = List.of(
                new Candidate("pushed-just-now", START.minusSeconds(30), INTERVAL, false, false, START.minusSeconds(1)),
                new Candidate("overdue-for-an-hour", START.minus(Duration.ofHours(1)), INTERVAL, false, false));

        assertThat(schedule.dueAmong(candidates, START, false, 1)).containsExactly("overdue-for-an-hour");
        assertThat(schedule.dueAmong(candidates, START, false, 2)).as("with room for both, the push first")
                .containsExactly("pushed-just-now", "overdue-for-an-hour");
    }

    private static Map<String, Environment> environments(java.util.function.IntFunction<Instant> lastCheck) {
        Map<String, Environment> environments = new HashMap<>();
        for (int i = 0; i < ENVIRONMENTS; i++) {
            environments.put(id(i), new Environment(id(i), lastCheck.apply(i)));
        }
        return environments;
    }

    private static String id(int i) {
        return String.format("team-%02d/prod", i);
    }

    /**
     * Runs {@code count} rounds, a minute apart: asks the schedule who is due, checks those (their last check
     * becomes now, their request is answered), then lets {@code pushes} ask for checks.
     */
    private List<List<String>> run(Map<String, Environment> environments, int count,
            java.util.function.IntFunction<List<String>> pushes) {
        List<List<String>> rounds = new ArrayList<>();
        for (int round = 0; round < count; round++) {
            Instant now = START.plus(ROUND.multipliedBy(round));
            List<Candidate> candidates = environments.values().stream().map(Environment::candidate).toList();
            List<String> due = schedule.dueAmong(candidates, now, false, LIMIT);
            for (String id : due) {
                Environment checked = environments.get(id);
                checked.lastCheck = now;
                checked.requested = null;
            }
            rounds.add(due);
            Instant pushed = now.plusSeconds(30);
            for (String id : pushes.apply(round)) {
                environments.get(id).requested = pushed;
            }
        }
        return rounds;
    }

    /** Each environment's first round, in the order they were first checked. */
    private static Map<String, Integer> firstCheckRound(List<List<String>> rounds) {
        Map<String, Integer> first = new HashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int round = 0; round < rounds.size(); round++) {
            for (String id : rounds.get(round)) {
                if (seen.add(id)) {
                    first.put(id, round);
                }
            }
        }
        return first;
    }
}
