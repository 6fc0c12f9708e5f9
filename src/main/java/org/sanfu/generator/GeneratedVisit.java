package org.sanfu.generator;

import java.time.Instant;

/** One generated visit (or hotline call) that carries one or more tickets. */
final class GeneratedVisit {
    long id;
    GeneratedEnterprise enterprise;
    Instant visitedAt;
    String staff;
    String source;
    String operatingStatus;
    Integer orderBacklogMonths;
    String notes;
    Instant createdAt;
}
