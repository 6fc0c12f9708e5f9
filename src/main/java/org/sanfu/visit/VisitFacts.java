package org.sanfu.visit;

/**
 * The visit module's published read side for other modules' SQL (the reports): the database view
 * {@value #VIEW}, one row per visit with {@code id, enterprise_credit_code, visited_at,
 * operating_status, source}, created by {@code db/migration/V5__published_read_views.sql} ({@code source}
 * by V25: VISIT, FORUM, HOTLINE or ONLINE). Other modules
 * read visits through this view or {@link VisitQueries}, never the visit table.
 */
public final class VisitFacts {

    /** The view's name, to select from. */
    public static final String VIEW = "visit_facts";

    private VisitFacts() {
    }
}
