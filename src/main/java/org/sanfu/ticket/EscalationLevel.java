package org.sanfu.ticket;

/** Where a problem beyond the county's power was handed (上报省市专班). */
public enum EscalationLevel {
    CITY, PROVINCE
}
