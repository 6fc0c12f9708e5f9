package org.sanfu.sla;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The default notifier: a structured log line (key=value, for log shippers) and the notification
 * published as a Spring application event, for whatever in the service wants to react.
 */
@Component
class LogNotifier implements Notifier {

    private static final Logger log = LoggerFactory.getLogger("org.sanfu.notifications");

    private final ApplicationEventPublisher events;

    LogNotifier(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void send(Notification n) {
        log.atInfo()
                .addKeyValue("kind", n.kind())
                .addKeyValue("ticket", n.ticketId())
                .addKeyValue("recipient", n.recipient())
                .addKeyValue("deadline", n.deadline())
                .log("{} {} to {}: {}", n.kind(), n.ticketId() == null ? "several tickets" : "ticket " + n.ticketId(),
                        n.recipient(), n.text());
        events.publishEvent(n);
    }
}
