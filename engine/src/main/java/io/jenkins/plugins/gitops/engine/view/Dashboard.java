package io.jenkins.plugins.gitops.engine.view;

import io.jenkins.plugins.gitops.engine.health.HealthStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The environments of the dashboard: sorted by a column, filtered by free text and by status, and counted for the
 * summary tiles. Built per request from the rows of the environments the user may see; pure and immutable.
 *
 * <p>Each column sorts the way a user looks at it first, and {@link Query#reversed()} turns that around:
 * <ul>
 *   <li>{@link Column#NAME}: by display name, A to Z, ignoring case;</li>
 *   <li>{@link Column#STATUS}: what needs a person first: environments with an error, then out of sync, unknown,
 *       synced;</li>
 *   <li>{@link Column#HEALTH}: worst first (Unknown, Degraded, Missing, Progressing, Suspended, Healthy);</li>
 *   <li>{@link Column#LAST_SYNC}: most recent first; never synced always last;</li>
 *   <li>{@link Column#DRIFT}: most drifted objects first.</li>
 * </ul>
 * Rows that tie are in name order (A to Z, whichever the direction), then by full name, so the order never
 * depends on the order the rows came in.
 */
public final class Dashboard {

    /** Display name ignoring case, then full name: unique, as full names are. */
    private static final Comparator<DashboardRow> BY_NAME = Comparator
            .comparing(DashboardRow::displayName, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(DashboardRow::displayName)
            .thenComparing(DashboardRow::fullName);

    private final List<Entry> entries;
    private final Totals totals;

    public Dashboard(Collection<DashboardRow> rows) {
        List<Entry> sorted = new ArrayList<>(rows.size());
        for (DashboardRow row : rows) {
            sorted.add(new Entry(Objects.requireNonNull(row, "row"), searchText(row)));
        }
        sorted.sort(Comparator.comparing(Entry::row, BY_NAME));
        this.entries = List.copyOf(sorted);
        this.totals = Totals.of(rows);
    }

    /** Every row, by name. */
    public List<DashboardRow> rows() {
        return entries.stream().map(Entry::row).toList();
    }

    /** The rows {@code query} selects, in its order. */
    public List<DashboardRow> select(Query query) {
        List<String> terms = query.terms();
        List<DashboardRow> selected = new ArrayList<>();
        for (Entry entry : entries) {
            DashboardRow row = entry.row();
            if ((query.statuses().isEmpty() || query.statuses().contains(row.syncStatus()))
                    && (query.health().isEmpty() || query.health().contains(row.health()))
                    && terms.stream().allMatch(entry.searchText()::contains)) {
                selected.add(row);
            }
        }
        selected.sort(comparator(query.sortBy(), query.reversed()));
        return Collections.unmodifiableList(selected);
    }

    /** The counts over every row, whatever a query selects: the tiles show the whole picture. */
    public Totals totals() {
        return totals;
    }

    private static Comparator<DashboardRow> comparator(Column column, boolean reversed) {
        if (column == Column.NAME) {
            return reversed ? BY_NAME.reversed() : BY_NAME;
        }
        Comparator<DashboardRow> primary = switch (column) {
            case STATUS -> Comparator.comparingInt(Dashboard::statusRank);
            case HEALTH -> Comparator.comparing(DashboardRow::health, Comparator.reverseOrder());
            // Never synced stays last in both directions: it has no time to order by.
            case LAST_SYNC -> Comparator.comparing(DashboardRow::lastSync,
                    Comparator.nullsLast(reversed ? Comparator.<Instant>naturalOrder() : Comparator.reverseOrder()));
            case DRIFT -> Comparator.comparingInt(DashboardRow::driftedObjects).reversed();
            case NAME -> throw new IllegalStateException("sorted by name above");
        };
        if (reversed && column != Column.LAST_SYNC) {
            primary = primary.reversed();
        }
        return primary.thenComparing(BY_NAME);
    }

    /** 0 for an error, then out of sync, unknown, synced: the order of {@link SyncStatus}, worst first. */
    private static int statusRank(DashboardRow row) {
        return row.hasError() ? 0 : SyncStatus.ERROR.ordinal() - row.syncStatus().ordinal();
    }

    /** The fields free text matches, lower case, one per line, so that a term cannot match across two. */
    private static String searchText(DashboardRow row) {
        return String.join("\n", row.fullName(), row.displayName(), row.server(), row.namespace(), row.revision())
                .toLowerCase(Locale.ROOT);
    }

    private record Entry(DashboardRow row, String searchText) {
    }

    /** The columns the dashboard sorts by. */
    public enum Column {
        NAME("name"),
        STATUS("status"),
        HEALTH("health"),
        LAST_SYNC("lastSync"),
        DRIFT("drift");

        private final String parameter;

        Column(String parameter) {
            this.parameter = parameter;
        }

        /** How a request names the column: {@code name}, {@code status}, {@code health}, {@code lastSync}, {@code drift}. */
        public String parameter() {
            return parameter;
        }

        /** The column a request parameter names, in any case; empty for anything else. */
        public static Optional<Column> fromParameter(String parameter) {
            return parameter == null ? Optional.empty() : Arrays.stream(values())
                    .filter(column -> column.parameter.equalsIgnoreCase(parameter.trim())).findFirst();
        }
    }

    /**
     * What to show and in which order.
     *
     * @param text free text: every word must occur, ignoring case, in the name, display name, cluster server,
     *     namespace or revision of a row; blank for every row
     * @param statuses the sync statuses to show; empty for all
     * @param health the health statuses to show; empty for all
     * @param sortBy the column to sort by
     * @param reversed whether the column's order is turned around
     */
    public record Query(String text, Set<SyncStatus> statuses, Set<HealthStatus> health, Column sortBy,
            boolean reversed) {

        public Query {
            text = text == null ? "" : text.strip();
            statuses = statuses == null || statuses.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(statuses));
            health = health == null || health.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(health));
            sortBy = sortBy == null ? Column.NAME : sortBy;
        }

        /** Every row, by name. */
        public static Query all() {
            return new Query("", Set.of(), Set.of(), Column.NAME, false);
        }

        public Query matching(String freeText) {
            return new Query(freeText, statuses, health, sortBy, reversed);
        }

        public Query withStatuses(SyncStatus... wanted) {
            return new Query(text, Set.copyOf(Arrays.asList(wanted)), health, sortBy, reversed);
        }

        public Query withHealth(HealthStatus... wanted) {
            return new Query(text, statuses, Set.copyOf(Arrays.asList(wanted)), sortBy, reversed);
        }

        public Query sortedBy(Column column, boolean reversedOrder) {
            return new Query(text, statuses, health, column, reversedOrder);
        }

        /** The words of {@link #text}, lower case. */
        List<String> terms() {
            return text.isEmpty() ? List.of() : List.of(text.toLowerCase(Locale.ROOT).split("\\s+"));
        }
    }

    /**
     * Counts for the summary tiles.
     *
     * @param environments how many environments
     * @param syncStatus how many have each sync status; every status is listed, 0 included
     * @param health how many have each health status; every status is listed, 0 included
     * @param paused how many are paused
     * @param failing how many have an error ({@link DashboardRow#hasError()})
     */
    public record Totals(int environments, Map<SyncStatus, Integer> syncStatus, Map<HealthStatus, Integer> health,
            int paused, int failing) {

        public Totals {
            syncStatus = withZeros(SyncStatus.class, syncStatus);
            health = withZeros(HealthStatus.class, health);
        }

        /** The counts over {@code rows}: all of a dashboard's, or those a query selected. */
        public static Totals of(Collection<DashboardRow> rows) {
            Map<SyncStatus, Integer> byStatus = new EnumMap<>(SyncStatus.class);
            Map<HealthStatus, Integer> byHealth = new EnumMap<>(HealthStatus.class);
            int paused = 0;
            int failing = 0;
            for (DashboardRow row : rows) {
                byStatus.merge(row.syncStatus(), 1, Integer::sum);
                byHealth.merge(row.health(), 1, Integer::sum);
                paused += row.paused() ? 1 : 0;
                failing += row.hasError() ? 1 : 0;
            }
            return new Totals(rows.size(), byStatus, byHealth, paused, failing);
        }

        public int count(SyncStatus status) {
            return syncStatus.get(status);
        }

        public int count(HealthStatus status) {
            return health.get(status);
        }

        private static <K extends Enum<K>> Map<K, Integer> withZeros(Class<K> type, Map<K, Integer> counts) {
            Map<K, Integer> all = new EnumMap<>(type);
            for (K key : type.getEnumConstants()) {
                Integer count = counts == null ? null : counts.get(key);
                all.put(key, count == null ? Integer.valueOf(0) : count);
            }
            return Collections.unmodifiableMap(all);
        }
    }
}
