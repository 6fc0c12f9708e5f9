package org.sanfu;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TimeConfig {

    /**
     * The service's one source of time. It reads Camunda's clock so that a process test which moves
     * {@link ClockUtil} moves deadlines, timers and timestamps together.
     */
    @Bean
    Clock clock(SanfuProperties properties) {
        return new EngineClock(properties.zone());
    }

    /**
     * Instants are written as ISO-8601 with the offset of the service's zone (API.md), with milliseconds: three
     * fraction digits whatever the value (ISO_OFFSET_DATE_TIME wrote .1, .12 or none as the value fell), the clock's
     * precision. A moment stored finer (one sent in with microseconds) keeps its digits, six or nine, never rounded:
     * given back (a pull's updatedSince) it must select exactly what it did.
     */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer instantsInServiceZone(SanfuProperties properties) {
        DateTimeFormatter millis = withFraction(3).withZone(properties.zone());
        DateTimeFormatter micros = withFraction(6).withZone(properties.zone());
        DateTimeFormatter nanos = withFraction(9).withZone(properties.zone());
        return builder -> builder.serializerByType(Instant.class, new JsonSerializer<Instant>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                int nano = value.getNano();
                gen.writeString((nano % 1_000_000 == 0 ? millis : nano % 1_000 == 0 ? micros : nanos).format(value));
            }
        });
    }

    /** ISO_OFFSET_DATE_TIME with exactly {@code digits} fraction digits. */
    private static DateTimeFormatter withFraction(int digits) {
        return new DateTimeFormatterBuilder().append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
                .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
                .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
                .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
                .appendFraction(ChronoField.NANO_OF_SECOND, digits, digits, true)
                .appendOffsetId().toFormatter();
    }

    static final class EngineClock extends Clock {
        private final ZoneId zone;

        EngineClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new EngineClock(other);
        }

        @Override
        public Instant instant() {
            return ClockUtil.getCurrentTime().toInstant();
        }
    }
}
