package org.sanfu.enterprise;

import java.time.Instant;

/**
 * One enterprise's file (一企一档), without its visits and tickets. (addition) {@code contactName} and
 * {@code contactPhone}: whom a department handling its ticket calls and whom its feedback link is texted to (联系人,
 * 联系电话), each null for none; last, so that the fields before them keep their places in the JSON. A person's name
 * and mobile are personal information: a department reads them only where it handles the enterprise's ticket
 * ({@link #withoutContact}).
 */
public record Enterprise(
        String creditCode,
        String name,
        String town,
        String industry,
        boolean exporter,
        boolean key,
        String specialist,
        OperatingStatus latestOperatingStatus,
        Instant createdAt,
        Instant updatedAt,
        String contactName,
        String contactPhone) {

    /**
     * The file without its contact, both parts null (the keys still in the JSON): what a department reads of an
     * enterprise whose tickets it is not involved in, so that paging through the list collects no one's telephone
     * (个人信息保护法's minimum necessary).
     */
    public Enterprise withoutContact() {
        return new Enterprise(creditCode, name, town, industry, exporter, key, specialist, latestOperatingStatus,
                createdAt, updatedAt, null, null);
    }
}
