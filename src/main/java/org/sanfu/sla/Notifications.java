package org.sanfu.sla;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Every reminder, overdue mark and supervision goes out through here, to every configured notifier. */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final List<Notifier> notifiers;

    Notifications(List<Notifier> notifiers) {
        this.notifiers = notifiers;
    }

    public void send(Notification notification) {
        for (Notifier notifier : notifiers) {
            try {
                notifier.send(notification);
            } catch (RuntimeException e) {
                // a notifier's failure must never undo the ticket's change
                log.warn("notifier {} failed for ticket {}: {}", notifier.getClass().getSimpleName(),
                        notification.ticketId(), e.toString());
            }
        }
    }
}
