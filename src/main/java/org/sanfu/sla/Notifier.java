package org.sanfu.sla;

/**
 * A way of telling people. Called inside the ticket's transaction: an implementation must not throw,
 * block for long, or send anything before the transaction has committed.
 */
public interface Notifier {

    void send(Notification notification);
}
