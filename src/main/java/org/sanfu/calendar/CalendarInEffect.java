package org.sanfu.calendar;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every running node counts new deadlines on the calendar in effect, the one on record. In a rolling update
 * (the State Council's notice given to one node after another), the first node to restart with the new file
 * recounts the running deadlines on it and records it; a node still running on the old file would go on
 * counting new deadlines on that file until its own restart, and they would stay counted so. Instead each
 * node looks every {@code sanfu.calendar.follow-interval} and, when the calendar on record is no longer the
 * one it counts on, counts on the recorded one from then on. Its own file counts again when it restarts
 * with it (ticket.DeadlineRecount then refuses a file older than the calendar in effect).
 */
@Component
public class CalendarInEffect {

    private static final Logger log = LoggerFactory.getLogger(CalendarInEffect.class);

    private final CalendarOnRecord onRecord;
    private final WorkingDayCalendar calendar;
    private final CalendarProperties settings;
    private final Clock clock;
    /** The text on record when this node last followed it (or found nothing to change). */
    private volatile String lastSeen;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "calendar-in-effect");
        t.setDaemon(true);
        return t;
    });

    CalendarInEffect(CalendarOnRecord onRecord, WorkingDayCalendar calendar, CalendarProperties settings, Clock clock) {
        this.onRecord = onRecord;
        this.calendar = calendar;
        this.settings = settings;
        this.clock = clock;
    }

    /** After the start's own recount recorded (or found) the calendar this node counts on. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = settings.followInterval().toMillis();
        if (every > 0) {
            thread.scheduleWithFixedDelay(this::followQuietly, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Counts on the calendar on record, if it is not the one counted on already. Whether the counting
     * changed.
     */
    public boolean follow() {
        Optional<String> recorded = onRecord.recorded();
        // the same text as last time changes nothing: not parsed again every minute
        if (recorded.isEmpty() || recorded.get().equals(lastSeen)) {
            return false;
        }
        LocalDate today = LocalDate.now(clock.withZone(calendar.zone()));
        boolean changed = calendar.follow(recorded.get(), today);
        lastSeen = recorded.get();
        if (!changed) {
            return false;
        }
        if (calendar.countsOnFile()) {
            log.info("the holiday calendar in effect is this node's file again; deadlines are counted on it");
        } else {
            log.warn("the holiday calendar in effect is no longer this node's file ({}): another node started with"
                    + " another one{}. New deadlines are counted on the calendar in effect until this node restarts;"
                    + " give it the other nodes' file first", settings.holidaysFile(), lacking());
        }
        return true;
    }

    /** The years by notice that the calendar in effect has and this node's file lacks, as the log says them. */
    private String lacking() {
        List<Integer> years = noticesLackedOnFile();
        return years.isEmpty() ? "" : ", with the State Council's notice for " + years;
    }

    /**
     * The years (this one and later) that the calendar counted on has by the State Council's notice and this
     * node's holiday file has not: what /admin asks the office to give this node.
     */
    public List<Integer> noticesLackedOnFile() {
        return calendar.noticesLackedOnFile(LocalDate.now(clock.withZone(calendar.zone())).getYear());
    }

    private void followQuietly() {
        try {
            follow();
        } catch (RuntimeException e) {
            log.warn("could not follow the holiday calendar in effect; looking again later: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}
