package org.sanfu.stats;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.red-card.*}: the lines past which a town or platform gets a red card (亮红牌).
 *
 * @param minTickets a town with fewer tickets in the period is not judged
 * @param overdueRate the share of a town's tickets that missed a deadline that earns a red card
 * @param satisfactionRate the satisfaction rate under which a town earns a red card
 */
@ConfigurationProperties("sanfu.red-card")
@Validated
public record RedCardProperties(@Min(1) int minTickets, @DecimalMin("0") @DecimalMax("1") double overdueRate,
        @DecimalMin("0") @DecimalMax("1") double satisfactionRate) {
}
