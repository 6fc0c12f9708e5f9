package org.sanfu.systemic;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.systemic.*}: what makes a systemic problem (共性问题).
 *
 * @param minEnterprises the fewest different enterprises that must say the same thing
 * @param windowDays how many days back the scan looks (tickets reported since then, still open)
 * @param minSimilarity how alike two texts must be, 0..1
 */
@ConfigurationProperties("sanfu.systemic")
@Validated
public record SystemicProperties(@Min(2) @Max(1000) int minEnterprises, @Min(1) @Max(366) int windowDays,
        @DecimalMin("0.0") @DecimalMax("1.0") double minSimilarity) {

    ClusterSettings clusterSettings() {
        return new ClusterSettings(minEnterprises, windowDays, minSimilarity);
    }
}
