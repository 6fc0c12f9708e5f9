package org.sanfu.enterprise;

/**
 * The enterprise module's published read side for other modules' SQL (the reports): the database
 * view {@value #VIEW}, one row per enterprise with {@code credit_code, name, town, specialist, exporter,
 * key_enterprise}, created by {@code db/migration/V5__published_read_views.sql} (the last three columns by
 * V7 and V25). Other modules read enterprises through this view or {@link EnterpriseService}, never the
 * enterprise table.
 */
public final class EnterpriseFacts {

    /** The view's name, to select from. */
    public static final String VIEW = "enterprise_facts";

    private EnterpriseFacts() {
    }
}
