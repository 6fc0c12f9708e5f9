package org.sanfu.generator;

import java.time.Instant;

/** One generated enterprise, with the latest operating status its visits saw. */
final class GeneratedEnterprise {
    String creditCode;
    String name;
    String town;
    String industry;
    boolean exporter;
    boolean key;
    String specialist;
    Instant createdAt;
    volatile String latestOperatingStatus;
    volatile Instant operatingStatusSeenAt;
}
