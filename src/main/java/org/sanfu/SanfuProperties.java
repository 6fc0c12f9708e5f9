package org.sanfu;

import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The one {@code sanfu.*} setting that belongs to the whole service rather than to a module: its
 * zone. Each module binds its own settings beside its code (calendar.CalendarProperties,
 * sla.SlaProperties, stats.RankingProperties, ...); a bad value stops start-up naming the setting.
 * The defaults are in config/application.yml.
 *
 * @param zone the zone of shown times and of working-day counting
 * @param earliestDate the floor of every date and time a request may send
 * @param latestDate the ceiling of every date a request may send, so that no date arithmetic overflows
 */
@ConfigurationProperties("sanfu")
@Validated
public record SanfuProperties(@NotNull ZoneId zone, @DefaultValue("2000-01-01") LocalDate earliestDate,
        @DefaultValue("2999-12-31") LocalDate latestDate) {

    /**
     * The start of {@code earliestDate} in the service's zone: no date a request sends may lie before it
     * (400 naming the field), so no deadline arithmetic on an absurd year can overflow.
     */
    public java.time.Instant earliest() {
        return earliestDate.atStartOfDay(zone).toInstant();
    }
}
