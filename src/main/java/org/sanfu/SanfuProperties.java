package org.sanfu;

import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The one {@code sanfu.*} setting that belongs to the whole service rather than to a module: its
 * zone. Each module binds its own settings beside its code (calendar.CalendarProperties,
 * sla.SlaProperties, stats.RankingProperties, ...); a bad value stops start-up naming the setting.
 * The defaults are in config/application.yml.
 *
 * @param zone the zone of shown times and of working-day counting
 */
@ConfigurationProperties("sanfu")
@Validated
public record SanfuProperties(@NotNull ZoneId zone) {
}
