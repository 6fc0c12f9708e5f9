package org.sanfu.report;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sanfu.web.QueryLink;

/**
 * Links from the dashboard's figures to the tickets they count: {@code /tickets} with the dashboard's
 * scope (its period, lead department, category and town, as the figures read them) and what the figure
 * adds. A figure counts a ticket under its lead department, so the scope's department is the list's
 * {@code leadDepartment}, not its {@code department} (lead or co).
 */
record TicketLinks(Map<String, String> scope) {

    /** The scope as the dashboard was asked for it; a refused filter shows the whole scope, and links so. */
    static TicketLinks of(String from, String to, String leadDepartment, String category, String town) {
        Map<String, String> scope = new LinkedHashMap<>();
        put(scope, "from", from);
        put(scope, "to", to);
        put(scope, "leadDepartment", leadDepartment);
        put(scope, "category", category);
        put(scope, "town", town);
        return new TicketLinks(scope);
    }

    static TicketLinks whole() {
        return new TicketLinks(Map.of());
    }

    /** The scope narrowed by one parameter more (it replaces the scope's of that name). */
    TicketLinks and(String name, String value) {
        Map<String, String> narrowed = new LinkedHashMap<>(scope);
        put(narrowed, name, value);
        return new TicketLinks(narrowed);
    }

    /** The scope's tickets, narrowed by these parameters (name, value, name, value...; they replace the scope's). */
    String with(String... namesAndValues) {
        Map<String, String> query = new LinkedHashMap<>(scope);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            put(query, namesAndValues[i], namesAndValues[i + 1]);
        }
        return QueryLink.of("/tickets", query);
    }

    /**
     * The tickets of the ranking's month (reported in it, as the ranking counts them), narrowed by these
     * parameters: the ranking and the red cards are the month's, whatever the dashboard's other filters.
     */
    static String ofMonth(YearMonth month, String... namesAndValues) {
        return new TicketLinks(Map.of("from", month.atDay(1).toString(), "to", month.atEndOfMonth().toString()))
                .with(namesAndValues);
    }

    private static void put(Map<String, String> query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.put(name, value.strip());
        }
    }
}
