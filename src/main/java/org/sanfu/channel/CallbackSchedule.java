package org.sanfu.channel;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When callbacks are sent: right after a transaction that stored one commits ({@link CallbackOutbox}),
 * and every {@code sanfu.channels.poll-interval} for the retries that came due, on one background thread
 * of its own: no request and no ticket's transaction ever waits for a channel.
 */
@Component
class CallbackSchedule {

    private static final Logger log = LoggerFactory.getLogger(CallbackSchedule.class);

    private final CallbackSender sender;
    private final ChannelProperties properties;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "channel-callbacks");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean requested = new AtomicBoolean();

    CallbackSchedule(CallbackSender sender, ChannelProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = properties.pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
    }

    /** A callback was stored and committed: sends it now rather than at the next poll. */
    void sendSoon() {
        if (requested.compareAndSet(false, true)) {
            thread.execute(this::run);
        }
    }

    private void run() {
        requested.set(false);
        try {
            sender.sendDue();
        } catch (RuntimeException e) {
            log.warn("sending callbacks failed, next pass retries: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}
